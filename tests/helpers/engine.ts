import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';
import type { StudioState } from '../../electron/core/domain/studio-state';
import { isPidAlive, readSession } from '../../electron/core/engine/obs-process';
import type { DesiredState } from '../../electron/core/engine/desired-state';
import type { EngineProcessConfig } from '../../electron/studio/process-messages';
import type { EngineSettings } from '../../electron/studio/studio';
import type { SupervisedChild } from '../../electron/studio/supervised-child';
import { BUNDLE_DIR, loadBuiltStudio } from './built-studio';
import { makeTempDir } from './temp-dir';
import { recordWait, waitUntil, withTimeout } from './wait';
import { OBS_RECOVERY_MS, OBS_START_MS, QUICK_MS } from './timeouts';
import { connectClient, startTestHub, type ConnectedClient, type TestHub } from './hub';

/** An engine under test: the built engine bundle in its own process (as the studio runs it), against a test hub. */
export interface TestEngine {
  /** The engine's process, supervised as the studio does: `kill()` crashes it and it comes back. */
  process: SupervisedChild;
  dataDir: string;
  /** The engine's own log lines (JSON), as it printed them. */
  logLines: string[];
  /** What the engine will re-apply after a restart, as it saved it (engine-desired.json). */
  desired(): DesiredState;
  /** Stops the engine process; `keepObsRunning` leaves OBS up for the next engine to attach to. */
  stop(options?: { keepObsRunning?: boolean }): Promise<void>;
  /** Stops the engine and OBS, SIGKILLs whatever survived, and removes the data dir when this helper made it. */
  cleanup(): Promise<void>;
}

/** Options for a test engine; defaults: 640x360 test profile and its own Xvfb (DISPLAY cleared). */
/** The engine's settings, and the environment of its process (default: the test runner's). */
export type TestEngineOptions = EngineSettings & { processEnv?: NodeJS.ProcessEnv };

