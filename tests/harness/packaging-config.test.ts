import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ffmpegExe, ffmpegPackageOf, locateFfmpeg } from '../../electron/features/output/engine/ffmpeg-locator';

// The packaged app is locked down by Electron's fuses, flipped by electron-builder at package time. The Electron
// binary cannot run here, so the builder's config is what can be checked: every fuse the security review asked for.
describe('packaging config (electron-builder.yml)', () => {
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

  it('sets every Electron fuse the studio relies on', () => {
    expect(config.electronFuses).toEqual({
      // Utility processes replace child_process.fork of the app binary, so the app never needs to run as Node.
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into app.asar (onlyLoadAppFromAsar needs it) with only the native modules unpacked', () => {
    expect(config.asar ?? true).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**', '**/*.node']);
  });

  it('ships the built bundles the tests run, the studio children included, and no source maps', () => {
    expect(config.files).toEqual([
      'dist/**',
      '!dist/**/*.map',
      'package.json',
      '!**/node_modules/@ffmpeg-installer/**',
      '!dist/agency/**',
      '!dist/agency-console/**',
      '!**/node_modules/@electric-sql/**',
      '!**/node_modules/{pg,pg-*,pgpass,postgres-*,redis,@redis}/**',
      '!**/node_modules/@socket.io/redis-streams-adapter/**',
    ]);
    const shell = readFileSync('scripts/build-shell.mjs', 'utf8');
    for (const bundle of ['dist/main/main.cjs', 'dist/main/hub-process.cjs', 'dist/main/engine-process.cjs', 'dist/preload/preload.cjs']) {
      expect(shell).toContain(bundle);
    }
  });

  // electron-builder's keys per platform, Node's platform names, and the CPUs each is built for.
  const targets = [
    { key: 'win', platform: 'win32', arches: ['x64'] },
    { key: 'mac', platform: 'darwin', arches: ['x64', 'arm64'] },
    { key: 'linux', platform: 'linux', arches: ['x64', 'arm64'] },
  ] as const;

  for (const { key, platform, arches } of targets) {
    it(`${key}: carries ffmpeg from its npm package to <resources>/ffmpeg, where the engine looks first`, () => {
      const resources = (config[key].extraResources ?? []) as Array<{ from: string; to: string }>;
      const exe = ffmpegExe(platform);
      const entry = resources.find((r) => r.to === `ffmpeg/${exe}`);
      expect(entry, `${key}.extraResources copies ffmpeg`).toBeDefined();
      const optional = JSON.parse(readFileSync('package.json', 'utf8')).optionalDependencies as Record<string, string>;
      for (const arch of arches) {
        const pkg = ffmpegPackageOf(platform, arch)!;
        expect(entry!.from.replace('${arch}', arch)).toBe(`node_modules/${pkg}/${exe}`);
        expect(Object.keys(optional), `package.json optionalDependencies has ${pkg}`).toContain(pkg);
        // The packaged layout, as the engine resolves it on that platform.
        const resourcesPath = '/app/resources';
        const found = locateFfmpeg({ platform, arch, resourcesPath, env: { PATH: '' }, exists: (p) => p === join(resourcesPath, entry!.to) });
        expect(found).toEqual({ path: join(resourcesPath, entry!.to), origin: 'bundled' });
      }
    });
  }

  it("this machine's package is installed with its executable bit, as the linux build copies it", () => {
    const pkg = ffmpegPackageOf(process.platform, process.arch);
    expect(pkg, 'a platform with an ffmpeg package').not.toBeNull();
    const file = join('node_modules', pkg!, ffmpegExe(process.platform));
    expect(existsSync(file), `${file} exists (npm ci installs optionalDependencies)`).toBe(true);
    expect(() => accessSync(file, constants.X_OK)).not.toThrow();
  });
});
