import { spawn, type ChildProcess } from 'node:child_process';
import type { Pixels } from './png-pixels';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';
import { makeTempDir } from './temp-dir';
import { stopChild } from './stop-child';

/** A running nginx with the RTMP module, listening on loopback only. */
export interface NginxRtmpHandle {
  /** Port of the RTMP listener on 127.0.0.1. */
  port: number;
  /** RTMP URL of a stream, e.g. `rtmp://127.0.0.1:PORT/live/test`. */
  url(app?: string, key?: string): string;
  /** Pid of the nginx master (its one worker is a child of it). */
  masterPid: number;
  /** Stops nginx, waits for it to exit and removes its prefix dir. */
  stop(): Promise<void>;
}

/** One stream as ffprobe describes it. */
export interface ProbedStream {
  codec_name: string;
  codec_type: string;
  width?: number;
  height?: number;
}

/** A running ffmpeg publisher. */
export interface TestPublisher {
  /** Resolves when ffmpeg exits on its own (end of duration or error), with its exit code and stderr tail. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Stops ffmpeg (if still running) and waits for it to exit. */
  stop(): Promise<void>;
}

const SYSTEM_DEPS_HINT = 'run npm run system-deps';
const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

/** Paths where Debian's libnginx-mod-rtmp puts the module; the modules-available snippets say which one. */
const MODULE_CANDIDATES = ['/usr/lib/nginx/modules/ngx_rtmp_module.so', '/usr/share/nginx/modules/ngx_rtmp_module.so'];
const MODULE_SNIPPET_DIRS = ['/usr/share/nginx/modules-available', '/etc/nginx/modules-enabled'];

/** Finds the nginx RTMP module on this machine, or null. */
export function findRtmpModule(): string | null {
  for (const candidate of MODULE_CANDIDATES) if (existsSync(candidate)) return candidate;
  // Fall back to the load_module lines Debian ships; relative paths there are relative to /usr/share/nginx.
  for (const dir of MODULE_SNIPPET_DIRS) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.includes('rtmp')) continue;
      let text: string;
      try {
        text = readFileSync(join(dir, name), 'utf8');
      } catch {
        continue;
      }
      const match = /load_module\s+([^;\s]+)\s*;/.exec(text);
      if (!match) continue;
      const path = match[1]!.startsWith('/') ? match[1]! : join('/usr/share/nginx', match[1]!);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

/**
 * Starts nginx with only an RTMP server (`application live`) on a free loopback port (or `options.port`, to bring a
 * stopped server back where its clients expect it), in a temp prefix dir. Resolves once the port accepts TCP.
 */
export async function startNginxRtmp(options: { port?: number } = {}): Promise<NginxRtmpHandle> {
  const modulePath = findRtmpModule();
  if (!modulePath) throw new Error(`nginx RTMP module (ngx_rtmp_module.so) not found: ${SYSTEM_DEPS_HINT} (Debian package libnginx-mod-rtmp).`);
  const port = options.port ?? (await freePort());
  const dir = makeTempDir('anchor-nginx-');
  const conf = join(dir.path, 'nginx.conf');
  writeFileSync(
    conf,
    [
      `load_module ${modulePath};`,
      'daemon off;',
      // Debian's default nginx runs as root with workers as www-data; a master + one worker mirrors production
      // while staying light on 2 cores.
      'master_process on;',
      'worker_processes 1;',
      `error_log ${join(dir.path, 'error.log')} info;`,
      `pid ${join(dir.path, 'nginx.pid')};`,
      'events { worker_connections 256; }',
      'rtmp {',
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    application live { live on; record off; }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );

  // `-e` sends the log written before the config is parsed to our dir, not /var/log/nginx (which may be unwritable).
  // By full path, found on the test's own PATH: a studio under test may run with a PATH that has no nginx.
  const nginx = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'nginx')).find((p) => existsSync(p)) ?? 'nginx';
  const child = spawn(nginx, ['-c', conf, '-p', dir.path, '-e', join(dir.path, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = tail(child);
  const cleanup = async () => {
    await stopChild(child, 'SIGTERM', STOP_GRACE_MS);
    dir.remove();
  };

  try {
    await Promise.race([
      waitForPort(port, READY_TIMEOUT_MS),
      new Promise<never>((_, reject) => {
        child.once('error', (err: NodeJS.ErrnoException) =>
          reject(err.code === 'ENOENT' ? new Error(`nginx not found: ${SYSTEM_DEPS_HINT} (Debian package nginx).`) : err),
        );
        child.once('exit', (code, signal) => {
          const log = readIfExists(join(dir.path, 'error.log'));
          reject(new Error(`nginx exited before listening (code ${code}, signal ${signal}).\nstderr:\n${stderr()}\nerror.log:\n${log}`));
        });
      }),
    ]);
  } catch (err) {
    await cleanup();
    throw err;
  }

  return {
    port,
    url: (app = 'live', key = 'test') => `rtmp://127.0.0.1:${port}/${app}/${key}`,
    masterPid: child.pid!,
    stop: cleanup,
  };
}

/**
 * Publishes a synthetic stream (testsrc2 at 30 fps, 640x360 unless `size` says otherwise, + 1 kHz sine) to an RTMP URL
 * with x264 + AAC, as OBS would. The stream ends by itself after `seconds`; `stop()` ends it early.
 */
export function publishTestStream(url: string, seconds: number, size = '640x360'): TestPublisher {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      // -re paces input at real time, like a live encoder; without it ffmpeg would push all seconds at once.
      ...['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`],
      ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=44100'],
      ...['-t', String(seconds)],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '30'],
      ...['-c:a', 'aac', '-b:a', '128k'],
      ...['-f', 'flv', url],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stderr = tail(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(`ffmpeg not found: ${SYSTEM_DEPS_HINT} (Debian package ffmpeg).`) : err),
    );
    child.once('exit', (code, signal) => resolve({ code, signal, stderr: stderr() }));
  });
  // A caller that only uses stop() must not get an unhandled rejection from a missing binary.
  exited.catch(() => undefined);
  return { exited, stop: () => stopChild(child, 'SIGINT', STOP_GRACE_MS) };
}

