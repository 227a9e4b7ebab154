import type { VideoProfile } from '../domain/video-profile';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** An OBS Studio version as `obs --version` prints it. */
export interface ObsVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `OBS Studio - 29.0.2.1-1+b1 (linux)` (or any text with a dotted version) into numbers. */
export function parseObsVersion(text: string): ObsVersion | null {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

/** `LastVersion` as OBS stores it in global.ini: (major << 24) | (minor << 16) | patch. */
export function encodeLastVersion(v: ObsVersion): number {
  // Unsigned: OBS 128+ would overflow a signed shift, and OBS reads it as uint32.
  return ((v.major << 24) >>> 0) + (v.minor << 16) + v.patch;
}

/** Lowest and highest OBS majors whose config layout this module knows. */
export const SUPPORTED_OBS_MAJORS = { min: 28, max: 32 } as const;

/** Name of a canvas/encoder preset the studio offers. */
/** Name of a video profile (see {@link VIDEO_PROFILES}). */
export type ProfileName = VideoProfile;

/** Video and x264 settings of one profile. */
export interface ObsProfile {
  /** Profile name shown in OBS and its folder name. */
  id: string;
  width: number;
  height: number;
  fps: number;
  /** Video bitrate in kbps for streamEncoder.json. */
  bitrateKbps: number;
  x264Preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster';
}

/** The studio's profiles: 16:9 desktop, 9:16 for Douyin/TikTok/视频号, a light preset for weak PCs, and the test canvas. */
export const PROFILES: Record<ProfileName, ObsProfile> = {
  horizontal: { id: 'AnchorHorizontal', width: 1920, height: 1080, fps: 30, bitrateKbps: 6000, x264Preset: 'veryfast' },
  vertical: { id: 'AnchorVertical', width: 1080, height: 1920, fps: 30, bitrateKbps: 6000, x264Preset: 'veryfast' },
  'low-power': { id: 'AnchorLowPower', width: 1280, height: 720, fps: 30, bitrateKbps: 2500, x264Preset: 'superfast' },
  // Two cores under llvmpipe render 640x360 at 30 fps without skipped frames (see docs notes).
  test: { id: 'AnchorTest', width: 640, height: 360, fps: 30, bitrateKbps: 1000, x264Preset: 'ultrafast' },
};

/** Folder name of the studio's (initially empty) scene collection. */
export const SCENE_COLLECTION = 'AnchorStudio';

/** What a seeded config needs. */
export interface ObsConfigInput {
  version: ObsVersion;
  profile: ObsProfile;
  websocketPort: number;
  /** Goes only into files (mode 0600), never onto a command line. */
  websocketPassword: string;
  /** Recording folder. */
  recordingDir: string;
}

/** One file to write under `<configHome>/obs-studio/`. */
export interface ConfigFile {
  path: string;
  content: string;
  /** True when the file holds a secret and must be private to the user. */
  isSecret: boolean;
}

function ini(sections: Record<string, Record<string, string | number | boolean>>): string {
  const lines: string[] = [];
  for (const [name, entries] of Object.entries(sections)) {
    lines.push(`[${name}]`);
    for (const [k, v] of Object.entries(entries)) lines.push(`${k}=${v}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The files of an isolated OBS config for one launch (pure: no disk access). */
export function buildObsConfigFiles(input: ObsConfigInput): ConfigFile[] {
  const { version, profile, websocketPort: port, websocketPassword: password } = input;
  const isV31Plus = version.major >= 31;
  // Without FirstRun + LastVersion OBS opens its auto-configuration wizard; a LastVersion older than the
  // binary triggers "what's new" and (31+) the user.ini migration box.
  const general: Record<string, string | number | boolean> = {
    FirstRun: true,
    LastVersion: encodeLastVersion(version),
    ConfirmOnExit: false,
    EnableAutoUpdates: false,
  };
  const basic = {
    Profile: profile.id,
    ProfileDir: profile.id,
    SceneCollection: SCENE_COLLECTION,
    SceneCollectionFile: SCENE_COLLECTION,
  };
  const basicWindow = {
    PreviewEnabled: false,
    SysTrayEnabled: false,
    WarnBeforeStartingStream: false,
    WarnBeforeStoppingStream: false,
    WarnBeforeStoppingRecord: false,
    ShowTransitions: true,
  };
  // 28 to 30.1 read the websocket settings from global.ini; 30.2+ migrate them into config.json. Seeding both is safe.
  const websocketIni = {
    FirstLoad: false,
    ServerEnabled: true,
    ServerPort: port,
    AlertsEnabled: false,
    AuthRequired: true,
    ServerPassword: password,
  };
  const files: ConfigFile[] = [];
  if (isV31Plus) {
    // OBS 31 moved FirstRun, ConfirmOnExit and [Basic] into user.ini (read in obs-studio source at the 31.0.0 tag).
    files.push({
      path: 'global.ini',
      content: ini({ General: { LastVersion: general.LastVersion!, Pre31Migrated: true }, OBSWebSocket: websocketIni }),
      isSecret: true,
    });
    files.push({ path: 'user.ini', content: ini({ General: general, Basic: basic, BasicWindow: basicWindow }), isSecret: false });
  } else {
    files.push({
      path: 'global.ini',
      content: ini({ General: general, Basic: basic, BasicWindow: basicWindow, OBSWebSocket: websocketIni }),
      isSecret: true,
    });
  }
  files.push({
    path: 'plugin_config/obs-websocket/config.json',
    content: JSON.stringify({
      first_load: false,
      server_enabled: true,
      server_port: port,
      alerts_enabled: false,
      auth_required: true,
      server_password: password,
    }),
    isSecret: true,
  });
  const profileDir = `basic/profiles/${profile.id}`;
  files.push({
    path: `${profileDir}/basic.ini`,
    content: ini({
      General: { Name: profile.id },
      Video: {
        BaseCX: profile.width,
        BaseCY: profile.height,
        OutputCX: profile.width,
        OutputCY: profile.height,
        FPSType: 1,
        FPSInt: profile.fps,
        ScaleType: 'bicubic',
      },
      Output: { Mode: 'Advanced', Reconnect: true, RetryDelay: 2, MaxRetries: 20 },
      AdvOut: {
        Encoder: 'obs_x264',
        RecType: 'Standard',
        RecEncoder: 'none',
        RecFormat: 'mkv',
        RecFormat2: 'mkv',
        RecFilePath: input.recordingDir,
      },
    }),
    isSecret: false,
  });
  files.push({
    path: `${profileDir}/streamEncoder.json`,
    content: JSON.stringify({
      rate_control: 'CBR',
      bitrate: profile.bitrateKbps,
      preset: profile.x264Preset,
      tune: 'zerolatency',
      keyint_sec: 2,
    }),
    isSecret: false,
  });
  // Nearly empty on purpose: the engine builds the scenes over the websocket, the same way on every version.
  files.push({
    path: `basic/scenes/${SCENE_COLLECTION}.json`,
    content: JSON.stringify({
      name: SCENE_COLLECTION,
      current_scene: '',
      current_program_scene: '',
      scene_order: [],
      sources: [],
      transitions: [],
      current_transition: 'Cut',
      transition_duration: 300,
    }),
    isSecret: false,
  });
  return files;
}

/** Command-line flags for a launch (never the password: it would show in `ps`). */
export function obsLaunchArgs(version: ObsVersion, profile: ObsProfile): string[] {
  // --multi: another OBS on the machine would otherwise open a blocking "already running" dialog.
  const args = ['--multi', '--disable-missing-files-check', '--profile', profile.id, '--collection', SCENE_COLLECTION];
  // 30.x/31.x ask about safe mode after an unclean exit (https://github.com/obsproject/obs-studio/pull/8455);
  // a crash relaunch must not wait for a click. Safe mode would also leave obs-websocket unloaded.
  if (version.major === 30 || version.major === 31) args.push('--disable-shutdown-check');
  return args;
}

/** Path of OBS's own config folder inside the isolated config home. */
export function obsStudioDir(configHome: string): string {
  return join(configHome, 'obs-studio');
}

/** Writes the seeded files (secret ones with mode 0600) and clears launch leftovers; call before every launch. */
export function seedObsConfig(configHome: string, input: ObsConfigInput): void {
  const root = obsStudioDir(configHome);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(configHome, 0o700);
  for (const file of buildObsConfigFiles(input)) {
    const full = join(root, file.path);
    mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
    writeFileSync(full, file.content, { mode: file.isSecret ? 0o600 : 0o644 });
    if (file.isSecret) chmodSync(full, 0o600);
  }
  // 32 removed --disable-shutdown-check; a leftover .sentinel folder is what triggers the safe-mode box
  // (https://github.com/obsproject/obs-studio/issues/12650, /12674).
  if (input.version.major >= 32) rmSync(join(root, '.sentinel'), { recursive: true, force: true });
  mkdirSync(input.recordingDir, { recursive: true });
}

/** OBS's stream settings with no server and no key (what service.json holds between shows). */
export const EMPTY_STREAM_SERVICE = JSON.stringify({ type: 'rtmp_custom', settings: { server: '', key: '', use_auth: false } });

/**
 * Clears the stream settings (service.json) of the studio's profiles under each OBS settings folder: a key OBS saved
 * during a show that did not end cleanly (a crash, a power cut) never outlives the next launch. Call before OBS starts;
 * a show still live is sent its key again over the websocket. Other profiles (the user's own OBS) are not touched.
 */
export function wipeStreamSettings(obsSettingsDirs: string[]): void {
  for (const root of obsSettingsDirs) {
    for (const profile of Object.values(PROFILES)) {
      // OBS keeps the file it last replaced as service.json.bak: that one may hold a key too.
      for (const name of ['service.json', 'service.json.bak']) {
        const file = join(root, 'basic', 'profiles', profile.id, name);
        if (existsSync(file)) writeFileSync(file, EMPTY_STREAM_SERVICE, { mode: 0o600 });
      }
    }
  }
}
