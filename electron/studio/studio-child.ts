import { fork } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fromChildSchema, type FromChild, type ToChild } from './process-messages';

/** The studio's two children. */
export type ChildRole = 'hub' | 'engine';

/** A running child process of the studio, however it was started (Node fork or Electron utility process). */
export interface StudioChild {
  readonly pid: number | null;
  post(message: ToChild): void;
  /** Hears validated messages; a malformed one is reported to `onInvalid` of the spawner instead. */
  onMessage(listener: (message: FromChild) => void): void;
  /** Hears the exit once: the code, or null when a signal ended it. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Sends a signal (SIGKILL when the child must go now). */
  kill(signal?: NodeJS.Signals): void;
}

/** Starts a child of the given role; the studio calls it again for every restart. */
export type SpawnChild = (role: ChildRole) => StudioChild;

/** File name of each child's bundle, next to the bundle of the studio (dist/main). */
export const CHILD_ENTRY: Record<ChildRole, string> = { hub: 'hub-process.cjs', engine: 'engine-process.cjs' };

/**
 * V8 options of each child, for both spawners. The hub runs whole shows: with V8's defaults its heap kept room for
 * several times what is live (young generation up to 32 MB, the old one growing by up to 4x between collections), 180
 * MB at the seventh hour of a busy show with 2,000 products; with these, 131 MB and flat (bench/hub-memory.ts), for
 * 3-12% of peak ingest (bench/orders.ts). The engine keeps the defaults.
 */
export const CHILD_V8_FLAGS: Record<ChildRole, readonly string[]> = {
  hub: ['--max-semi-space-size=8', '--heap-growing-percent=50'],
  engine: [],
};

/** Where a child's output lines go: the studio's terminal by default, a test's buffer when it wants to read them. */
export type ChildOutput = (role: ChildRole, line: string) => void;

/**
 * Spawns children as Node processes (`child_process.fork` of the bundles in `dir`): the headless studio and the tests.
 * The desktop app uses Electron utility processes instead (electron/main); both run the same bundles.
 */
export function nodeChildSpawner(options: { dir: string; output?: ChildOutput; onInvalid?: (role: ChildRole, reason: string) => void; env?: NodeJS.ProcessEnv }): SpawnChild {
  return (role) => {
    const child = fork(join(options.dir, CHILD_ENTRY[role]), [], {
      // No inherited loaders or inspector flags (a test runner's, a tsx parent's): the child runs the bundle as shipped.
      execArgv: [...CHILD_V8_FLAGS[role]],
      stdio: options.output ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
      // Default: this process's environment.
      env: options.env,
    });
    if (options.output) {
      for (const stream of [child.stdout, child.stderr]) forwardLines(stream, (line) => options.output!(role, line));
    }
    // An IPC channel torn down by the child's death must not throw in the studio (EPIPE on a late send).
    child.on('error', () => undefined);
    return {
      get pid() {
        return child.pid ?? null;
      },
      post(message) {
        if (child.connected) child.send(message);
      },
      onMessage(listener) {
        child.on('message', (raw) => {
          const parsed = fromChildSchema.safeParse(raw);
          if (parsed.success) listener(parsed.data);
          else options.onInvalid?.(role, parsed.error.message);
        });
      },
      onExit(listener) {
        child.once('exit', (code, signal) => listener(code, signal));
      },
      kill(signal = 'SIGTERM') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    };
  };
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}
