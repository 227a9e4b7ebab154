import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Where an OBS binary was found. */
export type ObsSource = 'bundled' | 'user' | 'system';

/** Outcome of looking for OBS: a binary to launch, or a first-run message saying what to install. */
export type ObsLocation =
  | { found: true; path: string; source: ObsSource }
  | { found: false; message: string; tried: string[] };

/** Inputs of the OBS search; `exists` is injectable so the rules are testable without a filesystem. */
export interface LocateObsOptions {
  platform: NodeJS.Platform;
  /** `process.resourcesPath` of the packaged app; a bundled OBS lives in `<resources>/obs`. */
  resourcesPath?: string;
  /** A path the user chose in settings (the binary, or the .app on macOS). */
  userPath?: string;
  /** Overrides the per-platform system locations (tests pass [] to simulate "OBS not installed"). */
  systemCandidates?: string[];
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
}

/** The usual system install locations of OBS Studio on a platform, most likely first. */
export function systemObsCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}): string[] {
  switch (platform) {
    case 'win32': {
      const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], 'C:\\Program Files'].filter((r): r is string => !!r);
      return [...new Set(roots)].map((root) => `${root}\\obs-studio\\bin\\64bit\\obs64.exe`);
    }
    case 'darwin':
      return ['/Applications/OBS.app/Contents/MacOS/OBS'];
    default:
      // Flatpak OBS is left out on purpose: it keeps its own config path, so the studio cannot seed it.
      return ['/usr/bin/obs', '/usr/local/bin/obs', '/snap/bin/obs-studio'];
  }
}

/** Where a bundled OBS sits inside the packaged app's resources. */
export function bundledObsPath(platform: NodeJS.Platform, resourcesPath: string): string {
  if (platform === 'win32') return join(resourcesPath, 'obs', 'bin', '64bit', 'obs64.exe');
  if (platform === 'darwin') return join(resourcesPath, 'obs', 'OBS.app', 'Contents', 'MacOS', 'OBS');
  return join(resourcesPath, 'obs', 'bin', 'obs');
}

/** Turns a user-chosen macOS `.app` bundle into its executable; other paths pass through. */
export function normalizeUserPath(platform: NodeJS.Platform, path: string): string {
  if (platform === 'darwin' && path.endsWith('.app')) return join(path, 'Contents', 'MacOS', 'OBS');
  return path;
}

/** What to tell a first-time user who has no OBS, per platform. */
export function missingObsMessage(platform: NodeJS.Platform): string {
  const how =
    platform === 'win32'
      ? 'Install OBS Studio 28 or newer from https://obsproject.com (default location)'
      : platform === 'darwin'
        ? 'Install OBS Studio 28 or newer from https://obsproject.com into /Applications'
        : 'Install OBS Studio 28 or newer (Debian/Ubuntu: "sudo apt install obs-studio")';
  return `OBS Studio was not found. ${how}, or set its location in Settings. Until then the studio runs in rehearsal mode without video.`;
}

/** Finds the OBS binary: bundled copy first, then the user's choice, then system installs. */
export function locateObs(options: LocateObsOptions): ObsLocation {
  const exists = options.exists ?? isExecutable;
  const candidates: Array<{ path: string; source: ObsSource }> = [];
  if (options.resourcesPath) candidates.push({ path: bundledObsPath(options.platform, options.resourcesPath), source: 'bundled' });
  if (options.userPath) candidates.push({ path: normalizeUserPath(options.platform, options.userPath), source: 'user' });
  const system = options.systemCandidates ?? systemObsCandidates(options.platform, options.env ?? {});
  for (const path of system) candidates.push({ path, source: 'system' });
  for (const candidate of candidates) {
    if (exists(candidate.path)) return { found: true, ...candidate };
  }
  let message = missingObsMessage(options.platform);
  if (options.userPath) message = `The OBS location set in Settings (${options.userPath}) has no OBS program. ${message}`;
  return { found: false, message, tried: candidates.map((c) => c.path) };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
