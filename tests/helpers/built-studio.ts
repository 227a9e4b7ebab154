import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { StudioState } from '../../electron/core/domain/studio-state';
import type { Role } from '../../electron/core/domain/roles';
import type { EngineSettings, Studio } from '../../electron/studio/studio';
import { killSessionProcesses, obsPidsFor } from './engine';
import { connectClient, onEveryState, type ConnectedClient } from './hub';
import { makeTempDir } from './temp-dir';
import { recordWait } from './wait';

/** The built headless bundle's exports: types from the sources, code from dist (what `npm start` and users run). */
type HeadlessBundle = typeof import('../../electron/studio/headless-main');

/** Folder of the built shell bundles (`npm run build` / `npm test` make them). */
export const BUNDLE_DIR = resolve('dist/main');
/** The built UI the studio serves. */
export const UI_DIR = resolve('dist/renderer');

/** Loads the built headless bundle; fails with what to run when it is missing. */
export function loadBuiltStudio(): HeadlessBundle {
  const path = join(BUNDLE_DIR, 'headless.cjs');
  if (!existsSync(path) || !existsSync(join(UI_DIR, 'index.html'))) {
    throw new Error('The studio is not built: run "npm run build" (npm test does it first).');
  }
  return createRequire(import.meta.url)(path) as HeadlessBundle;
}

/** Tokens a test studio registers for each non-anchor role, so tests act as producer, moderator or viewer. */
export type RoleTokens = Record<Exclude<Role, 'anchor' | 'engine'>, string>;

/** A built studio (hub and engine in their own processes, from dist/) with a temp data dir, for one test or file. */
export interface BuiltStudio {
  url: string;
  port: number;
  anchorToken: string;
  tokens: RoleTokens;
  dataDir: string;
  /** The engine's data dir (OBS session file, config home). */
  engineDir: string;
  studio: Studio;
  /** Every line the studio and its children printed (JSON log lines), for leak checks and failure reports. */
  logLines: string[];
  /** The hub's current state, over HTTP like any client. */
  state(): Promise<StudioState>;
  /** Closes the studio gracefully, SIGKILLs any OBS or Xvfb of its own that survived, removes a temp data dir. */
  stop(options?: { keepObsRunning?: boolean; keepData?: boolean }): Promise<void>;
}

/** Options of a test studio; OBS is off unless `obs` is given (then: 640x360 test profile and its own Xvfb). */
export interface BuiltStudioOptions {
  obs?: EngineSettings | true;
  dataDir?: string;
  port?: number;
  anchorToken?: string;
  tokens?: RoleTokens;
  /** Serve the built UI (default true). */
  serveUi?: boolean;
  /** Restart policy of the children (tests of crash recovery shorten it). */
  restart?: { initialMs?: number; maxMs?: number };
}

const TEST_OBS: EngineSettings = { profile: 'test', env: { DISPLAY: '' }, relaunchInitialMs: 300 };

/** Starts the built studio; the data dir is a fresh temp dir unless given (then it is kept). */
export async function startBuiltStudio(options: BuiltStudioOptions = {}): Promise<BuiltStudio> {
  const built = loadBuiltStudio();
  const temp = options.dataDir ? null : makeTempDir('anchor-studio-');
  const dataDir = options.dataDir ?? temp!.path;
  const engineDir = join(dataDir, 'engine');
  const logLines: string[] = [];
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    logLines.push(JSON.stringify({ level, msg, component: 'studio', ...fields }));
  const tokens: RoleTokens = options.tokens ?? {
    producer: `producer-${randomId()}`,
    moderator: `moderator-${randomId()}`,
    viewer: `viewer-${randomId()}`,
  };
  const obs = options.obs === true ? TEST_OBS : options.obs ? { ...TEST_OBS, ...options.obs } : false;
  let studio: Studio;
  try {
    studio = await built.startStudio({
      dataDir,
      port: options.port,
      anchorToken: options.anchorToken,
      staticDir: options.serveUi === false ? undefined : UI_DIR,
      extraTokens: (Object.keys(tokens) as Array<keyof RoleTokens>).map((role) => ({
        token: tokens[role],
        principal: { id: `test-${role}`, role, name: `Test ${role}` },
      })),
      obs,
      spawn: built.nodeChildSpawner({ dir: BUNDLE_DIR, output: (_role, text) => logLines.push(text) }),
      log: { info: line('info'), warn: line('warn'), error: line('error') },
      restart: options.restart,
    });
  } catch (err) {
    killStray(engineDir);
    temp?.remove();
    throw new Error(`${(err as Error).message}\nstudio output:\n${logLines.slice(-30).join('\n')}`);
  }
  return {
    url: studio.url,
    port: studio.port,
    anchorToken: studio.anchorToken,
    tokens,
    dataDir,
    engineDir,
    studio,
    logLines,
    async state() {
      const res = await fetch(`${studio.url}/api/v1/state`, { headers: { Authorization: `Bearer ${studio.anchorToken}` } });
      const body = (await res.json()) as { state?: StudioState } & StudioState;
      return body.state ?? body;
    },
    async stop(stopOptions = {}) {
      await studio.close({ keepObsRunning: stopOptions.keepObsRunning }).catch(() => undefined);
      if (!stopOptions.keepObsRunning) killStray(engineDir);
      if (!stopOptions.keepData) temp?.remove();
    },
  };
}

/** SIGKILLs an OBS or Xvfb of this engine dir that outlived its studio (cleanup after a failed test). */
function killStray(engineDir: string): void {
  killSessionProcesses(engineDir);
  for (const pid of obsPidsFor(engineDir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

function randomId(): string {
  return Math.random().toString(36).slice(2).padEnd(16, '0');
}

/**
 * Every state a client sees, recorded from an anchor socket (the studio's hub is another process): waits for one
 * that matches. The socket reconnects by itself across hub restarts.
 */
export class SocketStateRecorder {
  readonly history: StudioState[] = [];
  private current: StudioState;
  private readonly listeners = new Set<(s: StudioState) => void>();

  private constructor(readonly socket: ConnectedClient) {
    this.current = socket.initialState;
    this.history.push(socket.initialState);
    onEveryState(socket, (s) => {
      this.current = s;
      this.history.push(s);
      for (const l of [...this.listeners]) l(s);
    });
  }

  /** Connects as the anchor and starts recording. */
  static async connect(studio: Pick<BuiltStudio, 'url' | 'anchorToken'>): Promise<SocketStateRecorder> {
    return new SocketStateRecorder(await connectClient(studio.url, studio.anchorToken, undefined, { reconnection: true }));
  }

  /** The latest state seen. */
  get state(): StudioState {
    return this.current;
  }

  /** Resolves with the first current-or-future state matching `predicate`; rejects after `timeoutMs` with the last one. */
  waitFor(predicate: (s: StudioState) => boolean, timeoutMs: number, what = 'state'): Promise<StudioState> {
    if (predicate(this.current)) return Promise.resolve(this.current);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last obs=${JSON.stringify(this.current.obs)} scenes=${JSON.stringify(this.current.scenes?.names)}`));
      }, timeoutMs);
      const check = (s: StudioState) => {
        if (!predicate(s)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        recordWait(what, Date.now() - started, timeoutMs);
        resolve(s);
      };
      this.listeners.add(check);
    });
  }

  /** Stops recording and closes the socket. */
  close(): void {
    this.socket.close();
  }
}
