import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { METER_FLOOR_DB, type AudioLevel } from '../domain/audio-levels';

/** Limits of the program monitor and the audio meters: live, bounded, and only while someone looks. */
export const MONITOR_LIMITS = {
  /** A watch lasts this long unless renewed (a monitor on screen renews it). */
  leaseMs: 6_000,
  minFps: 1,
  maxFps: 30,
  minWidth: 160,
  maxWidth: 1280,
  /** Largest frame (data URI characters): a 1280 px JPEG of a busy picture stays well below. */
  maxImageChars: 400_000,
  /**
   * Frames per second a window on the LAN gets at most, whatever the local rate: with `maxImageChars` this bounds a
   * co-host's monitor to 5 x 400 kB = 2 MB/s at worst, and about 5 x 40 kB (1.6 Mbit/s) for a 640 px picture.
   */
  lanFps: 5,
  /** Meter readings per second sent to windows (OBS measures 20 per second; the eye needs no more than 10). */
  metersPerSecond: 10,
  maxSources: 64,
} as const;

/** The two pictures a monitor can show: what goes out, and (in studio mode) what is lined up next. */
export const MONITOR_VIEWS = ['program', 'preview'] as const;

/** One of {@link MONITOR_VIEWS}. */
export type MonitorView = (typeof MONITOR_VIEWS)[number];

/** Socket event carrying one monitor frame; volatile and never stored. */
export const MONITOR_FRAME_EVENT = 'monitor.frame';
/** Socket event carrying the latest audio levels; volatile and never stored. */
export const AUDIO_METERS_EVENT = 'audio.meters';

/** Payload of the `monitor.frame` event. */
export interface MonitorFrameEvent {
  view: MonitorView;
  /** The scene on that view when OBS rendered the frame. */
  scene: string;
  /** Epoch ms when the engine asked OBS for the frame. */
  at: number;
  /** `data:image/jpeg;base64,...` */
  image: string;
}

/** Payload of the `audio.meters` event. */
export interface AudioMetersEvent {
  /** Epoch ms of OBS's reading. */
  at: number;
  levels: AudioLevel[];
}

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

/** The monitor feature's events (part of the protocol's feature events map). */
export interface MonitorEvents {
  'monitor.frame': MonitorFrameEvent;
  'audio.meters': AudioMetersEvent;
}
