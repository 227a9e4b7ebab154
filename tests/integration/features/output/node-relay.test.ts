import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeRtmpRelay } from '../../../../electron/features/output/engine/node-rtmp-relay';
import { ffprobeStreams, publishTestStream, readStream, videoPacketTimes, type StreamReader, type TestPublisher } from '../../../helpers/nginx-rtmp';
import { makeTempDir } from '../../../helpers/temp-dir';
import { waitUntil } from '../../../helpers/wait';

// The in-process relay with real ffmpegs on both sides: a publisher standing in for OBS (x264 + AAC, as OBS sends),
// readers standing in for the fan-outs. What the multistream show relies on: any number of readers, a publisher that
// reconnects without the readers noticing, loopback only, and a stop that closes every connection.
describe('the local relay (node-media-server RTMP inside the engine)', () => {
  const log = { info: () => undefined, warn: (msg: string, f?: object) => warnings.push(`${msg} ${JSON.stringify(f ?? {})}`) };
  const warnings: string[] = [];
  const scratch = makeTempDir('anchor-relay-');
  let relay: NodeRtmpRelay | null = null;
  const running: Array<TestPublisher | StreamReader> = [];

  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
    await relay?.stop();
    relay = null;
  });

  it('serves the published show to two readers at once, H.264 and AAC unchanged', async () => {
    relay = new NodeRtmpRelay(log);
    await relay.start();
    expect(relay.publishServer).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/);
    running.push(publishTestStream(relay.playUrl, 60));
    const [a, b] = await Promise.all([ffprobeStreams(relay.playUrl, 15_000), ffprobeStreams(relay.playUrl, 15_000)]);
    for (const streams of [a, b]) {
      expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
      expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    }
  }, 60_000);

  it('keeps a reader attached while the publisher drops and comes back, with the timeline going on', async () => {
    relay = new NodeRtmpRelay(log);
    await relay.start();
    const first = publishTestStream(relay.playUrl, 60);
    running.push(first);
    const file = join(scratch.path, 'reader.ts');
    const reader = readStream(relay.playUrl, file);
    running.push(reader);
    await waitUntil(() => reader.outTimeUs() > 3_000_000, 20_000, 'reader reading');
    await first.stop();
    const atDrop = reader.outTimeUs();
    // OBS's reconnect: the same computer publishes the same stream name again.
    running.push(publishTestStream(relay.playUrl, 60));
    await waitUntil(() => reader.outTimeUs() > atDrop + 4_000_000, 20_000, 'reader reading after the publisher came back');
    expect(reader.isRunning()).toBe(true);
    await reader.stop();
    const times = await videoPacketTimes(file);
    // The second publisher's timestamps continue the first's: no jump back to zero in what the reader wrote.
    const backwards = times.slice(1).filter((t, i) => t < times[i]! - 0.5);
    expect(backwards).toEqual([]);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThan(atDrop / 1e6 + 3);
  }, 90_000);

  it('listens on loopback only, and stop() ends every connection', async () => {
    relay = new NodeRtmpRelay(log);
    await relay.start();
    expect(relay.listenAddress).toBe('127.0.0.1');
    running.push(publishTestStream(relay.playUrl, 60));
    const reader = readStream(relay.playUrl, join(scratch.path, 'stop.ts'));
    running.push(reader);
    await waitUntil(() => reader.outTimeUs() > 1_000_000, 20_000, 'reader reading');
    expect(relay.connectionCount).toBe(2);
    await relay.stop();
    await waitUntil(() => !reader.isRunning(), 15_000, 'reader ended by the relay stop');
    expect(relay.connectionCount).toBe(0);
    expect(warnings.join('\n')).not.toMatch(/show-/);
  }, 60_000);
});
