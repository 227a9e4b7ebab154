import { childEnv } from '../../../core/engine/child-env';
import { spawn, type ChildProcess } from 'node:child_process';
import { checkServerUrl, pushUrl } from '../domain/destinations';
import type { DestinationHealth } from '../domain/output';
import { explainFfmpegFailure } from '../domain/rtmp-errors';
import { stopProcess } from '../../../core/engine/stop-process';
import type { EngineLogger } from '../../../core/engine/obs-session';
import type { PublishRoute } from './publish-route';

/** Retry timing of one destination. */
export interface FanoutTiming {
  /** First retry delay; doubles per failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Failures in a row before the destination is `failed` and waits for "reconnect now". */
  maxAttempts?: number;
  /** Live this long and the failure count starts again from zero. */
  stableAfterMs?: number;
}

/** One destination of a relay show: where to send and the key (a secret). */
export interface FanoutTarget {
  id: string;
  name: string;
  server: string;
  key: string;
}

/** ffmpeg's arguments: read the relay, copy every stream unchanged (no re-encode), push FLV, report progress on stdout. */
export function fanoutArgs(input: string, output: string): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'warning'],
    // rw_timeout (µs) bounds every network read/write, so a destination that stops answering is noticed in 10 s.
    ...['-rw_timeout', '10000000', '-i', input],
    ...['-map', '0', '-c', 'copy'],
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', '-rw_timeout', '10000000'],
    // Progress every 0.5 s (ffmpeg's default period; `-stats_period` does not exist before ffmpeg 4.4, and the
    // studio's own ffmpeg is 4.1).
    ...['-progress', 'pipe:1'],
    output,
  ];
}

/**
 * One ffmpeg that copies the show from the relay to one destination (or, with other `args`, encodes a derived picture
 * back into the relay), with its own retries: it starts, stops and reconnects alone, so a failing destination never
 * touches another. A destination is reached through its {@link PublishRoute}: ffmpeg's arguments name a loopback
 * address, and the key exists only in this process's memory; every message is scrubbed of it.
 */
export class Fanout {
  private child: ChildProcess | null = null;
  private isStopping = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private stderr = '';
  private lastSize: { bytes: number; at: number } | null = null;
  private state: DestinationHealth;
  private readonly timing: Required<FanoutTiming>;
  private readonly host: string;
  private readonly port: number;

  constructor(
    private readonly target: FanoutTarget,
    private readonly deps: {
      input: () => string;
      ffmpeg: string;
      log: EngineLogger;
      onChange: () => void;
      timing?: FanoutTiming;
      /** ffmpeg's arguments for an input and an output; default {@link fanoutArgs} (stream copy). */
      args?: (input: string, output: string) => string[];
      /** The loopback door to the destination (owned from here on: closed by {@link stop}); without it ffmpeg pushes to the target's address itself (the relay). */
      route?: PublishRoute;
    },
  ) {
    this.state = { id: target.id, status: 'connecting', bitrateKbps: null, liveSince: null, lastError: null, attempts: 0 };
    this.timing = {
      initialBackoffMs: deps.timing?.initialBackoffMs ?? 1000,
      maxBackoffMs: deps.timing?.maxBackoffMs ?? 15_000,
      maxAttempts: deps.timing?.maxAttempts ?? 40,
      stableAfterMs: deps.timing?.stableAfterMs ?? 15_000,
    };
    const parsed = checkServerUrl(target.server);
    this.host = parsed.ok ? parsed.address.host : 'the server';
    this.port = parsed.ok ? parsed.address.port : 1935;
    deps.log.addSecret?.(target.key);
    deps.log.addSecret?.(pushUrl(target.server, target.key));
  }

  /** Health now. */
  get health(): DestinationHealth {
    return { ...this.state, lastError: this.state.lastError ? { ...this.state.lastError } : null };
  }

  /** Starts sending (first attempt). */
  start(): void {
    this.isStopping = false;
    this.spawn();
  }

