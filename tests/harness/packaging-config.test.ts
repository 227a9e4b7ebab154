import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

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
    expect(config.files).toEqual(['dist/**', '!dist/**/*.map', 'package.json']);
    const shell = readFileSync('scripts/build-shell.mjs', 'utf8');
    for (const bundle of ['dist/main/main.cjs', 'dist/main/hub-process.cjs', 'dist/main/engine-process.cjs', 'dist/preload/preload.cjs']) {
      expect(shell).toContain(bundle);
    }
  });
});
