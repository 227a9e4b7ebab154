/**
 * The studio the OBS benches measure: the built studio (dist/, hub and engine in their own processes, as users run it)
 * with a real OBS (640x360 test profile; on Linux its own Xvfb unless BENCH_USE_DISPLAY is set), an anchor UI socket
 * and a raw obs-websocket connection to the same OBS.
 * It never leaves OBS or Xvfb behind: Ctrl+C, a kill, or a run that hangs past the watchdog all clean up first.
 */
import { OBSWebSocket } from 'obs-websocket-js';
import { io, type Socket } from 'socket.io-client';
import type { StudioState } from '../electron/core/domain/studio-state';
import type { ObsHealth } from '../electron/features/health/domain/obs-health';
import { OBS_HEALTH_EVENT, type ObsHealthEvent } from '../electron/features/health/protocol/health-events';
import { readSession } from '../electron/core/engine/obs-process';
import type { ClientToServerEvents, ServerToClientEvents } from '../electron/core/protocol';
import { startBuiltStudio, type BuiltStudio } from '../tests/helpers/built-studio';
import { waitFor } from './bench-stats';
import { onEveryState } from '../tests/helpers/hub';

/** A socket seen without the typed event map (feature events are typed in their own protocol files). */
type UntypedSocket = { on(event: string, listener: (payload: never) => void): unknown };

/** A UI client of the hub. */
export type UiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a bench gets to measure with. */
export interface BenchStudio {
  /** The built studio as users run it (hub and engine in their own processes). */
  studio: BuiltStudio;
  /** The latest state the anchor window saw. */
  state(): StudioState;
  /** OBS's latest health reading the anchor window got (its own volatile event); null before the first. */
  health(): ObsHealth | null;
  /** An anchor window's socket, connected. */
  ui: UiSocket;
  /** A raw obs-websocket connection to the engine's OBS, for baselines. */
  raw: OBSWebSocket;
  dataDir: string;
  /** Another anchor socket (closed with the studio). */
  connectUi(): Promise<UiSocket>;
}

/** Starts the built studio, waits until OBS is connected and `isReady`, runs the bench, then cleans up whatever happened. */
export async function runBenchStudio(
  options: { watchdogMs: number; isReady?: (state: StudioState) => boolean },
  bench: (studio: BenchStudio) => Promise<void>,
): Promise<void> {
  // On Linux the studio's own Xvfb, unless BENCH_USE_DISPLAY says to use the screen this runs on.
  const env: Record<string, string> = process.platform === 'linux' && !process.env.BENCH_USE_DISPLAY ? { DISPLAY: '' } : {};
  const studio = await startBuiltStudio({ obs: { env }, serveUi: false });
  const raw = new OBSWebSocket();
  const sockets: UiSocket[] = [];
  const connectUi = async (): Promise<UiSocket> => {
    const socket: UiSocket = io(studio.url, { auth: { token: studio.anchorToken }, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())));
    return socket;
  };
  let latest: StudioState | null = null;
  let health: ObsHealth | null = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const socket of sockets) socket.close();
    await raw.disconnect().catch(() => undefined);
    await studio.stop();
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
    const ui = await connectUi();
    onEveryState(ui, (s) => (latest = s));
    (ui as unknown as UntypedSocket).on(OBS_HEALTH_EVENT, (event: ObsHealthEvent) => (health = event.health));
    const isReady = options.isReady ?? (() => true);
    await waitFor(() => latest !== null && latest.obs.status === 'connected' && isReady(latest), 60_000, 'OBS connected');
    const session = readSession(studio.engineDir)!;
    await raw.connect(`ws://127.0.0.1:${session.port}`, session.password);
    await bench({ studio, state: () => latest!, health: () => health, ui, raw, dataDir: studio.dataDir, connectUi });
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
