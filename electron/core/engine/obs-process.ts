import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, readSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join } from 'node:path';
import { childEnv } from './child-env';
import { parseObsVersion, type ObsVersion } from './obs-config';

/** How an OBS process ended. */
export interface ObsExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running OBS, launched by this engine or attached after an app restart. */
export interface ObsProcessHandle {
  pid: number;
  /** True when this engine found the process running instead of starting it. */
  isAttached: boolean;
  /** Settles once, when the process is gone. */
  exited: Promise<ObsExit>;
  isAlive(): boolean;
  /** Clean shutdown: SIGINT (the only signal OBS 29-31 handle cleanly), then SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<ObsExit>;
}

/** What the engine remembers about its OBS in the data dir (mode 0600) so a restarted app can attach. */
export interface ObsSession {
  pid: number;
  port: number;
  password: string;
  binary: string;
  version: ObsVersion;
  /** The Xvfb the engine started for this OBS, if any. */
  display: { display: string; pid: number } | null;
  startedAt: number;
}

/** File name of the session record inside the engine's data dir. */
export const SESSION_FILE = 'obs-session.json';

/** Writes the session record, readable by the user only (it holds the websocket password). */
export function writeSession(dir: string, session: ObsSession): void {
  const path = join(dir, SESSION_FILE);
  writeFileSync(path, JSON.stringify(session), { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Reads the session record; null when missing or unreadable. */
export function readSession(dir: string): ObsSession | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, SESSION_FILE), 'utf8')) as ObsSession;
    if (!Number.isInteger(parsed.pid) || !Number.isInteger(parsed.port) || typeof parsed.password !== 'string') return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Forgets the session record. */
export function clearSession(dir: string): void {
  rmSync(join(dir, SESSION_FILE), { force: true });
}

/** True when a pid is a live process (a zombie counts as dead). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform === 'linux') {
    try {
      // "pid (comm) S ..." where S is the state; Z = zombie waiting to be reaped.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  return true;
}

/** True when the pid still runs the given binary (guards against pid reuse); unknown platforms trust the pid. */
export function isSameProgram(pid: number, binary: string): boolean {
  if (process.platform !== 'linux') return isPidAlive(pid);
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv[0] === binary || argv[0]?.endsWith('/obs') === true || argv[0] === 'obs';
  } catch {
    return false;
  }
}

/** Runs `obs --version`; null when it cannot tell. */
export function detectObsVersion(binary: string, timeoutMs = 10_000): Promise<ObsVersion | null> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { timeout: timeoutMs, env: childEnv(process.env) }, (_err, stdout, stderr) => {
      resolve(parseObsVersion(`${stdout}\n${stderr}`.split('\n').find((l) => /OBS Studio/i.test(l)) ?? ''));
    });
  });
}

/** A TCP port nobody listens on right now (OBS binds all interfaces, so probe those). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** How to launch OBS. */
export interface LaunchOptions {
  binary: string;
  args: string[];
  /** Environment of the OBS process (XDG_CONFIG_HOME, DISPLAY, ...). */
  env: NodeJS.ProcessEnv;
  /** OBS's stdout/stderr go here, not to a pipe: a pipe would break (SIGPIPE) when the app restarts. */
  logFile: string;
}

/** Starts OBS detached from the app (so it can outlive an app restart and be attached to). */
export function launchObs(options: LaunchOptions): Promise<ObsProcessHandle> {
  return new Promise((resolve, reject) => {
    const fd = openSync(options.logFile, 'w', 0o600);
    const child = spawn(options.binary, options.args, {
      env: options.env,
      cwd: dirname(options.binary),
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    closeSync(fd);
    let alive = true;
    const exited = new Promise<ObsExit>((resolveExit) => {
      child.once('exit', (code, signal) => {
        alive = false;
        resolveExit({ code, signal });
      });
    });
    child.once('error', (err) => {
      alive = false;
      reject(new Error(`OBS could not be started (${err.message}).`));
    });
    child.once('spawn', () => {
      child.unref();
      resolve(makeHandle(child.pid!, false, exited, () => alive));
    });
  });
}

/**
 * Wraps a process this engine did not start as a child (an OBS found through the session file, the Xvfb it draws on);
 * exit is detected by polling.
 */
export function attachProcess(pid: number, pollMs = 250): ObsProcessHandle {
  let alive = isPidAlive(pid);
  const exited = new Promise<ObsExit>((resolve) => {
    if (!alive) return resolve({ code: null, signal: null });
    const timer = setInterval(() => {
      if (isPidAlive(pid)) return;
      alive = false;
      clearInterval(timer);
      resolve({ code: null, signal: null });
    }, pollMs);
    timer.unref();
  });
  return makeHandle(pid, true, exited, () => alive && isPidAlive(pid));
}

function makeHandle(pid: number, isAttached: boolean, exited: Promise<ObsExit>, isAlive: () => boolean): ObsProcessHandle {
  return {
    pid,
    isAttached,
    exited,
    isAlive,
    async stop(timeoutMs = 8000) {
      if (!isAlive()) return exited;
      signal(pid, 'SIGINT');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') signal(pid, 'SIGKILL');
      return exited;
    },
  };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** Waits until OBS's websocket port accepts connections; rejects if the process exits first or time runs out. */
export async function waitForObsPort(handle: ObsProcessHandle, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void handle.exited.then(() => {
    hasExited = true;
  });
  while (Date.now() < deadline) {
    if (hasExited || !handle.isAlive()) throw new ObsExitedError();
    if (await isPortOpen(port)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`OBS did not open its control connection within ${Math.round(timeoutMs / 1000)} s.`);
}

/** Thrown when OBS exits while the engine waits for it. */
export class ObsExitedError extends Error {
  constructor() {
    super('OBS exited during startup.');
  }
}

/** The last `maxBytes` of OBS's log file, with secrets removed. */
export function readLogTail(logFile: string, secrets: string[] = [], maxBytes = 8192): string {
  if (!existsSync(logFile)) return '';
  const size = statSync(logFile).size;
  const fd = openSync(logFile, 'r');
  try {
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    let text = buffer.toString('utf8');
    for (const s of secrets) if (s) text = text.split(s).join('[redacted]');
    return text;
  } finally {
    closeSync(fd);
  }
}

/** Plain-words reason why OBS stopped during startup, read from its log tail. */
export function explainStartupExit(logTail: string, display: string | undefined): string {
  if (/Unable to open X display|could not connect to display|cannot open display/i.test(logTail)) {
    return `OBS could not open the screen (DISPLAY=${display ?? 'unset'}). Run the studio in a desktop session, or unset DISPLAY so the studio starts its own virtual screen (needs Xvfb).`;
  }
  if (/Failed to initialize video|OpenGL|GLX/i.test(logTail) && /fail/i.test(logTail)) {
    return 'OBS could not start its video renderer (OpenGL). Update the graphics driver, then restart the studio.';
  }
  const lastLine = logTail.trim().split('\n').filter(Boolean).slice(-1)[0];
  return `OBS stopped while starting${lastLine ? ` (last log line: ${lastLine.slice(0, 200)})` : ''}. The studio retries; if it keeps failing, reinstall OBS.`;
}
