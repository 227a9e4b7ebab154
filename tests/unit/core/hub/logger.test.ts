import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/core/hub/logger';

describe('structured logger', () => {
  it('writes one JSON object per line with level and fields', () => {
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l) }).info('hello', { port: 1 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'hello', port: 1 });
  });

  it('redacts secret-looking keys at any depth and registered secret values anywhere', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    log.addSecret('sk_live_abcdef123456');
    log.child({ component: 'test' }).warn('pushing to rtmp://x/live/sk_live_abcdef123456', {
      destination: { streamKey: 'plain-key-value', url: 'rtmp://server/app' },
      headers: { Authorization: 'Bearer zzz' },
      link: 'http://h/?token=abcdefgh&x=1',
    });
    const line = lines[0]!;
    expect(line).not.toContain('sk_live_abcdef123456');
    expect(line).not.toContain('plain-key-value');
    expect(line).not.toContain('Bearer zzz');
    expect(line).not.toContain('abcdefgh');
    expect(JSON.parse(line)).toMatchObject({ component: 'test', destination: { url: 'rtmp://server/app' } });
  });

  it('filters below the minimum level', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), minLevel: 'warn' });
    log.info('quiet');
    log.error('loud', { err: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).err).toEqual({ name: 'Error', message: 'boom' });
  });

  it('redacts a registered secret holding quotes, backslashes and non-ASCII, in fields, messages and errors', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l) });
    const secret = 'k"ey\\with-密钥-\u2028-9f3a';
    log.addSecret(secret);
    log.error(`push to rtmp://x/live/${secret} failed`, { detail: `server said ${secret}`, list: [secret], err: new Error(`bad key ${secret}`) });
    const line = lines[0]!;
    // Neither as written nor as JSON escapes it.
    expect(line).not.toContain(secret);
    expect(line).not.toContain(JSON.stringify(secret).slice(1, -1));
    const parsed = JSON.parse(line);
    expect(parsed.msg).toBe('push to rtmp://x/live/[redacted] failed');
    expect(parsed.detail).toBe('server said [redacted]');
    expect(parsed.list).toEqual(['[redacted]']);
    expect(parsed.err.message).toBe('bad key [redacted]');
  });
});
