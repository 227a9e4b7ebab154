import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { obsLaunchArgs, obsStudioDir, seedObsConfig, SUPPORTED_OBS_MAJORS, wipeStreamSettings, type ObsProfile, type ObsVersion } from './obs-config';
import {
  attachProcess,
  clearSession,
  detectObsVersion,
  explainStartupExit,
  freePort,
  isPidAlive,
  launchObs,
  ObsExitedError,
  readLogTail,
  readSession,
  waitForObsPort,
  writeSession,
  type ObsExit,
  type ObsProcessHandle,
} from './obs-process';
import type { EngineLogger } from './obs-session';
import { childEnv } from './child-env';
import { isOurObs } from './process-identity';
import { displayProblem, findXvfb, startVirtualDisplay, stopVirtualDisplay, type VirtualDisplay } from './virtual-display';

/** File (in the engine's data dir) that gets OBS's stdout and stderr. */
export const OBS_LOG_FILE = 'obs-output.log';

/** An OBS the engine can connect to: found running (an earlier engine left it) or just launched. */
export interface RunningObs {
  handle: ObsProcessHandle;
  port: number;
  password: string;
  isAttached: boolean;
}

/** OBS stopped while starting; `message` says why in plain words (read from its log). */
export interface StartupExit {
  exit: ObsExit;
  message: string;
}

/** What the launcher needs to know: where the engine keeps OBS's files and how OBS runs on this computer. */
export interface LauncherOptions {
  dataDir: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Xvfb binary; null = none available; undefined = search PATH. */
  xvfbPath?: string | null;
  startupTimeoutMs?: number;
  log: EngineLogger;
}

/** A problem retrying cannot fix (OBS missing, no display possible, OBS too old). */
export class FatalError extends Error {}

/**
 * Starts the studio's OBS, or finds the one an earlier engine left running: the virtual screen where there is none,
 * the version check, a seeded config (no wizard; the websocket password in private files, never on a command line),
 * the session file a later engine attaches through.
 */
export class ObsLauncher {
  private display: VirtualDisplay | null = null;
  private isDisplayOwned = false;
  private version: ObsVersion | null = null;
  readonly configHome: string;
  readonly logFile: string;

  constructor(private readonly options: LauncherOptions) {
    this.configHome = join(options.dataDir, 'obs-config');
    this.logFile = join(options.dataDir, OBS_LOG_FILE);
  }

  /** The OBS the session file names, when it still runs and is ours (a pid can be reused); else null. */
  attach(): RunningObs | null {
    const session = readSession(this.options.dataDir);
    if (!session) return null;
    if (!isPidAlive(session.pid) || !isOurObs(session.pid, this.configHome)) {
      clearSession(this.options.dataDir);
      return null;
    }
    this.version = session.version;
    if (session.display) {
      this.display = session.display;
      this.isDisplayOwned = true;
    }
    this.options.log.info('attaching to running OBS', { pid: session.pid, port: session.port });
    return { handle: attachProcess(session.pid), port: session.port, password: session.password, isAttached: true };
  }

  /**
   * Launches a fresh OBS with `profile` and resolves once its websocket listens, or with the reason it exited during
   * startup. `abortable` lets a stop end the waits at once; `onLaunched` hears of the process as soon as it exists, so
   * a stop that comes while OBS starts can still end it.
   */
  async launch(
    binary: string,
    profile: ObsProfile,
    recordingDir: string,
    abortable: <T>(work: Promise<T>) => Promise<T>,
    onLaunched: (handle: ObsProcessHandle) => void,
  ): Promise<RunningObs | StartupExit> {
    const { log } = this.options;
    const display = await abortable(this.ensureDisplay());
    this.version ??= await abortable(this.detectVersion(binary));
    const port = await freePort();
    const password = randomBytes(24).toString('base64url');
    log.addSecret?.(password);
    seedObsConfig(this.configHome, { version: this.version, profile, websocketPort: port, websocketPassword: password, recordingDir });
    // XDG_CONFIG_HOME isolates OBS's settings on Linux (checked). Windows and macOS builds read %APPDATA% /
    // ~/Library regardless; isolating them needs OBS's portable mode on a writable copy (not done yet).
    wipeStreamSettings([obsStudioDir(this.configHome), ...userObsSettingsDirs(this.options.platform, this.options.env)]);
    if (this.options.platform !== 'linux') {
      log.warn("OBS settings isolation is only verified on Linux; this OBS may use the user's own OBS settings", { platform: this.options.platform });
    }
    const env = childEnv(this.options.env, { XDG_CONFIG_HOME: this.configHome });
    if (display) env.DISPLAY = display;
    const handle = await launchObs({ binary, args: obsLaunchArgs(this.version, profile), env, logFile: this.logFile });
    onLaunched(handle);
    writeSession(this.options.dataDir, {
      pid: handle.pid,
      port,
      password,
      binary,
      version: this.version,
      display: this.display && this.isDisplayOwned ? this.display : null,
      startedAt: Date.now(),
    });
    log.info('launched OBS', { pid: handle.pid, port, version: this.version, display });
    try {
      await abortable(waitForObsPort(handle, port, this.options.startupTimeoutMs ?? 30_000));
    } catch (err) {
      if (!(err instanceof ObsExitedError)) throw err;
      const message = explainStartupExit(readLogTail(this.logFile, [password]), display);
      log.warn('OBS exited during startup', { reason: message });
      return { exit: await handle.exited, message };
    }
    return { handle, port, password, isAttached: false };
  }

  /** Stops the virtual screen this engine started (OBS is gone) and waits until it is gone. */
  async stopDisplay(): Promise<void> {
    if (!this.display || !this.isDisplayOwned) return;
    await stopVirtualDisplay(this.display);
  }

  private async ensureDisplay(): Promise<string | undefined> {
    const { platform, env, xvfbPath, log } = this.options;
    if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return env.DISPLAY;
    if (this.display && isPidAlive(this.display.pid)) return this.display.display;
    const xvfb = findXvfb(env, xvfbPath);
    const problem = displayProblem(platform, env, xvfb);
    if (problem) throw new FatalError(problem);
    try {
      this.display = await startVirtualDisplay(xvfb!);
      this.isDisplayOwned = true;
      log.info('started a virtual display for OBS', { display: this.display.display });
      return this.display.display;
    } catch (err) {
      throw new FatalError(`There is no screen and the virtual screen (Xvfb) did not start: ${(err as Error).message}`);
    }
  }

  private async detectVersion(binary: string): Promise<ObsVersion> {
    const version = await detectObsVersion(binary);
    if (!version) {
      // Some builds print nothing for --version; the newest layout still works on older ones (both are seeded).
      this.options.log.warn('could not read the OBS version; assuming 30.0.0', { binary });
      return { major: 30, minor: 0, patch: 0 };
    }
    if (version.major < SUPPORTED_OBS_MAJORS.min) {
      throw new FatalError(`OBS ${version.major}.${version.minor} is too old: the studio needs OBS 28 or newer (it has the websocket built in). Update OBS.`);
    }
    if (version.major > SUPPORTED_OBS_MAJORS.max) this.options.log.warn('OBS is newer than the versions this engine was checked with', { version });
    return version;
  }
}

/** Where a non-isolated OBS keeps its settings (Windows, macOS): the studio's profiles there hold keys too. */
function userObsSettingsDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32' && env.APPDATA) return [join(env.APPDATA, 'obs-studio')];
  if (platform === 'darwin') return [join(homedir(), 'Library', 'Application Support', 'obs-studio')];
  return [];
}
