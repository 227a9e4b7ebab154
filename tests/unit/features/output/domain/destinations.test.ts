import { describe, expect, it } from 'vitest';
import { checkServerUrl, PLATFORM_IDS, PLATFORM_PRESETS, pushUrl, serverKeyConflict, streamKeyProblem } from '../../../../../electron/features/output/domain/destinations';

describe('server URL check', () => {
  it('accepts rtmp and rtmps with a host and an application path, normalised', () => {
    const youtube = checkServerUrl('  RTMP://a.rtmp.YouTube.com/live2/ ');
    expect(youtube).toEqual({
      ok: true,
      address: { scheme: 'rtmp', host: 'a.rtmp.youtube.com', port: 1935, path: 'live2', normalized: 'rtmp://a.rtmp.youtube.com/live2' },
    });
    const tls = checkServerUrl('rtmps://live-api-s.facebook.com:443/rtmp');
    expect(tls.ok && tls.address).toMatchObject({ scheme: 'rtmps', port: 443 });
    expect(checkServerUrl('rtmps://ingest.example.com/app').ok && checkServerUrl('rtmps://ingest.example.com/app')).toMatchObject({ address: { port: 443 } });
    const local = checkServerUrl('rtmp://127.0.0.1:19350/live');
    expect(local.ok && local.address).toMatchObject({ host: '127.0.0.1', port: 19350 });
    const v6 = checkServerUrl('rtmp://[::1]:1935/live');
    expect(v6.ok && v6.address).toMatchObject({ host: '::1', port: 1935 });
  });

  it.each([
    ['', 'Enter the server URL'],
    ['http://example.com/live', 'http:// is not supported'],
    ['srt://example.com:9000', 'srt:// is not supported'],
    ['example.com/live', 'must start with rtmp:// or rtmps://'],
    ['rtmp:///live', 'no host name'],
    ['rtmp://exa mple.com/live', 'spaces or invisible characters'],
    ['rtmp://example.com', 'application path'],
    ['rtmp://example.com:0/live', 'between 1 and 65535'],
    ['rtmp://example.com:70000/live', 'between 1 and 65535'],
    ['rtmp://bad_host!/live', 'host name in the server URL is not valid'],
    ['rtmp://example.com//live', 'empty or "." parts'],
  ])('refuses %j with a sentence saying what to fix', (url, expected) => {
    const result = checkServerUrl(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(expected);
  });

  it('refuses secrets in the server URL without repeating them', () => {
    const secret = 'sign=abc123SECRETxyz';
    const query = checkServerUrl(`rtmp://push.example.com/live/room?${secret}`);
    expect(!query.ok && query.message).toContain('stream key field');
    expect(JSON.stringify(query)).not.toContain(secret);
    const credentials = checkServerUrl('rtmp://user:hunter2pass@push.example.com/live');
    expect(!credentials.ok && credentials.message).toContain('user name or password');
    expect(JSON.stringify(credentials)).not.toContain('hunter2pass');
    expect(serverKeyConflict('rtmp://push.example.com/live/live_123456_abcdef', 'live_123456_abcdef')).toContain('contains the stream key');
    expect(serverKeyConflict('rtmp://push.example.com/live', 'live_123456_abcdef')).toBeNull();
  });
});

describe('stream key check', () => {
  it('accepts a platform key (query-style signatures included) and refuses the usual paste mistakes', () => {
    expect(streamKeyProblem('live_8877_abcdef?sign=00ff&t=1763740800')).toBeNull();
    expect(streamKeyProblem('')).toContain('Enter the stream key');
    expect(streamKeyProblem('rtmp://push.example.com/live/abc')).toContain('whole push address');
    expect(streamKeyProblem('abc def')).toContain('spaces');
    expect(streamKeyProblem('k'.repeat(513))).toContain('longer than 512');
  });

  it('joins server and key into the push URL', () => {
    expect(pushUrl('rtmp://a.rtmp.youtube.com/live2/', 'abcd-efgh')).toBe('rtmp://a.rtmp.youtube.com/live2/abcd-efgh');
  });
});

describe('platform presets', () => {
  it('suggest vertical for mobile-first platforms and carry only valid public servers', () => {
    for (const id of ['channels', 'kuaishou', 'taobao', 'tiktok'] as const) expect(PLATFORM_PRESETS[id].canvas).toBe('vertical');
    for (const id of ['youtube', 'twitch', 'bilibili'] as const) expect(PLATFORM_PRESETS[id].canvas).toBe('horizontal');
    for (const id of PLATFORM_IDS) {
      const server = PLATFORM_PRESETS[id].server;
      if (server) expect(checkServerUrl(server).ok, id).toBe(true);
    }
    expect(PLATFORM_PRESETS.channels.server).toBeNull();
  });
});
