/** What can be wrong with the picture or the stream, worst first in `HEALTH_ALERT_CODES` order. */
export const HEALTH_ALERT_CODES = [
  'stream-reconnecting',
  'mic-muted',
  'mic-silent',
  'encoder-overloaded',
  'render-lagging',
  'network-congested',
  'fps-low',
  'cpu-high',
] as const;

/** One kind of health problem. */
export type HealthAlertCode = (typeof HEALTH_ALERT_CODES)[number];

/**
 * A health problem as data, so every UI can say it in its own language: `value` is the measured figure (percent, fps,
 * seconds) and `target` what it should be, where the code has them; `source` names the microphone for mic alerts.
 */
export interface HealthAlert {
  code: HealthAlertCode;
  value?: number;
  target?: number;
  source?: string;
}

/** The readings the alerts are computed from. */
export interface HealthReadings {
  cpuPercent: number;
  fps: number;
  renderSkippedPercent: number;
  encoderSkippedPercent: number;
  isReconnecting: boolean;
  congestion: number | null;
}

/** Limits above which the anchor is warned. */
export const HEALTH_THRESHOLDS = {
  skippedPercent: 5,
  fpsRatio: 0.8,
  cpuPercent: 90,
  congestion: 0.5,
} as const;

/** The health problems of one reading, worst first; empty when all is well. */
export function healthAlerts(h: HealthReadings, targetFps: number): HealthAlert[] {
  const out: HealthAlert[] = [];
  if (h.isReconnecting) out.push({ code: 'stream-reconnecting' });
  if (h.encoderSkippedPercent > HEALTH_THRESHOLDS.skippedPercent) out.push({ code: 'encoder-overloaded', value: h.encoderSkippedPercent });
  if (h.renderSkippedPercent > HEALTH_THRESHOLDS.skippedPercent) out.push({ code: 'render-lagging', value: h.renderSkippedPercent });
  if (h.congestion !== null && h.congestion > HEALTH_THRESHOLDS.congestion) out.push({ code: 'network-congested', value: h.congestion });
  if (targetFps > 0 && h.fps > 0 && h.fps < targetFps * HEALTH_THRESHOLDS.fpsRatio) {
    out.push({ code: 'fps-low', value: h.fps, target: targetFps });
  }
  if (h.cpuPercent > HEALTH_THRESHOLDS.cpuPercent) out.push({ code: 'cpu-high', value: Math.round(h.cpuPercent) });
  return out;
}

/** Alerts in `HEALTH_ALERT_CODES` order (worst first), e.g. microphone alerts merged into a reading's own. */
export function sortAlerts(alerts: readonly HealthAlert[]): HealthAlert[] {
  return [...alerts].sort((a, b) => HEALTH_ALERT_CODES.indexOf(a.code) - HEALTH_ALERT_CODES.indexOf(b.code));
}

/** The alert as one plain English sentence (what is wrong and what to do), for logs, the API and English UIs. */
export function describeHealthAlert(alert: HealthAlert): string {
  switch (alert.code) {
    case 'stream-reconnecting':
      return 'Connection to the stream server lost: OBS is reconnecting. Check the network.';
    case 'mic-muted':
      return `The microphone "${alert.source}" is muted while you are live: viewers cannot hear you. Unmute it if you mean to talk.`;
    case 'mic-silent':
      return `The microphone "${alert.source}" has picked up nothing for ${alert.value} s while live: check it is plugged in and the right device is chosen.`;
    case 'encoder-overloaded':
      return `Encoder overloaded (${alert.value}% frames skipped): lower the resolution or pick the low-power profile.`;
    case 'render-lagging':
      return `The computer cannot draw the picture in time (${alert.value}% frames missed): close other programs or lower the resolution.`;
    case 'network-congested':
      return 'Network congested: the upload is not keeping up. Lower the bitrate or use a wired connection.';
    case 'fps-low':
      return `Frame rate is ${alert.value} fps instead of ${alert.target}: the picture may stutter.`;
    case 'cpu-high':
      return `OBS is using ${alert.value}% CPU: close other programs or pick the low-power profile.`;
  }
}
