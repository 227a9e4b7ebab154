import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal`, then SIGKILL after `graceMs`; resolves when the process is gone (at once if it already is).
 * nginx: SIGTERM is its fast shutdown (SIGQUIT would wait for live RTMP sessions to end). ffmpeg: SIGINT ends the FLV cleanly.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
