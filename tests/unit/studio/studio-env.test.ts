import { describe, expect, it } from 'vitest';
import { engineProcessConfigSchema, fromChildSchema, hubProcessConfigSchema, toChildSchema } from '../../../electron/studio/process-messages';
import { defaultDataDir, obsSettingsFromEnv, portFromEnv } from '../../../electron/studio/studio-env';

describe('what the environment tells the studio', () => {
  it('runs OBS by default, like the desktop app; ANCHOR_OBS=off opts out', () => {
    expect(obsSettingsFromEnv({})).toEqual({ profile: undefined, locate: { userPath: undefined } });
    for (const off of ['off', 'OFF', '0', 'false', 'no']) expect(obsSettingsFromEnv({ ANCHOR_OBS: off })).toBe(false);
    expect(obsSettingsFromEnv({ ANCHOR_OBS: 'on', ANCHOR_OBS_PATH: '/opt/obs/bin/obs', ANCHOR_OBS_PROFILE: 'vertical' })).toEqual({
      profile: 'vertical',
      locate: { userPath: '/opt/obs/bin/obs' },
    });
  });

  it('refuses a profile or a port it does not know, saying what it takes', () => {
    expect(() => obsSettingsFromEnv({ ANCHOR_OBS_PROFILE: 'portrait' })).toThrow('ANCHOR_OBS_PROFILE must be one of horizontal, vertical, low-power, test, got "portrait".');
    expect(() => portFromEnv({ ANCHOR_PORT: '70000' })).toThrow('ANCHOR_PORT must be a port number (0-65535), got "70000".');
    expect(() => portFromEnv({ ANCHOR_PORT: 'abc' })).toThrow(/got "abc"/);
    expect(portFromEnv({})).toBe(0);
    expect(portFromEnv({ ANCHOR_PORT: '8700' })).toBe(8700);
  });

  it('keeps the data where ANCHOR_DATA_DIR says, else in the per-user app folder', () => {
    expect(defaultDataDir({ ANCHOR_DATA_DIR: '/tmp/show' })).toBe('/tmp/show');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' })).toMatch(/Anchor Studio[/\\]studio$/);
  });
});

describe('messages between the studio and its children', () => {
  const token = 't'.repeat(43);

  it('accept what the studio sends and refuse malformed or unknown ones', () => {
    expect(toChildSchema.safeParse({ type: 'stop', keepObsRunning: true }).success).toBe(true);
    expect(toChildSchema.safeParse({ type: 'reboot' }).success).toBe(false);
    expect(fromChildSchema.safeParse({ type: 'ready', url: 'http://127.0.0.1:1', port: 1 }).success).toBe(true);
    expect(fromChildSchema.safeParse({ type: 'ready', port: 'x' }).success).toBe(false);
  });

  it('hub and engine options: tokens long enough, ports in range, roles the studio knows', () => {
    const hub = { dataDir: '/d', port: 0, allowedOrigins: [], anchorToken: token, engineToken: token, extraTokens: [] };
    expect(hubProcessConfigSchema.safeParse(hub).success).toBe(true);
    expect(hubProcessConfigSchema.safeParse({ ...hub, port: 70_000 }).success).toBe(false);
    expect(hubProcessConfigSchema.safeParse({ ...hub, anchorToken: 'short' }).success).toBe(false);
    expect(hubProcessConfigSchema.safeParse({ ...hub, extraTokens: [{ token, principal: { id: 'x', role: 'admin', name: 'X' } }] }).success).toBe(false);
    const engine = { hubUrl: 'http://127.0.0.1:5000', token, dataDir: '/d/engine' };
    expect(engineProcessConfigSchema.safeParse({ ...engine, profile: 'test', env: { DISPLAY: '' }, xvfbPath: null }).success).toBe(true);
    expect(engineProcessConfigSchema.safeParse({ ...engine, hubUrl: 'not a url' }).success).toBe(false);
    expect(engineProcessConfigSchema.safeParse({ ...engine, profile: '4k' }).success).toBe(false);
  });
});
