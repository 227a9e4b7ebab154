import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { childEnv } from './child-env';
import { attachProcess } from './obs-process';

/** A virtual X display the engine started for OBS on a Linux machine without a screen. */
export interface VirtualDisplay {
  /** Value for DISPLAY, e.g. `:3`. */
  display: string;
  pid: number;
}

/** Why OBS has no display on this machine, or null when it has one (or the platform needs none). */
export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, xvfbPath: string | null): string | null {
  if (platform !== 'linux') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  if (xvfbPath) return null;
  return 'There is no screen (no DISPLAY) and Xvfb is not installed, so OBS cannot start. Install Xvfb ("sudo apt install xvfb") or run the studio in a desktop session.';
}

/** Finds the Xvfb binary: an explicit path, else PATH; null when absent. */
export function findXvfb(env: NodeJS.ProcessEnv, explicit?: string | null): string | null {
  if (explicit !== undefined) return explicit && isExecutable(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
    const candidate = join(dir, 'Xvfb');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

/**
 * Starts Xvfb on a free display (`-displayfd` lets the server pick and tell us). It is detached so it survives a
 * restart of the app together with the OBS that draws on it.
 */
export function startVirtualDisplay(xvfbPath: string, timeoutMs = 10_000): Promise<VirtualDisplay> {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: childEnv(process.env),
      detached: true,
    });
    let text = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Xvfb did not report a display within 10 s.'));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb could not start: ${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (code ${code}) before it opened a display.`));
    });
    const fd3 = child.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /(\d+)\s*\n/.exec(text);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      (fd3 as unknown as { destroy(): void }).destroy();
      child.unref();
      resolve({ display: `:${match[1]}`, pid: child.pid! });
    });
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a virtual display this engine started and resolves once its process is gone (SIGKILL after `timeoutMs`):
 * "the studio quit" must mean nothing of it is left running. Xvfb ends on SIGINT as on SIGTERM.
 */
export async function stopVirtualDisplay(display: VirtualDisplay, timeoutMs = 3000): Promise<void> {
  await attachProcess(display.pid, 20).stop(timeoutMs);
}
