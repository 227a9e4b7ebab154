import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import type { ObsHealth } from '../domain/obs-health';
import { obsHealthSchema } from './health-schema';

/** Event carrying OBS's health to every window, once a second while OBS runs (volatile: a late one is dropped). */
export const OBS_HEALTH_EVENT = 'obs.health';

/** OBS's health over the last second; null while OBS is not connected. */
export interface ObsHealthEvent {
  health: ObsHealth | null;
}

/** The engine's health readings: telemetry on its own, never part of the saved studio state. */
export const HEALTH_COMMANDS = {
  'engine.health': defineCommand({
    payload: z.strictObject({ health: obsHealthSchema.nullable() }),
    roles: ['engine'],
    executor: 'hub',
    summary: "The engine reports OBS's health (once a second while connected; null when OBS went away).",
  }),
} as const;

/** The health feature's events (part of the protocol's feature events map). */
export interface HealthEvents {
  'obs.health': ObsHealthEvent;
}
