import { describe, expect, it } from 'vitest';
import { describeHealthAlert, HEALTH_ALERT_CODES, healthAlerts, sortAlerts } from '../../../../../electron/features/health/domain/health-alerts';
import type { ObsHealth } from '../../../../../electron/features/health/domain/obs-health';
import type { ObsStatus } from '../../../../../electron/core/domain/studio-state';
import { CATALOGS } from '../../../../../renderer/src/i18n/catalog';
import { translate } from '../../../../../renderer/src/i18n/i18n';
import { healthFigures, healthWarnings, INITIAL_BANNER, reduceBanner, type BannerState } from '../../../../../renderer/src/features/health/health-view';
import type { MessageKey } from '../../../../../renderer/src/i18n/catalog';

const health = (patch: Partial<ObsHealth> = {}): ObsHealth => ({
  cpuPercent: 23.46,
  fps: 29.97,
  renderSkippedPercent: 0.4,
  encoderSkippedPercent: 1.25,
  isStreaming: false,
  isReconnecting: false,
  congestion: null,
  bitrateKbps: null,
  warnings: [],
  alerts: [],
  ...patch,
});

describe('healthFigures', () => {
  it('rounds for a glance and shows the worse of render and encoder skips', () => {
    expect(healthFigures(health())).toEqual({ fps: '30', cpuPercent: '23', skippedPercent: '1.3', bitrateKbps: null });
  });

  it('shows a bitrate only while streaming', () => {
    expect(healthFigures(health({ isStreaming: true, bitrateKbps: 2499.6 })).bitrateKbps).toBe('2500');
    expect(healthFigures(health({ isStreaming: true, bitrateKbps: null })).bitrateKbps).toBeNull();
    expect(healthFigures(health({ isStreaming: false, bitrateKbps: 100 })).bitrateKbps).toBeNull();
  });
});

describe('healthWarnings', () => {
  it('says every alert in both languages with its figures', () => {
    const readings = healthAlerts(
      { cpuPercent: 150, fps: 18, renderSkippedPercent: 9, encoderSkippedPercent: 12, isReconnecting: true, congestion: 0.9 },
      30,
    );
    // The microphone alerts come from the audio meters, merged in worst-first order.
    const alerts = sortAlerts([{ code: 'mic-silent', source: 'Desk mic', value: 12 }, ...readings, { code: 'mic-muted', source: 'Lapel' }]);
    expect(alerts.map((a) => a.code)).toEqual([...HEALTH_ALERT_CODES]);
    const warnings = healthWarnings(health({ alerts }));
    const sentences = (language: 'en' | 'zh-CN') =>
      warnings.map((w) => ('key' in w ? translate(language, w.key as MessageKey, w.params) : w.text));
    const en = sentences('en');
    expect(en[1]).toBe('The microphone "Lapel" is muted while you are live: viewers cannot hear you. Unmute it if you mean to talk.');
    expect(en[2]).toBe('The microphone "Desk mic" has picked up nothing for 12 s while live: check it is plugged in and the right device is chosen.');
    expect(en[3]).toBe('Encoder overloaded (12% frames skipped): lower the resolution or pick the low-power profile.');
    expect(en[6]).toBe('Frame rate is 18 fps instead of 30: the picture may stutter.');
    // The engine's own English sentences say the same (one source of truth for logs and the API).
    expect(alerts.map(describeHealthAlert)).toEqual(en);
    const zh = sentences('zh-CN');
    expect(zh[1]).toBe('直播中麦克风「Lapel」处于静音：观众听不到你。如果要说话，请取消静音。');
    expect(zh[3]).toContain('编码器过载（12%');
    expect(zh[6]).toContain('18 帧/秒（应为 30）');
    for (const s of [...en, ...zh]) expect(s).not.toMatch(/\{\w+\}/);
  });

  it('falls back to the English sentences of an engine that sends no alerts', () => {
    expect(healthWarnings(health({ alerts: undefined, warnings: ['Something is wrong.'] }))).toEqual([{ text: 'Something is wrong.' }]);
  });

  it('has a sentence in every language for every alert code', () => {
    for (const code of HEALTH_ALERT_CODES) {
      const [warning] = healthWarnings(health({ alerts: [{ code, value: 1, target: 2 }] }));
      expect('key' in warning! && CATALOGS.en[warning.key as MessageKey] && CATALOGS['zh-CN'][warning.key as MessageKey]).toBeTruthy();
    }
  });
});

describe('reduceBanner', () => {
  const run = (statuses: Array<ObsStatus | [ObsStatus, boolean] | 'dismiss'>, from: BannerState = INITIAL_BANNER) =>
    statuses.reduce<BannerState>(
      (state, e) =>
        e === 'dismiss'
          ? reduceBanner(state, { type: 'dismiss' })
          : reduceBanner(state, { type: 'obs', status: Array.isArray(e) ? e[0] : e, hasMessage: Array.isArray(e) ? e[1] : true }),
      from,
    );

  it('a first start says "starting", then nothing once connected', () => {
    expect(run(['starting']).kind).toBe('starting');
    expect(run(['starting', 'connected']).kind).toBeNull();
  });

  it('an outage (crash, relaunch) shows until OBS is back, then says it is back until dismissed', () => {
    expect(run(['connected', 'reconnecting']).kind).toBe('outage');
    expect(run(['connected', 'reconnecting', 'starting']).kind).toBe('outage');
    expect(run(['connected', 'reconnecting', 'starting', 'connected']).kind).toBe('recovered');
    expect(run(['connected', 'reconnecting', 'connected', 'connected']).kind).toBe('recovered');
    expect(run(['connected', 'reconnecting', 'connected', 'dismiss']).kind).toBeNull();
    expect(run(['connected', 'error', 'connected']).kind).toBe('recovered');
  });

  it('dismiss never hides an outage', () => {
    expect(run(['reconnecting', 'dismiss']).kind).toBe('outage');
    expect(run(['connected', 'engine-restarting', 'dismiss']).kind).toBe('engine');
  });

  it('the engine process restarting is its own outage (OBS runs on), and its return is told apart from OBS\'s', () => {
    expect(run(['connected', 'engine-restarting']).kind).toBe('engine');
    // The new engine says "starting" while it attaches to the OBS that kept running.
    expect(run(['connected', 'engine-restarting', 'starting']).kind).toBe('engine');
    expect(run(['connected', 'engine-restarting', 'starting', 'connected']).kind).toBe('engine-recovered');
    expect(run(['connected', 'engine-restarting', 'connected', 'dismiss']).kind).toBeNull();
    // OBS itself failing during the engine's outage makes it an OBS outage, announced as OBS's return.
    expect(run(['connected', 'engine-restarting', 'reconnecting', 'connected']).kind).toBe('recovered');
    expect(run(['connected', 'reconnecting', 'engine-restarting', 'connected']).kind).toBe('recovered');
  });

  it('no OBS: quiet without a message (nothing was tried), a banner with one', () => {
    expect(run([['unavailable', false]]).kind).toBeNull();
    expect(run([['unavailable', true]]).kind).toBe('unavailable');
  });
});
