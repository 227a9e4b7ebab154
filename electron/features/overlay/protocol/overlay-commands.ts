import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { text } from '../../../core/protocol/text-schemas';
import type { OverlayCard } from '../domain/overlay-card';

/** What the engine paints on the stream: the product card, every text already decided by the hub. */
export const overlayCardSchema = z.strictObject({
  title: text('title', 200),
  tagline: text('tagline', 200),
  price: z.string().max(40),
  listPrice: z.string().max(40).nullable(),
  stockLine: text('stock line', 80),
  isSoldOut: z.boolean(),
  flash: z.strictObject({ label: text('flash label', 40), endsAt: z.number().int() }).nullable(),
  image: text('image', 1_000).nullable(),
}) satisfies z.ZodType<OverlayCard>;

/** What the hub asks the engine to paint (no client may send it). */
export const OVERLAY_COMMANDS = {
  'overlay.render': defineCommand({
    payload: z.strictObject({
      card: overlayCardSchema.nullable(),
      pinned: z.strictObject({ user: text('user', 100), text: text('comment', 500) }).nullable(),
      /** Dual output: the band of the canvas a derived 9:16 picture shows; the card and the pin keep out of it. */
      keepOut: z.strictObject({ x: z.number().int().min(0).max(16_384), w: z.number().int().min(1).max(16_384) }).nullable(),
    }),
    // Sent by the hub to the engine only; no client may send it.
    roles: [],
    executor: 'engine',
    summary: 'Internal: the engine paints this product card and pinned chat comment (null: none) into OBS, out of the keep-out band.',
  }),
} as const;
