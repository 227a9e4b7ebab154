import type { HealthAlert } from '@shared/features/health/domain/health-alerts';
import type { ObsHealth } from '@shared/features/health/domain/obs-health';
import type { ObsStatus } from '@shared/core/domain/studio-state';

/** Pure view helpers of the OBS health readout (status bar) and the OBS outage banner. */

/** The figures the status bar prints, already rounded for reading at a glance. */
export interface HealthFigures {
  fps: string;
  cpuPercent: string;
  /** Worse of render and encoder skipped frames, percent. */
  skippedPercent: string;
  /** Null when not streaming (no bitrate to show). */
  bitrateKbps: string | null;
}

function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** Health readings as short strings for the status bar. */
export function healthFigures(h: ObsHealth): HealthFigures {
  return {
    fps: oneDecimal(h.fps),
    cpuPercent: Math.round(h.cpuPercent).toString(),
    skippedPercent: oneDecimal(Math.max(h.renderSkippedPercent, h.encoderSkippedPercent)),
    bitrateKbps: h.isStreaming && h.bitrateKbps !== null ? Math.round(h.bitrateKbps).toString() : null,
  };
}

/** Alert code -> message key suffix; every code the protocol knows has its sentence in both languages. */
export type AlertKey =
  | 'health.alert.streamReconnecting'
  | 'health.alert.micMuted'
  | 'health.alert.micSilent'
  | 'health.alert.encoderOverloaded'
  | 'health.alert.renderLagging'
  | 'health.alert.networkCongested'
  | 'health.alert.fpsLow'
  | 'health.alert.cpuHigh';

const ALERT_KEYS: Record<HealthAlert['code'], AlertKey> = {
  'stream-reconnecting': 'health.alert.streamReconnecting',
  'mic-muted': 'health.alert.micMuted',
  'mic-silent': 'health.alert.micSilent',
  'encoder-overloaded': 'health.alert.encoderOverloaded',
  'render-lagging': 'health.alert.renderLagging',
  'network-congested': 'health.alert.networkCongested',
  'fps-low': 'health.alert.fpsLow',
  'cpu-high': 'health.alert.cpuHigh',
};

/** A warning to show: a translated sentence (key + figures) when the engine sent it as data, else its English text. */
export type HealthWarning = { key: AlertKey; params: { value: string; target: string; source: string } } | { text: string };

/** The warnings of a health reading, worst first, in a form the UI can translate. */
export function healthWarnings(h: ObsHealth): HealthWarning[] {
  // An older engine sends only English sentences: show those rather than nothing.
  if (!h.alerts) return h.warnings.map((text) => ({ text }));
  return h.alerts.map((a) => ({
    key: ALERT_KEYS[a.code],
    params: {
      value: a.value === undefined ? '' : oneDecimal(a.value),
      target: a.target === undefined ? '' : oneDecimal(a.target),
      source: a.source ?? '',
    },
  }));
}

/**
 * What the OBS banner says: nothing, a start, an outage, an error, no OBS, the video engine restarting (OBS itself
 * runs on), or that OBS or the engine is back.
 */
export type BannerKind = 'starting' | 'outage' | 'error' | 'unavailable' | 'recovered' | 'engine' | 'engine-recovered';

/** Banner state: what it shows, and what was down since it last worked (so its return is announced). */
export interface BannerState {
  kind: BannerKind | null;
  wasDown: boolean;
  /** True when only the engine process was down (OBS kept running): its return is told apart. */
  wasEngineOnly?: boolean;
}

/** Before anything was reported. */
export const INITIAL_BANNER: BannerState = { kind: null, wasDown: false };

/** What changes the banner: a new OBS status from the hub, or the "OBS is back" note timing out or being dismissed. */
export type BannerEvent = { type: 'obs'; status: ObsStatus; hasMessage: boolean } | { type: 'dismiss' };

/**
 * Pure update of the banner. Reconnecting and error are outages; a start after an outage keeps saying so; when OBS is
 * connected again after an outage the banner says it is back (until dismissed), and a first start says nothing then.
 */
export function reduceBanner(state: BannerState, event: BannerEvent): BannerState {
  if (event.type === 'dismiss') return state.kind === 'recovered' || state.kind === 'engine-recovered' ? { ...state, kind: null } : state;
  switch (event.status) {
    case 'connected': {
      const isBack = state.wasDown || state.kind === 'recovered' || state.kind === 'engine-recovered';
      return { kind: isBack ? (state.wasEngineOnly ? 'engine-recovered' : 'recovered') : null, wasDown: false, wasEngineOnly: state.wasEngineOnly };
    }
    case 'engine-restarting':
      return { kind: 'engine', wasDown: true, wasEngineOnly: !state.wasDown || state.wasEngineOnly === true };
    case 'reconnecting':
      return { kind: 'outage', wasDown: true, wasEngineOnly: false };
    case 'error':
      return { kind: 'error', wasDown: true, wasEngineOnly: false };
    case 'starting':
      // A restarted engine says "starting" while it attaches to the OBS that kept running: still the engine's outage.
      if (state.wasEngineOnly && state.wasDown) return { ...state, kind: 'engine' };
      return { kind: state.wasDown ? 'outage' : 'starting', wasDown: state.wasDown, wasEngineOnly: false };
    case 'unavailable':
      // Without a message nothing was ever tried (rehearsal without video): the status bar says so quietly.
      return { kind: event.hasMessage ? 'unavailable' : null, wasDown: state.wasDown || event.hasMessage, wasEngineOnly: false };
  }
}
