import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { METER_FLOOR_DB } from '../domain/audio-levels';
import { MONITOR_LIMITS, MONITOR_VIEWS } from './monitor-events';

const sceneName = z.string().min(1).max(256);
const db = z.number().min(METER_FLOOR_DB).max(0);

/** The program monitor and the audio meters: a window asks while on screen, the engine reads OBS, the hub fans out. */
export const MONITOR_COMMANDS = {
  'monitor.watch': defineCommand({
    payload: z.strictObject({
      views: z.array(z.enum(MONITOR_VIEWS)).max(MONITOR_VIEWS.length),
      width: z.number().int().min(MONITOR_LIMITS.minWidth).max(MONITOR_LIMITS.maxWidth).optional(),
      fps: z.number().int().min(MONITOR_LIMITS.minFps).max(MONITOR_LIMITS.maxFps).optional(),
    }),
    roles: ['anchor', 'producer', 'moderator', 'viewer'],
    executor: 'engine',
    summary: `Ask for the live program (and preview) picture for ${MONITOR_LIMITS.leaseMs / 1000} s (renew while on screen; an empty list stops it).`,
  }),
  'monitor.publish': defineCommand({
    payload: z.strictObject({
      view: z.enum(MONITOR_VIEWS),
      scene: sceneName,
      at: z.number().int().min(0),
      image: z
        .string()
        .max(MONITOR_LIMITS.maxImageChars)
        .regex(/^data:image\/[a-z]+;base64,[A-Za-z0-9+/=]*$/, 'image must be a base64 data URI'),
    }),
    roles: ['engine'],
    executor: 'hub',
    summary: 'The engine hands the hub a monitor frame to send to every window (not stored; LAN windows get fewer).',
  }),
  'meters.watch': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer', 'moderator', 'viewer'],
    executor: 'engine',
    summary: `Ask for live audio levels for ${MONITOR_LIMITS.leaseMs / 1000} s (renew while the meters are on screen).`,
  }),
  'meters.publish': defineCommand({
    payload: z.strictObject({
      at: z.number().int().min(0),
      levels: z.array(z.strictObject({ source: sceneName, levelDb: db, peakDb: db, isMuted: z.boolean() })).max(MONITOR_LIMITS.maxSources),
    }),
    roles: ['engine'],
    executor: 'hub',
    summary: 'The engine hands the hub the latest audio levels to send to every window (not stored).',
  }),
} as const;

