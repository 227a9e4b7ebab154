import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PublishRoute } from '../../../../electron/features/output/engine/publish-route';
import { ffprobeStreams, publishTestStream, startNginxRtmp, type NginxRtmpHandle, type TestPublisher } from '../../../helpers/nginx-rtmp';
import { freePort } from '../../../helpers/free-port';
import { startTlsTerminator, type TlsTerminator } from '../../../helpers/tls-terminator';
import { waitUntil } from '../../../helpers/wait';

// A destination's publish route between a real ffmpeg (the fan-out's) and a real nginx-rtmp (the platform): ffmpeg's
// arguments hold a loopback address and a token, never the key, and the server still gets the right application and
// stream name. Also what the route refuses, and how it reports a destination it cannot reach.
describe('publish route (the stream key stays in the engine)', () => {
  const KEY = 'live_4821_Xq9TzKwC7pLmN2vB';
  let nginx: NginxRtmpHandle | null = null;
  let route: PublishRoute | null = null;
  let recorder: Server | null = null;
  let tls: TlsTerminator | null = null;
  const publishers: TestPublisher[] = [];

  afterEach(async () => {
    for (const p of publishers.splice(0)) await p.stop();
    await route?.close();
    route = null;
    await tls?.stop();
    tls = null;
    await nginx?.stop();
    nginx = null;
    await new Promise<void>((resolve) => (recorder ? recorder.close(() => resolve()) : resolve()));
    recorder = null;
  });

  it('ffmpeg publishes through the route: nginx-rtmp gets the stream under the real application and key', async () => {
    nginx = await startNginxRtmp();
    route = await PublishRoute.open({ name: 'Test server', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY });
    expect(route.localUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{24}\/stream-[0-9a-f]{24}$/);
    expect(route.localUrl).not.toContain(KEY);
    const publisher = publishTestStream(route.localUrl, 60);
    publishers.push(publisher);
    // nginx-rtmp only plays a stream published under exactly this application and name.
    const streams = await ffprobeStreams(nginx.url('live', KEY), 15_000);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(route.takeProblem()).toBeNull();
  }, 60_000);

  it('drops a publisher without the route token before anything reaches the destination', async () => {
    const received: Buffer[] = [];
    recorder = createServer((socket) => {
      socket.on('data', (b) => received.push(b));
      // Answer the handshake (S0 + S1 + S2) so the publisher goes on to connect.
      socket.once('data', () => socket.write(Buffer.alloc(1 + 1536 + 1536, 3)));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => recorder!.listen(port, '127.0.0.1', () => resolve()));
    route = await PublishRoute.open({ name: 'Test server', server: `rtmp://127.0.0.1:${port}/live`, key: KEY });
    const wrong = route.localUrl.replace(/\/[0-9a-f]{24}\//, '/000000000000000000000000/');
    const publisher = publishTestStream(wrong, 10);
    publishers.push(publisher);
    const result = await publisher.exited;
    expect(result.code).not.toBe(0);
    await waitUntil(() => received.length > 0, 5000, 'the handshake reached the recorder');
    const bytes = Buffer.concat(received);
    expect(bytes.includes(Buffer.from(KEY))).toBe(false);
    expect(bytes.includes(Buffer.from('connect'))).toBe(false);
    expect(route.takeProblem()).toMatch(/without its token/);
  }, 30_000);

  it('says why a destination cannot be reached (connection refused), in node\'s words the explainer knows', async () => {
    const closed = await freePort();
    route = await PublishRoute.open({ name: 'Test server', server: `rtmp://127.0.0.1:${closed}/live`, key: KEY });
    const publisher = publishTestStream(route.localUrl, 10);
    publishers.push(publisher);
    expect((await publisher.exited).code).not.toBe(0);
    const problem = route.takeProblem();
    expect(problem).toMatch(/ECONNREFUSED/);
    expect(problem).not.toContain(KEY);
  }, 30_000);

  it('takes one publisher at a time: a second one is dropped while the first is on air', async () => {
    nginx = await startNginxRtmp();
    route = await PublishRoute.open({ name: 'Test server', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY });
    publishers.push(publishTestStream(route.localUrl, 60));
    await ffprobeStreams(nginx.url('live', KEY), 15_000);
    const second = publishTestStream(route.localUrl, 10);
    publishers.push(second);
    expect((await second.exited).code).not.toBe(0);
    expect((await ffprobeStreams(nginx.url('live', KEY), 15_000)).some((s) => s.codec_type === 'video')).toBe(true);
  }, 60_000);

  it('rtmps:// goes out over TLS from the route (ffmpeg speaks plain RTMP to it): the stream arrives behind a TLS ingest', async () => {
    nginx = await startNginxRtmp();
    tls = await startTlsTerminator(nginx.port);
    route = await PublishRoute.open({ name: 'Secure server', server: `rtmps://127.0.0.1:${tls.port}/live`, key: KEY, trustedCa: tls.certificate });
    publishers.push(publishTestStream(route.localUrl, 60));
    const streams = await ffprobeStreams(nginx.url('live', KEY), 15_000);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(route.takeProblem()).toBeNull();
  }, 60_000);

  it('an rtmps:// server whose certificate is not trusted is refused, and the reason names the certificate', async () => {
    nginx = await startNginxRtmp();
    tls = await startTlsTerminator(nginx.port);
    route = await PublishRoute.open({ name: 'Secure server', server: `rtmps://127.0.0.1:${tls.port}/live`, key: KEY });
    const publisher = publishTestStream(route.localUrl, 10);
    publishers.push(publisher);
    expect((await publisher.exited).code).not.toBe(0);
    expect(route.takeProblem()).toMatch(/certificate/i);
  }, 30_000);
});
