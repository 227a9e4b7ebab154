import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { obsHealthSchema } from './health-schema';

/** The engine's health readings: telemetry on its own, never part of the saved studio state. */
export const HEALTH_COMMANDS = {
  'engine.health': defineCommand({
    payload: z.strictObject({ health: obsHealthSchema.nullable() }),
    roles: ['engine'],
    executor: 'hub',
    summary: "The engine reports OBS's health (once a second while connected; null when OBS went away).",
  }),
} as const;
