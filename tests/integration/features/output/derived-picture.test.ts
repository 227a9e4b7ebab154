import { spawn } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { PROFILES } from '../../../../electron/core/engine/obs-config';
import { derivedArgs, derivePicture } from '../../../../electron/features/output/domain/dual-output';
import { ffprobeStreams, grabFrame, publishTestStream, startNginxRtmp, type NginxRtmpHandle, type TestPublisher } from '../../../helpers/nginx-rtmp';
import { makeTempDir } from '../../../helpers/temp-dir';
import { waitUntil } from '../../../helpers/wait';

// The derived picture's ffmpeg arguments, run by the real ffmpeg against nginx-rtmp (no OBS): both directions, the card
// read again when its file changes, audio passed through.
describe('derived picture: the arguments the engine gives ffmpeg', () => {
  let server: NginxRtmpHandle;
  const scratch = makeTempDir('anchor-derived-');
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    server = await startNginxRtmp();
  }, 30_000);

  afterAll(async () => {
    for (const r of running.reverse()) await r.stop();
    await server?.stop();
    scratch.remove();
  }, 30_000);

  /** Runs ffmpeg with `args` until the test ends. */
  function run(args: string[]): void {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] });
    // SIGKILL: nothing to finish cleanly, and a reader of a live stream may sit out SIGINT until its read times out.
    running.push({ stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGKILL')))) });
  }

  /** A full-size transparent card picture with one opaque block in its top-left quarter, in `colour`. */
  function card(file: string, size: { width: number; height: number }, colour: string): void {
    const canvas = createCanvas(size.width, size.height);
    const g = canvas.getContext('2d');
    g.fillStyle = colour;
    g.fillRect(20, 60, 120, 60);
    writeFileSync(`${file}.tmp`, canvas.toBuffer('image/png'));
    // As the painter does: readers see the old file or the new one, never half of one.
    renameSync(`${file}.tmp`, file);
  }

  it('16:9 -> 9:16 with its card: the size, audio, and a new card within a second or two', async () => {
    const studio = { ...PROFILES.test };
    const picture = derivePicture(studio, 'vertical')!;
    const cardFile = join(scratch.path, 'card.png');
    card(cardFile, picture.size, '#00ff00');
    const publisher: TestPublisher = publishTestStream(server.url('live', 'wide'), 60);
    running.push(publisher);
    run(derivedArgs(server.url('live', 'wide'), server.url('live', 'tall'), picture, cardFile));
    const streams = await ffprobeStreams(server.url('live', 'tall'), 20_000);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 360, height: 640 });
    expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    const at = (80 * 360 + 50) * 3; // inside the block
    const green = (await grabFrame(server.url('live', 'tall'), 360, 640)).data.subarray(at, at + 3);
    expect(green[1]).toBeGreaterThan(200);
    expect(green[0]).toBeLessThan(60);
    card(cardFile, picture.size, '#ff0000');
    await waitUntil(async () => {
      const px = (await grabFrame(server.url('live', 'tall'), 360, 640)).data.subarray(at, at + 3);
      return px[0]! > 200 && px[1]! < 60;
    }, 15_000, 'the new card in the picture');
  }, 60_000);

  it('9:16 -> 16:9: the whole vertical picture on a blurred fill', async () => {
    const studio = { ...PROFILES.test, width: 360, height: 640 };
    const picture = derivePicture(studio, 'horizontal')!;
    expect(picture.size).toEqual({ width: 640, height: 360 });
    const publisher = publishTestStream(server.url('live', 'vertical-show'), 60, '360x640');
    running.push(publisher);
    run(derivedArgs(server.url('live', 'vertical-show'), server.url('live', 'wide-derived'), picture, null));
    const streams = await ffprobeStreams(server.url('live', 'wide-derived'), 20_000);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(streams.some((s) => s.codec_type === 'audio')).toBe(true);
  }, 60_000);
});
