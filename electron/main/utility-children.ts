import { join } from 'node:path';
import { utilityProcess } from 'electron';
import { fromChildSchema } from '../studio/process-messages';
import { CHILD_ENTRY, CHILD_V8_FLAGS, type ChildRole, type SpawnChild } from '../studio/studio-child';

/** Names the OS task manager shows for the studio's children. */
const SERVICE_NAME: Record<ChildRole, string> = { hub: 'Anchor Studio hub', engine: 'Anchor Studio video engine' };

/**
 * Starts the studio's children as Electron utility processes (Node in a sandbox-free child of the app, the way
 * Electron recommends running servers; `child_process.fork` of the app binary is gone with the RunAsNode fuse off).
 * They run the same bundles as the headless studio's Node children, from `dir` (dist/main, inside app.asar).
 */
export function utilityChildSpawner(options: { dir: string; onInvalid?: (role: ChildRole, reason: string) => void }): SpawnChild {
  return (role) => {
    const child = utilityProcess.fork(join(options.dir, CHILD_ENTRY[role]), [], {
      serviceName: SERVICE_NAME[role],
      stdio: 'inherit',
      execArgv: [...CHILD_V8_FLAGS[role]],
    });
    let hasExited = false;
    child.once('exit', () => (hasExited = true));
    return {
      get pid() {
        return child.pid ?? null;
      },
      post(message) {
        if (!hasExited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', (raw: unknown) => {
          const parsed = fromChildSchema.safeParse(raw);
          if (parsed.success) listener(parsed.data);
          else options.onInvalid?.(role, parsed.error.message);
        });
      },
      onExit(listener) {
        // Electron reports only the code; a signal's death shows as a non-zero code.
        child.once('exit', (code: number) => listener(code, null));
      },
      kill() {
        if (!hasExited) child.kill();
      },
    };
  };
}
