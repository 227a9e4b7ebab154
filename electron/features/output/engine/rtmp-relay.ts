import { childEnv } from '../../../core/engine/child-env';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from '../../../core/engine/obs-process';
import type { EngineLogger } from '../../../core/engine/obs-session';
import { stopProcess } from '../../../core/engine/stop-process';

/**
 * The local RTMP relay for multistreaming: OBS publishes once to nginx with the RTMP module on 127.0.0.1, and one
 * ffmpeg per destination plays from it and pushes with stream copy. nginx-rtmp was chosen over `ffmpeg -listen 1`
 * because a listening ffmpeg serves exactly one reader (fan-out would need the tee muxer, whose failed targets are
 * dropped and never retried) and exits when OBS reconnects; nginx keeps listening, serves any number of readers and
 * survives a publisher that comes and goes. What a packaged app ships for it: docs/going-live.md.
 */

/** Where to find the relay server. */
export interface RelayLocateOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Packaged app: a bundled nginx with the RTMP module compiled in, in `<resources>/relay`. */
  resourcesPath?: string;
  /** An nginx binary chosen explicitly (also `ANCHOR_RELAY_NGINX`). */
  nginxPath?: string;
  /** The dynamic RTMP module for a system nginx; null = compiled in. */
  modulePath?: string | null;
  exists?: (path: string) => boolean;
}

/** The relay binary to run, or why there is none. */
export type RelayLocation = { found: true; nginx: string; module: string | null } | { found: false; message: string };

const MODULE_CANDIDATES = ['/usr/lib/nginx/modules/ngx_rtmp_module.so', '/usr/share/nginx/modules/ngx_rtmp_module.so', '/usr/local/lib/nginx/modules/ngx_rtmp_module.so'];