  /** Drops the current connection (if any) and connects again now, forgetting earlier failures. */
  async reconnect(): Promise<void> {
    this.clearTimers();
    this.state = { ...this.state, attempts: 0 };
    const child = this.child;
    this.child = null;
    if (child) await stopProcess(child, 'SIGKILL', 1000);
    if (this.isStopping) return;
    this.set({ status: 'connecting', bitrateKbps: null, liveSince: null });
    this.spawn();
  }

  /** Stops sending for good; resolves when ffmpeg has ended the stream (SIGINT lets it close the FLV cleanly). */
  async stop(): Promise<void> {
    this.isStopping = true;
    this.clearTimers();
    const child = this.child;
    this.child = null;
    if (child) await stopProcess(child, 'SIGINT', 3000);
    await this.deps.route?.close();
    this.set({ status: 'stopped', bitrateKbps: null, liveSince: null });
  }

  private spawn(): void {
    if (this.isStopping) return;
    const input = this.deps.input();
    const { route } = this.deps;
    route?.takeProblem(); // a problem of an earlier attempt is not this one's
    const args = (this.deps.args ?? fanoutArgs)(input, route ? route.localUrl : pushUrl(this.target.server, this.target.key));
    const child = spawn(this.deps.ffmpeg, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(process.env),
    });
    this.child = child;
    this.stderr = '';
    this.lastSize = null;
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        this.onProgressLine(pending.slice(0, end).trim());
        pending = pending.slice(end + 1);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (this.child !== child) return;
      this.child = null;
      const message = err.code === 'ENOENT' ? 'ffmpeg is not installed, so the studio cannot send to several destinations.' : err.message;
      this.set({ status: 'failed', bitrateKbps: null, liveSince: null, lastError: { code: 'unknown', message } });
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.onExit(input, code, signal);
    });
  }

  private onProgressLine(line: string): void {
    const match = /^total_size=(\d+)$/.exec(line);
    if (!match) return;
    const bytes = Number(match[1]);
    const now = Date.now();
    const previous = this.lastSize;
    this.lastSize = { bytes, at: now };
    // The first block only has the FLV header: bytes flowing between two blocks is what "live" means.
    if (!previous || bytes <= previous.bytes) return;
    const kbps = Math.round(((bytes - previous.bytes) * 8) / Math.max(1, now - previous.at));
    if (this.state.status !== 'live') {
      this.deps.log.info('destination live', { id: this.target.id });
      this.set({ status: 'live', liveSince: now, bitrateKbps: kbps, lastError: null });
      this.stableTimer = setTimeout(() => this.set({ attempts: 0 }), this.timing.stableAfterMs);
      this.stableTimer.unref();
    } else if (kbps !== this.state.bitrateKbps) this.set({ bitrateKbps: kbps });
  }

  private onExit(input: string, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.stableTimer = null;
    if (this.isStopping) return;
    // Through a route, ffmpeg only sees the loopback side: why the destination could not be reached is the route's.
    const problem = explainFfmpegFailure(this.deps.route?.takeProblem() ?? this.stderr, {
      host: this.host,
      port: this.port,
      secrets: [pushUrl(this.target.server, this.target.key), this.target.key],
      relayUrl: input,
    });
    const attempts = this.state.attempts + 1;
    this.deps.log.warn('destination dropped', { id: this.target.id, code, signal, reason: problem.message, attempts });
    if (attempts >= this.timing.maxAttempts) {
      this.set({ status: 'failed', bitrateKbps: null, liveSince: null, lastError: problem, attempts });
      return;
    }
    this.set({ status: 'reconnecting', bitrateKbps: null, liveSince: null, lastError: problem, attempts });
    const delay = Math.min(this.timing.initialBackoffMs * 2 ** (attempts - 1), this.timing.maxBackoffMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.spawn();
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    this.retryTimer = null;
    this.stableTimer = null;
  }

  private set(patch: Partial<DestinationHealth>): void {
    this.state = { ...this.state, ...patch };
    this.deps.onChange();
  }
}
