import type { ObsHealth } from '../domain/obs-health';

/** Event carrying OBS's health to every window, once a second while OBS runs (volatile: a late one is dropped). */
export const OBS_HEALTH_EVENT = 'obs.health';

/** OBS's health over the last second; null while OBS is not connected. */
export interface ObsHealthEvent {
  health: ObsHealth | null;
}

/** The health feature's events (part of the protocol's feature events map). */
export interface HealthEvents {
  'obs.health': ObsHealthEvent;
}