/** Finds nginx with the RTMP module: bundled copy first, then an explicit path, then the system's. */
export function locateRelay(options: RelayLocateOptions = {}): RelayLocation {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const exe = platform === 'win32' ? 'nginx.exe' : 'nginx';
  if (options.resourcesPath) {
    const bundled = join(options.resourcesPath, 'relay', exe);
    if (exists(bundled)) return { found: true, nginx: bundled, module: null };
  }
  const explicit = options.nginxPath ?? env.ANCHOR_RELAY_NGINX;
  const nginx =
    explicit && exists(explicit)
      ? explicit
      : [...(env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin', '/usr/local/bin']
          .filter(Boolean)
          .map((dir) => join(dir, exe))
          .find((p) => exists(p));
  if (!nginx) return { found: false, message: missingRelayMessage(platform) };
  if (options.modulePath !== undefined) {
    if (options.modulePath === null || exists(options.modulePath)) return { found: true, nginx, module: options.modulePath };
    return { found: false, message: `The nginx RTMP module was not found at ${options.modulePath}.` };
  }
  const module = MODULE_CANDIDATES.find((p) => exists(p)) ?? findModuleInSnippets(exists);
  // Builds with the module compiled in (Homebrew nginx-full, the bundled ones) need no load_module line; Debian's
  // nginx needs libnginx-mod-rtmp.
  if (!module && platform === 'linux') return { found: false, message: missingRelayMessage(platform) };
  return { found: true, nginx, module: module ?? null };
}

function missingRelayMessage(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'nginx with the RTMP module is not installed (Debian/Ubuntu: sudo apt install nginx libnginx-mod-rtmp).';
  return 'The relay (nginx with the RTMP module) is missing from this installation. Reinstall Anchor Studio.';
}

function findModuleInSnippets(exists: (p: string) => boolean): string | null {
  for (const dir of ['/usr/share/nginx/modules-available', '/etc/nginx/modules-enabled']) {
    if (!exists(dir)) continue;
    for (const name of safeReaddir(dir)) {
      if (!name.includes('rtmp')) continue;
      const match = /load_module\s+([^;\s]+)\s*;/.exec(safeRead(join(dir, name)));
      if (!match) continue;
      const path = match[1]!.startsWith('/') ? match[1]! : join('/usr/share/nginx', match[1]!);
      if (exists(path)) return path;
    }
  }
  return null;
}

/** The nginx.conf of the relay: one RTMP application on loopback, publish and play from this computer only. */
export function relayConfig(input: { port: number; dir: string; module: string | null }): string {
  return [
    ...(input.module ? [`load_module ${input.module};`] : []),
    'daemon off;',
    'master_process on;',
    // One worker: nginx-rtmp shares a live stream only between clients of the same worker.
    'worker_processes 1;',
    `error_log ${join(input.dir, 'error.log')} warn;`,
    `pid ${join(input.dir, 'nginx.pid')};`,
    'events { worker_connections 128; }',
    'rtmp {',
    '  server {',
    `    listen 127.0.0.1:${input.port};`,
    '    chunk_size 4096;',
    '    application live {',
    '      live on;',
    '      record off;',
    '      allow publish 127.0.0.1;',
    '      deny publish all;',
    '      allow play 127.0.0.1;',
    '      deny play all;',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A relay that runs while started: restarted on the same port if it dies, so OBS and the fan-outs reconnect. */
export class RtmpRelay {
  private child: ChildProcess | null = null;
  private port = 0;
  private isRunning = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private stderrTail = '';
  /** Name of the stream OBS publishes (random per relay start, so no other local program guesses it). */
  readonly streamName = `show-${randomBytes(9).toString('base64url')}`;

  constructor(
    private readonly options: { dir: string; location: Extract<RelayLocation, { found: true }>; log: EngineLogger },
  ) {}

  /** Where OBS publishes: server part (the stream name is the key). */
  get publishServer(): string {
    return `rtmp://127.0.0.1:${this.port}/live`;
  }

  /** Where a fan-out reads the show. */
  get playUrl(): string {
    return this.urlOf(this.streamName);
  }

  /** Where a stream of the relay is published and played (OBS's show, or a picture derived from it). */
  urlOf(streamName: string): string {
    return `${this.publishServer}/${streamName}`;
  }

  /** Starts nginx on a free loopback port; resolves once it accepts connections. */
  async start(): Promise<void> {
    if (this.isRunning) return;
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    this.stopStale();
    this.port = await freePort();
    this.isRunning = true;
    await this.spawn();
  }

  /** Stops nginx (fast shutdown) and waits for it. */
  async stop(): Promise<void> {
    this.isRunning = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    this.child = null;
    if (child) await stopProcess(child, 'SIGTERM', 3000);
  }

  private async spawn(): Promise<void> {
    const { dir, location, log } = this.options;
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, relayConfig({ port: this.port, dir, module: location.module }), { mode: 0o600 });
    // `-e`: the log written before the config is read goes to our dir, not /var/log/nginx (unwritable for users).
    const child = spawn(location.nginx, ['-c', conf, '-p', dir, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'], env: childEnv(process.env) });
    this.child = child;
    this.stderrTail = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-2000)));
    const exited = new Promise<string>((resolve) => {
      child.once('error', (err) => resolve(err.message));
      child.once('exit', (code, signal) => resolve(`exit ${code ?? signal}`));
    });
    void exited.then((how) => {
      if (this.child !== child || !this.isRunning) return;
      this.child = null;
      log.warn('the relay stopped; restarting it on the same port', { how, stderr: this.stderrTail.slice(-300) });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (this.isRunning) this.spawn().catch((err) => log.warn('relay restart failed', { reason: (err as Error).message }));
      }, 500);
    });
    const ready = await Promise.race([waitForPort(this.port, 10_000), exited.then((how) => `nginx ${how}`)]);
    if (ready !== true) {
      const detail = `${ready}: ${(this.stderrTail || safeRead(join(dir, 'error.log'))).trim().slice(-300)}`;
      await this.stop();
      throw new Error(`The local relay (nginx) did not start (${detail}).`);
    }
    log.info('relay listening', { port: this.port, pid: child.pid });
  }

  /** A relay left behind by a crashed studio still holds our pid file: stop it before starting ours. */
  private stopStale(): void {
    const pidFile = join(this.options.dir, 'nginx.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(safeRead(pidFile).trim());
    if (!Number.isInteger(pid) || pid <= 1) return;
    // Only a process whose command line names our config: never someone else's nginx that reused the pid.
    if (process.platform === 'linux' && !safeRead(`/proc/${pid}/cmdline`).includes(join(this.options.dir, 'nginx.conf'))) return;
    try {
      process.kill(pid, 'SIGTERM');
      this.options.log.info('stopped a relay left by an earlier run', { pid });
    } catch {
      // already gone
    }
  }
}

/** Resolves true once 127.0.0.1:port accepts TCP, false after `timeoutMs`. */
async function waitForPort(port: number, timeoutMs: number): Promise<true | string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
    });
    if (isOpen) return true;
    // A readiness poll: nginx in daemon-off mode gives no other ready signal.
    await new Promise((r) => setTimeout(r, 50));
  }
  return `nothing listened on port ${port} within ${timeoutMs / 1000} s`;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