/** Starts the built engine against a test hub with a temp data dir (pass `dataDir` to reuse one). */
export async function startTestEngine(hub: Pick<TestHub, 'url' | 'engineToken'>, options: TestEngineOptions = {}): Promise<TestEngine> {
  const built = loadBuiltStudio();
  const { processEnv, ...settings } = options;
  const temp = settings.dataDir ? null : makeTempDir('anchor-engine-');
  const dataDir = settings.dataDir ?? temp!.path;
  const logLines: string[] = [];
  const config: EngineProcessConfig = {
    profile: 'test',
    relaunchInitialMs: 300,
    ...settings,
    env: { DISPLAY: '', ...settings.env },
    hubUrl: hub.url,
    token: hub.engineToken,
    dataDir,
  };
  const child = new built.SupervisedChild({
    role: 'engine',
    spawn: built.nodeChildSpawner({ dir: BUNDLE_DIR, output: (_role, line) => logLines.push(line), env: processEnv }),
    config: () => config,
    log: { info: () => undefined, warn: (msg, f) => logLines.push(JSON.stringify({ msg, ...f })), error: (msg, f) => logLines.push(JSON.stringify({ msg, ...f })) },
    restart: { initialMs: 300 },
  });
  await child.start();
  const stop = (stopOptions: { keepObsRunning?: boolean } = {}) => child.stop({ type: 'stop', keepObsRunning: stopOptions.keepObsRunning }, 20_000);
  return {
    process: child,
    dataDir,
    logLines,
    desired: () => JSON.parse(readFileSync(join(dataDir, 'engine-desired.json'), 'utf8')) as DesiredState,
    stop,
    async cleanup() {
      await stop().catch(() => undefined);
      killSessionProcesses(dataDir);
      for (const pid of obsPidsFor(dataDir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      temp?.remove();
    },
  };
}

/**
 * A direct obs-websocket connection of the test's own to the OBS an engine dir's session file names (reconnects when
 * that changes, e.g. after a relaunch): how a test looks at OBS without going through the engine under test.
 */
export function rawObs(dataDir: string): { get(): Promise<OBSWebSocket>; close(): Promise<void> } {
  let raw: { client: OBSWebSocket; pid: number } | null = null;
  /** One handshake with the OBS the session file names, bounded: a connection that never gets OBS's Hello fails here. */
  const attempt = async (): Promise<OBSWebSocket | null> => {
    const session = readSession(dataDir);
    if (!session) throw new Error('no OBS session file: OBS is not running');
    if (raw && raw.pid === session.pid) return raw.client;
    await raw?.client.disconnect().catch(() => undefined);
    raw = null;
    const client = new OBSWebSocket();
    try {
      await withTimeout(client.connect(`ws://127.0.0.1:${session.port}`, session.password), QUICK_MS, `the handshake with OBS pid ${session.pid}`);
    } catch {
      await client.disconnect().catch(() => undefined);
      return null;
    }
    raw = { client, pid: session.pid };
    return client;
  };
  return {
    // Retried within OBS_RECOVERY_MS: once in six repeat runs, the test's own handshake with a freshly relaunched OBS
    // got no Hello and hung until the test's timeout, although the engine was connected to that OBS.
    get: () => waitUntil(attempt, OBS_RECOVERY_MS, "the test's own obs-websocket connection to the engine's OBS", 250),
    async close() {
      await raw?.client.disconnect().catch(() => undefined);
      raw = null;
    },
  };
}

/** Records every state the hub broadcasts, and waits for one that matches. */
export class StateRecorder {
  readonly history: StudioState[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly hub: Pick<TestHub, 'store'>) {
    this.history.push(hub.store.current);
    this.unsubscribe = hub.store.subscribe((s) => this.history.push(s));
  }

  /** Resolves with the first current-or-future state matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (s: StudioState) => boolean, timeoutMs: number, what = 'state'): Promise<StudioState> {
    if (predicate(this.hub.store.current)) return Promise.resolve(this.hub.store.current);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        const s = this.hub.store.current;
        reject(new Error(`timed out waiting for ${what}; last obs=${JSON.stringify(s.obs)} scenes=${JSON.stringify(s.scenes)}`));
      }, timeoutMs);
      const off = this.hub.store.subscribe((s) => {
        if (!predicate(s)) return;
        clearTimeout(timer);
        off();
        recordWait(what, Date.now() - started, timeoutMs);
        resolve(s);
      });
    });
  }

  /** Stops recording. */
  close(): void {
    this.unsubscribe();
  }
}

/** SIGKILLs the OBS and Xvfb a data dir's session file names (test cleanup, runs even after failures). */
export function killSessionProcesses(dataDir: string): void {
  const session = readSession(dataDir);
  for (const pid of [session?.pid, session?.display?.pid]) {
    if (pid && isPidAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

/** The command lines (arguments NUL-separated) of a process's direct children, as any local user reads them. */
export function childCommandLines(parentPid: number): string[] {
  const lines: string[] = [];
  for (const pid of childPids(parentPid)) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // process went away
    }
  }
  return lines;
}

/** Pids of a process's direct children (Linux, from /proc). */
export function childPids(parentPid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid ...", where comm may hold spaces: the ppid is the second field after the ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parentPid) pids.push(Number(entry));
    } catch {
      // process went away
    }
  }
  return pids;
}

/** Pids of every running OBS whose environment points at this data dir's config home. */
export function obsPidsFor(dataDir: string): number[] {
  const configHome = join(dataDir, 'obs-config');
  const pids: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!cmd.endsWith('obs')) continue;
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`XDG_CONFIG_HOME=${configHome}`) && isPidAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // process went away
    }
  }
  return pids;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A real hub with its engine and real OBS, a state recorder and a connected anchor: the setup OBS test files share. */
export interface ObsTestStudio {
  hub: TestHub;
  states: StateRecorder;
  testEngine: TestEngine;
  anchor: ConnectedClient;
  /** The test's own obs-websocket connection to the OBS the engine runs (see {@link rawObs}). */
  obs(): Promise<OBSWebSocket>;
  /** Closes the anchor and the recorder, stops the engine and OBS, then the hub. */
  stop(): Promise<void>;
}

/** Starts hub, engine and OBS, connects the anchor, and waits until OBS is connected and `isReady` holds. */
export async function startObsTestStudio(
  options: { engine?: TestEngineOptions; isReady?: (s: StudioState) => boolean } = {},
): Promise<ObsTestStudio> {
  const hub = await startTestHub();
  const states = new StateRecorder(hub);
  const testEngine = await startTestEngine(hub, options.engine);
  const anchor = await connectClient(hub.url, hub.anchorToken);
  const isReady = options.isReady ?? (() => true);
  await states.waitFor((s) => s.obs.status === 'connected' && isReady(s), OBS_START_MS, 'OBS connected');
  const raw = rawObs(testEngine.dataDir);
  return {
    hub,
    states,
    testEngine,
    anchor,
    obs: () => raw.get(),
    async stop() {
      await raw.close();
      anchor.close();
      states.close();
      await testEngine.cleanup();
      await hub.stop();
    },
  };
}
