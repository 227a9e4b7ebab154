import { describe, expect, it } from 'vitest';
import { explainFfmpegFailure, explainObsStreamFailure } from '../../../../../electron/features/output/domain/rtmp-errors';

const key = 'SECRETKEY-123456';
const context = { host: 'push.example.com', port: 1935, secrets: [`rtmp://push.example.com/live/${key}`, key], relayUrl: 'rtmp://127.0.0.1:40000/live/show-abc' };

describe('ffmpeg failures in plain words', () => {
  it.each([
    ['Connection to tcp://push.example.com:1935?tcp_nodelay=0 failed: Connection refused\nrtmp://push.example.com/live/SECRETKEY-123456: Connection refused', 'refused', 'refused the connection'],
    ['Failed to resolve hostname push.example.com: Name or service not known', 'dns', 'was not found'],
    ['av_interleaved_write_frame(): Connection reset by peer\nError writing trailer of rtmp://push.example.com/live/SECRETKEY-123456: Connection reset by peer', 'closed', 'closed the connection'],
    ['Connection to tcp://push.example.com:1935 failed: Connection timed out', 'timeout', 'did not answer in time'],
    ['[rtmp @ 0x1] Server error: NetStream.Publish.BadName', 'rejected', 'refused the stream key'],
    ['[tls @ 0x1] Error in the pull function.\nTLS handshake failed', 'tls', 'secure (rtmps) connection'],
  ])('explains %j', (stderr, code, words) => {
    const problem = explainFfmpegFailure(stderr, context);
    expect(problem.code).toBe(code);
    expect(problem.message).toContain(words);
    expect(problem.message).not.toContain(key);
  });

  it('blames the relay when the failing URL is the relay input, and scrubs keys from unknown errors', () => {
    expect(explainFfmpegFailure('rtmp://127.0.0.1:40000/live/show-abc: Input/output error', context).code).toBe('relay');
    const unknown = explainFfmpegFailure(`rtmp://push.example.com/live/${key}: Something odd happened`, context);
    expect(unknown.code).toBe('unknown');
    expect(unknown.message).toContain('Something odd happened');
    expect(unknown.message).not.toContain(key);
  });
});

describe("OBS's stream failures from its log", () => {
  it('maps the output codes OBS logs', () => {
    const tail = "info: [rtmp stream: 'adv_stream'] Connecting to RTMP URL rtmp://127.0.0.1:1/live...\ninfo: [rtmp stream: 'adv_stream'] Connection to rtmp://127.0.0.1:1/live failed: -2";
    expect(explainObsStreamFailure(tail, '127.0.0.1')).toMatchObject({ code: 'refused', message: expect.stringContaining('could not connect to 127.0.0.1') });
    expect(explainObsStreamFailure('Connection to rtmp://x/live failed: -3', 'x').code).toBe('rejected');
    expect(explainObsStreamFailure('nothing useful', 'x').code).toBe('obs');
  });
});
