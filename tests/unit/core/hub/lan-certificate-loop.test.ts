import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { expect, it } from 'vitest';
import { createFileSecretBox } from '../../../../electron/core/hub/auth/secret-box';
import { lanCertificate } from '../../../../electron/core/hub/lan-certificate';
import { makeTempDir } from '../../../helpers/temp-dir';

/** The longest stretch (ms) the event loop went without running a 1 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

// The anchor may turn LAN sharing on mid-show: making the certificate must not hold the hub's loop (chat, orders,
// tallies) for the time an RSA key takes to make (60-170 ms here) or node-forge takes to sign (20-50 ms).
it('makes the LAN certificate without holding the event loop for as long as making a key does', async () => {
  const dir = makeTempDir('anchor-lan-loop-');
  const warm = makeTempDir('anchor-lan-warm-');
  try {
    // Warm: node-forge loaded and the key code run once, so only the making itself is measured.
    await lanCertificate(warm.path, createFileSecretBox(warm.path), ['10.0.0.1'], { info: () => undefined });
    const keyMs = Math.min(
      ...[0, 1, 2].map(() => {
        const t = performance.now();
        generateKeyPairSync('rsa', { modulusLength: 2048 });
        return performance.now() - t;
      }),
    );
    let made: Awaited<ReturnType<typeof lanCertificate>> | undefined;
    const stall = await longestStall(async () => {
      made = await lanCertificate(dir.path, createFileSecretBox(dir.path), ['192.168.1.20'], { info: () => undefined });
    });
    expect(stall).toBeLessThan(keyMs);
    // And the certificate is sound: signed by its own key, naming the address.
    const cert = new X509Certificate(made!.cert);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(made!.key))).toBe(true);
    expect(cert.subjectAltName).toContain('IP Address:192.168.1.20');
  } finally {
    dir.remove();
    warm.remove();
  }
}, 60_000);
