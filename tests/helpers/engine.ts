import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudioState } from '../../electron/domain/studio-state';
import { startEngine, type Engine, type EngineOptions } from '../../electron/engine/engine';
import { isPidAlive, readSession } from '../../electron/engine/obs-process';
import { makeTempDir } from './temp-dir';
import { connectClient, startTestHub, type ConnectedClient, type TestHub } from './hub';

/** An engine under test with its data dir and captured log lines. */
export interface TestEngine {
  engine: Engine;
  dataDir: string;
  logLines: string[];
  /** Stops the engine and OBS, SIGKILLs whatever survived, and removes the data dir when this helper made it. */
  cleanup(): Promise<void>;
}

/** Options for a test engine; defaults: 640x360 test profile and its own Xvfb (DISPLAY cleared). */
export type TestEngineOptions = Partial<Omit<EngineOptions, 'hubUrl' | 'token'>>;

/** Starts an engine against a test hub with a temp data dir (pass `dataDir` to reuse one). */
export function startTestEngine(hub: TestHub, options: TestEngineOptions = {}): TestEngine {
  const temp = options.dataDir ? null : makeTempDir('anchor-engine-');
  const dataDir = options.dataDir ?? temp!.path;
  const logLines: string[] = [];
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    logLines.push(JSON.stringify({ level, msg, ...fields }, (_k, v) => (v instanceof Error ? v.message : v)));
  };
  const engine = startEngine({
    hubUrl: hub.url,
    token: hub.engineToken,
    profile: 'test',
    env: { ...process.env, DISPLAY: '' },
    ...options,
    dataDir,
    log: { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') },
  });
  return {
    engine,
    dataDir,
    logLines,
    async cleanup() {
      await engine.stop().catch(() => undefined);
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
  /** Closes the anchor and the recorder, stops the engine and OBS, then the hub. */
  stop(): Promise<void>;
}

/** Starts hub, engine and OBS, connects the anchor, and waits until OBS is connected and `isReady` holds. */
export async function startObsTestStudio(
  options: { engine?: TestEngineOptions; isReady?: (s: StudioState) => boolean } = {},
): Promise<ObsTestStudio> {
  const hub = await startTestHub();
  const states = new StateRecorder(hub);
  const testEngine = startTestEngine(hub, options.engine);
  const anchor = await connectClient(hub.url, hub.anchorToken);
  const isReady = options.isReady ?? (() => true);
  await states.waitFor((s) => s.obs.status === 'connected' && isReady(s), 60_000, 'OBS connected');
  return {
    hub,
    states,
    testEngine,
    anchor,
    async stop() {
      anchor.close();
      states.close();
      await testEngine.cleanup();
      await hub.stop();
    },
  };
}
