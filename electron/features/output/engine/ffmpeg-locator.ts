import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * Where the studio's ffmpeg comes from. The app carries its own (the `@ffmpeg-installer/<platform>-<arch>` package of
 * the machine it was built on, copied to `<resources>/ffmpeg` by electron-builder.yml), so multistream works on a PC
 * that has only the studio and OBS; this computer's ffmpeg is the fallback. Why this ffmpeg: docs/going-live.md.
 */

/** The ffmpeg the studio runs, and whether it came with the studio or from this computer. */
export interface FfmpegLocation {
  path: string;
  origin: 'bundled' | 'system';
}

/** How to look for ffmpeg; every field defaults to this process's. */
export interface FfmpegLocateOptions {
  /** `process.resourcesPath` of the packaged app. */
  resourcesPath?: string;
  /** The folder of the running bundle: its ancestors' node_modules hold the package in a headless install. */
  appDir?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  exists?: (path: string) => boolean;
}

/** The npm package that carries ffmpeg for a platform and CPU (null: none published). */
export function ffmpegPackageOf(platform: NodeJS.Platform, arch: string): string | null {
  const supported = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
  const id = `${platform}-${arch}`;
  return supported.includes(id) ? `@ffmpeg-installer/${id}` : null;
}

/** The file name of ffmpeg on a platform. */
export function ffmpegExe(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
}

/**
 * Finds ffmpeg: the copy inside the packaged app (`<resources>/ffmpeg`), the package in node_modules (headless
 * installs), an explicit `ANCHOR_FFMPEG`, then PATH. Null when there is none.
 */
export function locateFfmpeg(options: FfmpegLocateOptions = {}): FfmpegLocation | null {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const exe = ffmpegExe(platform);
  if (options.resourcesPath) {
    const packaged = join(options.resourcesPath, 'ffmpeg', exe);
    if (exists(packaged)) return { path: packaged, origin: 'bundled' };
  }
  const pkg = ffmpegPackageOf(platform, arch);
  if (pkg && options.appDir) {
    for (let dir = options.appDir; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', ...pkg.split('/'), exe);
      if (exists(candidate)) return { path: candidate, origin: 'bundled' };
      if (dirname(dir) === dir) break;
    }
  }
  if (env.ANCHOR_FFMPEG && exists(env.ANCHOR_FFMPEG)) return { path: env.ANCHOR_FFMPEG, origin: 'system' };
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, exe)).find((p) => exists(p));
  return onPath ? { path: onPath, origin: 'system' } : null;
}

/** What to tell the anchor when there is no ffmpeg at all (the bundled one is missing: a broken install). */
export function missingFfmpegMessage(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'ffmpeg is missing from this installation. Reinstall Anchor Studio, or install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg).';
  return 'ffmpeg is missing from this installation. Reinstall Anchor Studio.';
}
