import { describe, expect, it } from 'vitest';
import { describeHealthAlert } from '../../../../../electron/features/health/domain/health-alerts';
import { computeHealth, type HealthSample } from '../../../../../electron/features/health/engine/health';

const sample = (patch: Partial<HealthSample>): HealthSample => ({
  at: 0,
  cpuUsage: 10,
  activeFps: 30,
  renderSkippedFrames: 0,
  renderTotalFrames: 0,
  outputSkippedFrames: 0,
  outputTotalFrames: 0,
  stream: null,
  ...patch,
});

describe('computeHealth', () => {
  it('computes skipped percentages over the interval, not since start', () => {
    const prev = sample({ at: 0, renderSkippedFrames: 100, renderTotalFrames: 1000, outputSkippedFrames: 0, outputTotalFrames: 1000 });
    const cur = sample({ at: 1000, renderSkippedFrames: 103, renderTotalFrames: 1030, outputSkippedFrames: 6, outputTotalFrames: 1030 });
    const h = computeHealth(prev, cur, 30);
    expect(h.renderSkippedPercent).toBe(10);
    expect(h.encoderSkippedPercent).toBe(20);
    expect(h.warnings[0]).toMatch(/Encoder overloaded.*lower the resolution/);
    expect(h.warnings.some((w) => /cannot draw the picture/.test(w))).toBe(true);
  });

  it('computes bitrate from bytes and skips the interval where OBS reset its counters after a reconnect', () => {
    const stream = (bytes: number, isReconnecting = false) => ({ isActive: true, isReconnecting, congestion: 0.1, bytes });
    const a = sample({ at: 0, stream: stream(1_000_000) });
    const b = sample({ at: 1000, stream: stream(1_312_500) });
    expect(computeHealth(a, b, 30).bitrateKbps).toBe(2500);
    const reset = sample({ at: 2000, stream: stream(1000, true) });
    const h = computeHealth(b, reset, 30);
    expect(h.bitrateKbps).toBeNull();
    expect(h.isReconnecting).toBe(true);
    expect(h.warnings[0]).toMatch(/reconnecting/);
  });

  it('is quiet when all is well, and warns about low fps, high CPU and congestion in plain words', () => {
    expect(computeHealth(null, sample({}), 30).warnings).toEqual([]);
    const bad = computeHealth(null, sample({ activeFps: 18, cpuUsage: 150, stream: { isActive: true, isReconnecting: false, congestion: 0.8, bytes: 0 } }), 30);
    expect(bad.warnings.join('\n')).toMatch(/18 fps instead of 30/);
    expect(bad.warnings.join('\n')).toMatch(/150% CPU/);
    expect(bad.warnings.join('\n')).toMatch(/Network congested/);
    expect(bad.congestion).toBe(0.8);
  });
});

describe('health alerts', () => {
  it('carries each warning as data (code and figures) in the same order, for UIs in other languages', () => {
    const bad = computeHealth(null, sample({ activeFps: 18, cpuUsage: 150, stream: { isActive: true, isReconnecting: true, congestion: 0.8, bytes: 0 } }), 30);
    expect(bad.alerts).toEqual([
      { code: 'stream-reconnecting' },
      { code: 'network-congested', value: 0.8 },
      { code: 'fps-low', value: 18, target: 30 },
      { code: 'cpu-high', value: 150 },
    ]);
    expect(bad.warnings).toEqual(bad.alerts!.map(describeHealthAlert));
    expect(computeHealth(null, sample({}), 30).alerts).toEqual([]);
  });
});
