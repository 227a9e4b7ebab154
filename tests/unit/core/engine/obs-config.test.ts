import { describe, expect, it } from 'vitest';
import { buildObsConfigFiles, encodeLastVersion, obsLaunchArgs, parseObsVersion, PROFILES } from '../../../../electron/core/engine/obs-config';

const input = (major: number, minor = 0, patch = 0) => ({
  version: { major, minor, patch },
  profile: PROFILES.test,
  websocketPort: 4455,
  websocketPassword: 'pw-secret-value-123',
  recordingDir: '/tmp/rec',
});

describe('OBS config seeding', () => {
  it('parses `obs --version` and encodes LastVersion the way OBS stores it', () => {
    expect(parseObsVersion('OBS Studio - 29.0.2.1-1+b1 (linux)')).toEqual({ major: 29, minor: 0, patch: 2 });
    expect(parseObsVersion('nothing here')).toBeNull();
    expect(encodeLastVersion({ major: 29, minor: 0, patch: 2 })).toBe(486539266);
  });

  it('29: global.ini carries FirstRun, LastVersion, profile and websocket; config.json repeats the websocket', () => {
    const files = buildObsConfigFiles(input(29, 0, 2));
    const global = files.find((f) => f.path === 'global.ini')!;
    expect(global.content).toMatch(/FirstRun=true/);
    expect(global.content).toMatch(/LastVersion=486539266/);
    expect(global.content).toMatch(/ServerEnabled=true/);
    expect(global.content).toMatch(/ServerPort=4455/);
    expect(global.content).toMatch(/AuthRequired=true/);
    expect(global.isSecret).toBe(true);
    expect(files.some((f) => f.path === 'user.ini')).toBe(false);
    const ws = JSON.parse(files.find((f) => f.path === 'plugin_config/obs-websocket/config.json')!.content);
    expect(ws).toMatchObject({ server_enabled: true, server_port: 4455, auth_required: true, first_load: false });
    const basic = files.find((f) => f.path === 'basic/profiles/AnchorTest/basic.ini')!.content;
    expect(basic).toMatch(/BaseCX=640/);
    expect(basic).toMatch(/BaseCY=360/);
    expect(basic).toMatch(/Encoder=obs_x264/);
  });

  it('31+: FirstRun and [Basic] move to user.ini and the migration is marked done', () => {
    const files = buildObsConfigFiles(input(31, 1));
    expect(files.find((f) => f.path === 'user.ini')!.content).toMatch(/FirstRun=true[\s\S]*\[Basic\]/);
    expect(files.find((f) => f.path === 'global.ini')!.content).toMatch(/Pre31Migrated=true/);
  });

  it('profiles: 16:9, 9:16 vertical and low-power', () => {
    expect([PROFILES.horizontal.width, PROFILES.horizontal.height]).toEqual([1920, 1080]);
    expect([PROFILES.vertical.width, PROFILES.vertical.height]).toEqual([1080, 1920]);
    expect(PROFILES['low-power'].bitrateKbps).toBeLessThan(PROFILES.horizontal.bitrateKbps);
  });

  it('launch flags: always --multi, shutdown check off only where it exists, never the password', () => {
    for (const major of [28, 29, 30, 31, 32]) {
      const args = obsLaunchArgs({ major, minor: 0, patch: 0 }, PROFILES.test);
      expect(args).toContain('--multi');
      expect(args.includes('--disable-shutdown-check')).toBe(major === 30 || major === 31);
      expect(args.join(' ')).not.toMatch(/password|pw-secret/);
      expect(args).not.toContain('--safe-mode');
    }
  });
});
