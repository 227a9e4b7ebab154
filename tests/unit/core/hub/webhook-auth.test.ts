import { describe, expect, it } from 'vitest';
import { loadIngestSecret, signWebhook, verifyWebhook } from '../../../../electron/core/hub/auth/webhook-auth';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../helpers/temp-dir';

const SECRET = 'a'.repeat(43);
const NOW = 1_800_000_000_000;
const ts = Math.floor(NOW / 1000);
const body = Buffer.from('{"messages":[]}');

describe('verifyWebhook', () => {
  it('accepts a fresh, correctly signed body', () => {
    expect(verifyWebhook(SECRET, { timestamp: String(ts), signature: signWebhook(SECRET, ts, body) }, body, NOW)).toBeNull();
  });

  it('refuses a signature made with another secret, over another body or another timestamp', () => {
    const cases = [
      signWebhook('b'.repeat(43), ts, body),
      signWebhook(SECRET, ts, Buffer.from('{"messages":[1]}')),
      signWebhook(SECRET, ts - 1, body),
      'sha256=',
      undefined,
    ];
    for (const signature of cases) {
      const refusal = verifyWebhook(SECRET, { timestamp: String(ts), signature }, body, NOW);
      expect(refusal?.status).toBe(401);
      expect(refusal?.message).toMatch(/X-Anchor-Signature/);
      expect(refusal?.message).not.toContain(SECRET);
    }
  });

  it('refuses stale, future and malformed timestamps', () => {
    const stale = ts - 301;
    expect(verifyWebhook(SECRET, { timestamp: String(stale), signature: signWebhook(SECRET, stale, body) }, body, NOW)?.message).toMatch(/5 minutes/);
    const future = ts + 301;
    expect(verifyWebhook(SECRET, { timestamp: String(future), signature: signWebhook(SECRET, future, body) }, body, NOW)?.status).toBe(401);
    expect(verifyWebhook(SECRET, { timestamp: '17e8', signature: 'x' }, body, NOW)?.message).toMatch(/epoch seconds/);
    const edge = ts - 299;
    expect(verifyWebhook(SECRET, { timestamp: String(edge), signature: signWebhook(SECRET, edge, body) }, body, NOW)).toBeNull();
  });
});

describe('loadIngestSecret', () => {
  it('prefers the environment, else generates once into a 0600 file and reuses it', () => {
    const dir = makeTempDir();
    try {
      expect(loadIngestSecret(dir.path, { ANCHOR_INGEST_SECRET: 'from-env-secret' })).toBe('from-env-secret');
      const first = loadIngestSecret(dir.path, {});
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(loadIngestSecret(dir.path, {})).toBe(first);
      expect(statSync(join(dir.path, 'ingest-secret')).mode & 0o777).toBe(0o600);
    } finally {
      dir.remove();
    }
  });
});
