/**
 * The studio the OBS benches measure: a hub, its engine with a real OBS (640x360 test profile; on Linux its own Xvfb
 * unless BENCH_USE_DISPLAY is set), an anchor UI socket and a raw obs-websocket connection to the same OBS.
 * It never leaves OBS or Xvfb behind: Ctrl+C, a kill, or a run that hangs past the watchdog all clean up first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OBSWebSocket from 'obs-websocket-js';
import { io, type Socket } from 'socket.io-client';
import type { StudioState } from '../electron/domain/studio-state';
import { startEngine } from '../electron/engine/engine';
import { readSession } from '../electron/engine/obs-process';
import { createLogger } from '../electron/hub/logger';
import { startHub, type Hub } from '../electron/hub/server';
import type { ClientToServerEvents, ServerToClientEvents } from '../electron/protocol';
import { waitFor } from './bench-stats';

/** A UI client of the hub. */
export type UiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a bench gets to measure with. */
export interface BenchStudio {
  hub: Hub;
  /** An anchor window's socket, connected. */
  ui: UiSocket;
  /** A raw obs-websocket connection to the engine's OBS, for baselines. */
  raw: OBSWebSocket;
  dataDir: string;
  /** Another anchor socket (closed with the studio). */
  connectUi(): Promise<UiSocket>;
}

/** Starts the studio, waits until OBS is connected and `isReady`, runs the bench, then cleans up whatever happened. */
export async function runBenchStudio(
  options: { watchdogMs: number; isReady?: (state: StudioState) => boolean },
  bench: (studio: BenchStudio) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-bench-'));
  const hub = await startHub({ dataDir, logger: createLogger({ minLevel: 'error' }) });
  const env = { ...process.env };
  if (process.platform === 'linux' && !process.env.BENCH_USE_DISPLAY) env.DISPLAY = '';
  const engine = startEngine({ hubUrl: hub.url, token: hub.engineToken, dataDir: join(dataDir, 'engine'), profile: 'test', env });
  const raw = new OBSWebSocket();
  const sockets: UiSocket[] = [];
  const connectUi = async (): Promise<UiSocket> => {
    const socket: UiSocket = io(hub.url, { auth: { token: hub.anchorToken }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())));
    return socket;
  };
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const socket of sockets) socket.close();
    await raw.disconnect().catch(() => undefined);
    await engine.stop();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const abort = (why: string) => {
    process.stderr.write(`bench stopped: ${why}\n`);
    void cleanup().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('SIGINT'));
  process.once('SIGTERM', () => abort('SIGTERM'));
  const watchdog = setTimeout(() => abort(`no result after ${Math.round(options.watchdogMs / 1000)} s`), options.watchdogMs);
  watchdog.unref();
  try {
    const isReady = options.isReady ?? (() => true);
    await waitFor(() => hub.store.current.obs.status === 'connected' && isReady(hub.store.current), 60_000, 'OBS connected');
    const session = readSession(join(dataDir, 'engine'))!;
    await raw.connect(`ws://127.0.0.1:${session.port}`, session.password);
    const ui = await connectUi();
    await bench({ hub, ui, raw, dataDir, connectUi });
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

/** Runs a bench's main and exits with its outcome (a failure prints its stack). */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
