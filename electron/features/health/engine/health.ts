import { describeHealthAlert, healthAlerts } from '../domain/health-alerts';
import type { ObsHealth } from '../domain/obs-health';

/** One reading of OBS's counters (GetStats + GetStreamStatus). */
export interface HealthSample {
  /** Epoch ms of the reading. */
  at: number;
  cpuUsage: number;
  activeFps: number;
  renderSkippedFrames: number;
  renderTotalFrames: number;
  /** GetStats output*: frames the encoder skipped because it lagged. */
  outputSkippedFrames: number;
  outputTotalFrames: number;
  stream: { isActive: boolean; isReconnecting: boolean; congestion: number; bytes: number } | null;
}

function percent(partDelta: number, totalDelta: number): number {
  if (totalDelta <= 0 || partDelta <= 0) return 0;
  return Math.min(100, round((partDelta / totalDelta) * 100));
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Health over the interval between two samples (counters are cumulative; a reset counts as a fresh start). */
export function computeHealth(prev: HealthSample | null, cur: HealthSample, targetFps: number): ObsHealth {
  const delta = (a: number, b: number | undefined) => (b === undefined || a < b ? a : a - b);
  const renderSkippedPercent = percent(
    delta(cur.renderSkippedFrames, prev?.renderSkippedFrames),
    delta(cur.renderTotalFrames, prev?.renderTotalFrames),
  );
  const encoderSkippedPercent = percent(
    delta(cur.outputSkippedFrames, prev?.outputSkippedFrames),
    delta(cur.outputTotalFrames, prev?.outputTotalFrames),
  );
  const stream = cur.stream;
  const isStreaming = !!stream?.isActive;
  let bitrateKbps: number | null = null;
  if (isStreaming && prev?.stream?.isActive && stream.bytes >= prev.stream.bytes && cur.at > prev.at) {
    // OBS resets outputBytes to 0 after a reconnect: skip that interval rather than report nonsense.
    bitrateKbps = Math.round(((stream.bytes - prev.stream.bytes) * 8) / (cur.at - prev.at));
  }
  const health: ObsHealth = {
    cpuPercent: round(Math.max(0, cur.cpuUsage)),
    fps: round(Math.max(0, cur.activeFps)),
    renderSkippedPercent,
    encoderSkippedPercent,
    isStreaming,
    isReconnecting: !!stream?.isReconnecting,
    congestion: isStreaming ? round(Math.min(1, Math.max(0, stream!.congestion)), 2) : null,
    bitrateKbps,
    warnings: [],
    alerts: [],
  };
  health.alerts = healthAlerts(health, targetFps);
  health.warnings = health.alerts.map(describeHealthAlert);
  return health;
}

