import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { stopChild } from './stop-child';

/** A running virtual X server for tests. */
export interface XvfbHandle {
  /** Value for DISPLAY, e.g. ":99". */
  display: string;
  /** Kills Xvfb and resolves once the process has exited (its socket and lock file are then gone). */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;

/**
 * Starts Xvfb on a free display (1280x720x24, no TCP listener) and resolves when it accepts clients.
 * `-displayfd 3` makes Xvfb choose an unused display itself and write its number to fd 3 once it is ready,
 * so parallel test runs never collide and no polling of /tmp/.X11-unix is needed.
 */
export function startXvfb(): Promise<XvfbHandle> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep only the tail: Xvfb prints harmless font/xkb warnings we do not want to hold forever.
    stderr = (stderr + chunk).slice(-4000);
  });

  return new Promise<XvfbHandle>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child, 'SIGTERM', STOP_GRACE_MS).finally(() => reject(err));
    };
    const timer = setTimeout(
      () => fail(new Error(`Xvfb did not report a display within ${START_TIMEOUT_MS} ms. stderr:\n${stderr}`)),
      START_TIMEOUT_MS,
    );

    child.once('error', (err: NodeJS.ErrnoException) => {
      fail(
        err.code === 'ENOENT'
          ? new Error('Xvfb not found: run npm run system-deps (Debian package xvfb).')
          : new Error(`Could not start Xvfb: ${err.message}`),
      );
    });
    child.once('exit', (code, signal) => {
      fail(new Error(`Xvfb exited before it was ready (code ${code}, signal ${signal}). stderr:\n${stderr}`));
    });

    const displayPipe = child.stdio[3] as Readable | null;
    if (!displayPipe) {
      fail(new Error('Xvfb: fd 3 pipe was not created'));
      return;
    }
    let written = '';
    displayPipe.setEncoding('utf8').on('data', (chunk: string) => {
      written += chunk;
      // Xvfb writes "<n>\n" exactly once, after its listening sockets are open.
      const match = /^(\d+)\n/.exec(written);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ display: `:${match[1]}`, stop: () => stopChild(child, 'SIGTERM', STOP_GRACE_MS) });
    });
  });
}
