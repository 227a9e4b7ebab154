import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';

/** Limits of live scene thumbnails: small, slow, and only while someone looks at them. */
export const THUMBNAIL_LIMITS = {
  /** A watch lasts this long unless renewed (the scene panel renews it while visible). */
  leaseMs: 10_000,
  minIntervalMs: 500,
  maxIntervalMs: 10_000,
  minWidth: 64,
  maxWidth: 480,
  /** Largest data URI per scene (a 480 px JPEG is far below). */
  maxImageChars: 120_000,
  maxScenes: 50,
} as const;

/** Socket event carrying the latest thumbnails; volatile and never persisted (telemetry, not show state). */
export const THUMBNAILS_EVENT = 'thumbnails';

/** Payload of the `thumbnails` event. */
export interface ThumbnailsEvent {
  /** Epoch ms when OBS rendered them. */
  at: number;
  /** Scene name -> `data:image/jpeg;base64,...`. */
  images: Record<string, string>;
}

const sceneName = z.string().min(1).max(256);

/** Live scene thumbnails: the UI asks while its scene panel is visible, the engine captures, the hub fans out. */
export const THUMBNAIL_COMMANDS = {
  'thumbnails.watch': defineCommand({
    payload: z.strictObject({
      scenes: z.array(sceneName).max(THUMBNAIL_LIMITS.maxScenes),
      width: z.number().int().min(THUMBNAIL_LIMITS.minWidth).max(THUMBNAIL_LIMITS.maxWidth).optional(),
      intervalMs: z.number().int().min(THUMBNAIL_LIMITS.minIntervalMs).max(THUMBNAIL_LIMITS.maxIntervalMs).optional(),
    }),
    roles: ['anchor', 'producer', 'moderator', 'viewer'],
    executor: 'engine',
    summary: `Ask for live scene thumbnails for ${THUMBNAIL_LIMITS.leaseMs / 1000} s (renew while visible; an empty list stops them).`,
  }),
  'thumbnails.publish': defineCommand({
    payload: z.strictObject({
      at: z.number().int().min(0),
      // A list, not a record: one shape per scene keeps the schema within what the protocol fuzzer generates.
      images: z
        .array(
          z.strictObject({
            scene: sceneName,
            image: z
              .string()
              .max(THUMBNAIL_LIMITS.maxImageChars)
              .regex(/^data:image\/[a-z]+;base64,[A-Za-z0-9+/=]*$/, 'image must be a base64 data URI'),
          }),
        )
        .max(THUMBNAIL_LIMITS.maxScenes),
    }),
    roles: ['engine'],
    executor: 'hub',
    summary: 'The engine hands the hub fresh scene thumbnails to send to every client (not stored).',
  }),
} as const;

/** The scenes feature's events (part of the protocol's feature events map). */
export interface ScenesEvents {
  thumbnails: ThumbnailsEvent;
}
