import { createServer } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFileSecretBox } from '../../../../electron/core/hub/auth/secret-box';
import { lanCertificate, LAN_CERTIFICATE_FILE } from '../../../../electron/core/hub/lan-certificate';
import { makeTempDir } from '../../../helpers/temp-dir';
import { createLogger } from '../../../../electron/core/hub/logger';
import { isLanPeerAllowed, isPrivateIPv4 } from '../../../../electron/core/domain/network-address';
import { createLanSharing, lanIPv4Addresses, type LanSharing } from '../../../../electron/core/hub/lan-sharing';
import { freePort } from '../../../helpers/free-port';
import { withTimeout } from '../../../helpers/wait';

describe('private addresses only', () => {
  it('knows the private blocks from their neighbours', () => {
    const yes = ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.20', '169.254.10.1', '100.64.0.1', '100.127.255.254', '::ffff:192.168.0.5'];
    const no = ['172.15.255.255', '172.32.0.1', '192.169.0.1', '11.0.0.1', '100.63.255.255', '100.128.0.1', '8.8.8.8', '127.0.0.1', '::1', 'fe80::1', '300.1.1.1', '', undefined];
    for (const a of yes) expect(isPrivateIPv4(a), a).toBe(true);
    for (const a of no) expect(isPrivateIPv4(a), String(a)).toBe(false);
  });

  it("shares on the computer's private addresses, never a public one", () => {
    const iface = (address: string, internal = false): NetworkInterfaceInfo =>
      ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;
    const interfaces = { lo: [iface('127.0.0.1', true)], eth0: [iface('203.0.113.7')], wlan0: [iface('192.168.1.20')], tun0: [iface('100.101.1.2')] };
    expect(lanIPv4Addresses(interfaces)).toEqual(['192.168.1.20', '100.101.1.2']);
  });

  it('lets in LAN peers and programs on this computer', () => {
    expect(isLanPeerAllowed('192.168.1.33')).toBe(true);
    expect(isLanPeerAllowed('127.0.0.1')).toBe(true);
    expect(isLanPeerAllowed('::1')).toBe(true);
    expect(isLanPeerAllowed('203.0.113.9')).toBe(false);
  });
});

describe('the LAN listener', () => {
  let lan: LanSharing | null = null;
  afterEach(async () => {
    await lan?.disable();
    lan = null;
  });

  /** Connects to 127.0.0.2 (standing in for the LAN address), sends a request, resolves with what came back. */
  const ask = (port: number) =>
    withTimeout(
      new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.2', port });
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('error', () => resolve(text));
        socket.on('close', () => resolve(text));
        socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      }),
      5000,
      'the LAN connection to end',
    );

  /** The same request over TLS, trusting only `ca`; resolves with the answer and the certificate's fingerprint. */
  const askSecurely = (port: number, ca: string) =>
    withTimeout(
      new Promise<{ text: string; fingerprint: string }>((resolve, reject) => {
        const socket = tlsConnect({ host: '127.0.0.2', port, ca });
        let text = '';
        let fingerprint = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('error', reject);
        socket.on('close', () => resolve({ text, fingerprint }));
        socket.on('secureConnect', () => {
          fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
          socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
        });
      }),
      5000,
      'the TLS connection to end',
    );

  const dir = makeTempDir('anchor-lan-');
  afterAll(() => dir.remove());
  const certificate = (addresses: readonly string[]) => lanCertificate(dir.path, createFileSecretBox(dir.path), addresses, { info: () => undefined });

  it('drops a peer from outside the private network before reading a byte, and says so in the log', async () => {
    const lines: string[] = [];
    const http = createServer((_req, res) => res.end('hub'));
    const port = await freePort();
    lan = createLanSharing(http, port, { addresses: () => ['127.0.0.2'], certificate, log: createLogger({ sink: (l) => lines.push(l) }), isPeerAllowed: () => false });
    await lan.enable();
    expect(await ask(port)).toBe('');
    expect(lines.some((l) => l.includes('LAN connection from outside the private network dropped'))).toBe(true);
  });

  it("serves an allowed peer over TLS with the studio's certificate for that address, and sends plain HTTP to https", async () => {
    const http = createServer((req, res) => res.end(`hub on ${lan!.carries(req.socket) ? 'the LAN' : 'loopback'}`));
    const port = await freePort();
    lan = createLanSharing(http, port, { addresses: () => ['127.0.0.2'], certificate, log: createLogger({ sink: () => undefined }) });
    expect(await lan.enable()).toEqual([`https://127.0.0.2:${port}`]);
    const { cert, fingerprint } = await certificate(['127.0.0.2']);
    expect(lan.fingerprint).toBe(fingerprint);
    // Trusting only the studio's certificate (pinned), with the hostname checked against its address.
    const answer = await askSecurely(port, cert);
    expect(answer.text).toContain('hub on the LAN');
    expect(answer.fingerprint).toBe(fingerprint);
    const plain = await ask(port);
    expect(plain).toMatch(/^HTTP\/1\.1 301/);
    expect(plain).toContain(`Location: https://127.0.0.2:${port}/`);
    expect(plain).not.toContain('hub on');
  });
});

describe('the LAN certificate', () => {
  it('is made once and kept, its key sealed; made again for a new address', async () => {
    const dir = makeTempDir('anchor-lan-cert-');
    try {
      const box = createFileSecretBox(dir.path);
      const log = { info: () => undefined };
      const first = await lanCertificate(dir.path, box, ['192.168.1.20'], log);
      expect(new X509Certificate(first.cert).subjectAltName).toContain('IP Address:192.168.1.20');
      expect((await lanCertificate(dir.path, box, ['192.168.1.20'], log)).fingerprint).toBe(first.fingerprint);
      const stored = readFileSync(join(dir.path, LAN_CERTIFICATE_FILE), 'utf8');
      expect(stored).not.toContain('PRIVATE KEY');
      expect(stored).not.toContain(first.key.split('\n')[1]!);
      const moved = await lanCertificate(dir.path, box, ['10.0.0.7'], log);
      expect(moved.fingerprint).not.toBe(first.fingerprint);
      // Near its end it is replaced before it runs out mid-show.
      expect((await lanCertificate(dir.path, box, ['10.0.0.7'], log, Date.now() + 820 * 86_400_000)).fingerprint).not.toBe(moved.fingerprint);
    } finally {
      dir.remove();
    }
  });
});
