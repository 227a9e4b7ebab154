import { readFileSync } from 'node:fs';

/**
 * True when a pid is an OBS this studio started: on Linux its environment carries our config home, which guards
 * against pid reuse and against adopting someone else's OBS. Other platforms trust the session file.
 */
export function isOurObs(pid: number, configHome: string): boolean {
  if (process.platform !== 'linux') return true;
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.includes(`XDG_CONFIG_HOME=${configHome}`);
  } catch {
    return false;
  }
}
