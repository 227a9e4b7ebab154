import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { THUMBNAIL_LIMITS } from './thumbnail-events';

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

