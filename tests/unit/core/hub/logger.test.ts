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
});