/**
 * Reads the streams of a media URL with ffprobe. Rejects with ffprobe's message when it fails or takes
 * longer than `timeoutMs` (an RTMP play of a stream nobody publishes would otherwise wait forever).
 */
export function ffprobeStreams(url: string, timeoutMs: number): Promise<ProbedStream[]> {
  const child = spawn(
    'ffprobe',
    [
      ...['-v', 'error'],
      // rw_timeout is in microseconds; it bounds each network read, the outer timer bounds the whole probe.
      ...['-rw_timeout', String(timeoutMs * 1000)],
      ...['-show_entries', 'stream=codec_name,codec_type,width,height', '-of', 'json', url],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const stderr = tail(child);
  return new Promise<ProbedStream[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child, 'SIGKILL', STOP_GRACE_MS).then(() => reject(new Error(`ffprobe ${url} took longer than ${timeoutMs} ms. stderr:\n${stderr()}`)));
    }, timeoutMs);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new Error(`ffprobe not found: ${SYSTEM_DEPS_HINT} (Debian package ffmpeg).`) : err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`ffprobe ${url} failed (code ${code}): ${stderr().trim() || '(no output)'}`));
        return;
      }
      try {
        const parsed = JSON.parse(stdout) as { streams?: ProbedStream[] };
        resolve(parsed.streams ?? []);
      } catch {
        reject(new Error(`ffprobe printed something that is not JSON: ${stdout.slice(0, 500)}`));
      }
    });
  });
}

/** Resolves when something accepts TCP on 127.0.0.1:port; rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`Nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    // Retry interval of a readiness poll, not a fixed sleep: nginx gives no other ready signal in daemon-off mode.
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when a TCP connection to 127.0.0.1:port succeeds right now. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text = (text + chunk).slice(-4000);
  });
  return () => text;
}

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-4000);
  } catch {
    return '(none)';
  }
}

/** A running ffmpeg that reads a stream and writes it unchanged to a file, reporting how far it got. */
export interface StreamReader {
  /** Media time read so far (from ffmpeg's -progress), in microseconds. */
  outTimeUs(): number;
  /** True while ffmpeg still runs (it exits when the stream breaks for longer than its read timeout). */
  isRunning(): boolean;
  /** Ends the recording cleanly and waits for ffmpeg. */
  stop(): Promise<void>;
}

/** Reads `url` with ffmpeg (stream copy into an MPEG-TS file at `file`), like a viewer that never looks away. */
export function readStream(url: string, file: string): StreamReader {
  const child = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-rw_timeout', '5000000', '-i', url],
      ...['-map', '0', '-c', 'copy', '-f', 'mpegts', '-progress', 'pipe:1', '-stats_period', '0.5', '-y', file],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  tail(child);
  let outTimeUs = 0;
  let running = true;
  child.once('exit', () => (running = false));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/^out_time_us=(\d+)$/gm)) outTimeUs = Math.max(outTimeUs, Number(m[1]));
  });
  return { outTimeUs: () => outTimeUs, isRunning: () => running, stop: () => stopChild(child, 'SIGINT', STOP_GRACE_MS) };
}

/** Presentation times (seconds) of a file's video packets, in file order. */
export function videoPacketTimes(file: string): Promise<number[]> {
  const child = spawn('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`ffprobe ${file} failed (code ${code})`));
      else resolve(out.split('\n').map((l) => Number.parseFloat(l)).filter((n) => Number.isFinite(n)));
    });
  });
}

/** One decoded frame of a live stream as RGB pixels (the first whole frame a viewer joining now would see). */
export function grabFrame(url: string, width: number, height: number, timeoutMs = 15_000): Promise<Pixels> {
  const child = spawn(
    'ffmpeg',
    [...['-v', 'error', '-rw_timeout', String(timeoutMs * 1000), '-i', url], ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, 'pipe:1']],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  const stderr = tail(child);
  return new Promise<Pixels>((resolve, reject) => {
    const timer = setTimeout(() => void stopChild(child, 'SIGKILL', STOP_GRACE_MS).then(() => reject(new Error(`no frame from ${url} in ${timeoutMs} ms`))), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const data = Buffer.concat(chunks);
      if (code !== 0 || data.length !== width * height * 3) reject(new Error(`no frame from ${url} (code ${code}): ${stderr().trim()}`));
      else resolve({ width, height, data });
    });
  });
}
