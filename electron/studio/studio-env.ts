import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { VIDEO_PROFILES, type VideoProfile } from '../core/domain/video-profile';
import type { EngineSettings } from './studio';

// What the environment says about the studio, read the same way by the desktop app and the headless studio.

/** Default data directory of the studio per platform (same place the Electron app uses for userData/studio). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ANCHOR_DATA_DIR) return resolve(env.ANCHOR_DATA_DIR);
  if (process.platform === 'win32') return join(env.APPDATA ?? homedir(), 'Anchor Studio', 'studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Anchor Studio', 'studio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Anchor Studio', 'studio');
}

/** What the environment asks of the studio's OBS: on unless `ANCHOR_OBS` says off (like the desktop app). */
export function obsSettingsFromEnv(env: NodeJS.ProcessEnv): EngineSettings | false {
  if (/^(0|off|false|no)$/i.test(env.ANCHOR_OBS ?? '')) return false;
  const profile = env.ANCHOR_OBS_PROFILE || undefined;
  if (profile !== undefined && !isProfileName(profile)) {
    throw new Error(`ANCHOR_OBS_PROFILE must be one of ${VIDEO_PROFILES.join(', ')}, got "${profile}".`);
  }
  return { profile, locate: { userPath: env.ANCHOR_OBS_PATH || undefined } };
}

/** The port asked for with `ANCHOR_PORT` (0, a free one, when unset); throws with what to fix when it is not a port. */
export function portFromEnv(env: NodeJS.ProcessEnv): number {
  const port = env.ANCHOR_PORT ? Number(env.ANCHOR_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ANCHOR_PORT must be a port number (0-65535), got "${env.ANCHOR_PORT}".`);
  return port;
}

function isProfileName(name: string): name is VideoProfile {
  return (VIDEO_PROFILES as readonly string[]).includes(name);
}
