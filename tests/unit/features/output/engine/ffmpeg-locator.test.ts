import { describe, expect, it } from 'vitest';
import { ffmpegPackageOf, locateFfmpeg } from '../../../../../electron/features/output/engine/ffmpeg-locator';

/** A file system that has exactly these files. */
const only = (paths: string[]) => (p: string) => paths.includes(p.replace(/\\/g, '/'));

describe('the ffmpeg the relay runs: the studio own first, this computer as fallback, then a clear refusal', () => {
  const layouts = [
    { platform: 'win32', arch: 'x64', resources: 'C:/Program Files/Anchor Studio/resources', exe: 'ffmpeg.exe' },
    { platform: 'darwin', arch: 'arm64', resources: '/Applications/Anchor Studio.app/Contents/Resources', exe: 'ffmpeg' },
    { platform: 'linux', arch: 'x64', resources: '/opt/Anchor Studio/resources', exe: 'ffmpeg' },
  ] as const;

  for (const { platform, arch, resources, exe } of layouts) {
    it(`${platform}: the packaged app's <resources>/ffmpeg wins over this computer's`, () => {
      const packaged = `${resources}/ffmpeg/${exe}`;
      const system = platform === 'win32' ? `C:/tools/${exe}` : `/usr/bin/${exe}`;
      const found = locateFfmpeg({ platform, arch, resourcesPath: resources, env: { PATH: system.replace(/\/[^/]+$/, '') }, exists: only([packaged, system]) });
      expect(found && { ...found, path: found.path.replace(/\\/g, '/') }).toEqual({ path: packaged, origin: 'bundled' });
    });

    it(`${platform}: a headless install finds the ${ffmpegPackageOf(platform, arch)} package above the bundle`, () => {
      const pkg = `/srv/studio/node_modules/@ffmpeg-installer/${platform}-${arch}/${exe}`;
      const found = locateFfmpeg({ platform, arch, appDir: '/srv/studio/dist/main', env: { PATH: '' }, exists: only([pkg]) });
      expect(found && { ...found, path: found.path.replace(/\\/g, '/') }).toEqual({ path: pkg, origin: 'bundled' });
    });

    it(`${platform}: without the studio's own, ANCHOR_FFMPEG, then PATH; nothing at all is null`, () => {
      const explicit = `/custom/${exe}`;
      const onPath = `/usr/local/bin/${exe}`;
      const env = { PATH: '/usr/local/bin', ANCHOR_FFMPEG: explicit };
      const base = { platform, arch, resourcesPath: resources, appDir: '/srv/studio/dist/main' };
      expect(locateFfmpeg({ ...base, env, exists: only([explicit, onPath]) })?.path.replace(/\\/g, '/')).toBe(explicit);
      expect(locateFfmpeg({ ...base, env, exists: only([onPath]) })).toMatchObject({ origin: 'system' });
      expect(locateFfmpeg({ ...base, env, exists: only([]) })).toBeNull();
    });
  }

  it('knows which platforms have a package, and says none for the others', () => {
    expect(ffmpegPackageOf('win32', 'x64')).toBe('@ffmpeg-installer/win32-x64');
    expect(ffmpegPackageOf('darwin', 'x64')).toBe('@ffmpeg-installer/darwin-x64');
    expect(ffmpegPackageOf('linux', 'arm64')).toBe('@ffmpeg-installer/linux-arm64');
    expect(ffmpegPackageOf('win32', 'arm64')).toBeNull();
    expect(ffmpegPackageOf('freebsd', 'x64')).toBeNull();
  });
});
