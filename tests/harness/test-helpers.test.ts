import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { canConnect, ffprobeStreams, publishTestStream, startNginxRtmp, type NginxRtmpHandle, type TestPublisher } from '../helpers/nginx-rtmp';
import { startXvfb, type XvfbHandle } from '../helpers/xvfb';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

describe('test harness helpers (real Xvfb, nginx-rtmp, ffmpeg, ffprobe)', () => {
  describe('missing system packages', () => {
    /** Runs `fn` with an empty PATH so spawn cannot find any binary, as on a machine without the packages. */
    async function withoutPath<T>(fn: () => Promise<T>): Promise<T> {
      const saved = process.env.PATH;
      process.env.PATH = '/nonexistent';
      try {
        return await fn();
      } finally {
        process.env.PATH = saved;
      }
    }

    it('names npm run system-deps when Xvfb, nginx, ffmpeg or ffprobe is absent', async () => {
      await withoutPath(async () => {
        await expect(startXvfb()).rejects.toThrow('Xvfb not found: run npm run system-deps');
        await expect(startNginxRtmp()).rejects.toThrow('nginx not found: run npm run system-deps');
        await expect(ffprobeStreams('rtmp://127.0.0.1:1/live/x', 2_000)).rejects.toThrow('ffprobe not found: run npm run system-deps');
        await expect(publishTestStream('rtmp://127.0.0.1:1/live/x', 1).exited).rejects.toThrow('ffmpeg not found: run npm run system-deps');
      });
    });
  });

  describe('freePort', () => {
    it('returns a loopback port nothing listens on', async () => {
      const port = await freePort();
      expect(port).toBeGreaterThan(0);
      expect(port).toBeLessThan(65536);
      expect(await canConnect(port)).toBe(false);
    });
  });

  describe('Xvfb', () => {
    let xvfb: XvfbHandle | undefined;
    afterAll(async () => {
      await xvfb?.stop();
    });

    it('starts on a free display that X clients can open, and is gone after stop()', async () => {
      xvfb = await startXvfb();
      expect(xvfb.display).toMatch(/^:\d+$/);
      const socketPath = `/tmp/.X11-unix/X${xvfb.display.slice(1)}`;
      expect(existsSync(socketPath)).toBe(true);
      if (hasCommand('xdpyinfo')) {
        // A real X client round trip, stronger than the socket file existing.
        const info = spawnSync('xdpyinfo', ['-display', xvfb.display], { encoding: 'utf8', timeout: 10_000 });
        expect(info.status, info.stderr).toBe(0);
        expect(info.stdout).toMatch(/dimensions:\s+1280x720 pixels/);
        expect(info.stdout).toMatch(/depth of root window:\s+24 planes/);
      }
      await xvfb.stop();
      xvfb = undefined;
      // Xvfb removes its socket on a clean SIGTERM exit; a leftover would mean the process was not really stopped.
      expect(existsSync(socketPath)).toBe(false);
    });

    it('gives two concurrent servers different displays', async () => {
      const a = await startXvfb();
      try {
        const b = await startXvfb();
        try {
          expect(b.display).not.toBe(a.display);
        } finally {
          await b.stop();
        }
      } finally {
        await a.stop();
      }
    });
  });

  describe('nginx-rtmp + ffmpeg + ffprobe', () => {
    let nginx: NginxRtmpHandle | undefined;
    let publisher: TestPublisher | undefined;
    beforeAll(async () => {
      nginx = await startNginxRtmp();
    });
    afterAll(async () => {
      await publisher?.stop();
      await nginx?.stop();
    });

    it('listens on loopback and builds RTMP URLs', async () => {
      expect(await canConnect(nginx!.port)).toBe(true);
      expect(nginx!.url()).toBe(`rtmp://127.0.0.1:${nginx!.port}/live/test`);
      expect(nginx!.url('live', 'abc')).toBe(`rtmp://127.0.0.1:${nginx!.port}/live/abc`);
    });

    it('relays a published test stream that ffprobe reads back as h264 640x360 + aac', async () => {
      publisher = publishTestStream(nginx!.url('live', 'harness'), 30);
      const streams = await ffprobeStreams(nginx!.url('live', 'harness'), 15_000);
      const video = streams.find((s) => s.codec_type === 'video');
      const audio = streams.find((s) => s.codec_type === 'audio');
      expect(video).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
      expect(audio).toMatchObject({ codec_name: 'aac' });
      await publisher.stop();
      publisher = undefined;
    });

    it('makes ffprobe fail with a clear error when the server is not there', async () => {
      const closedPort = await freePort();
      await expect(ffprobeStreams(`rtmp://127.0.0.1:${closedPort}/live/none`, 5_000)).rejects.toThrow(/ffprobe .* failed|took longer/);
    });

    it('closes the port after stop()', async () => {
      const { port } = nginx!;
      await nginx!.stop();
      nginx = undefined;
      expect(await canConnect(port)).toBe(false);
    });
  });
});
