import { z } from 'zod';
import { CAMERA_PRESETS, CATALOG_LIMITS, type Product } from '../../catalog/domain/catalog';
import type { OverlayCard } from '../../overlay/domain/overlay-card';
import { MAX_CUES, SEGMENT_KINDS, type Cue } from '../domain/rundown';
import { defineCommand } from '../../../core/protocol/command-spec';

const RUNNERS = ['anchor', 'producer'] as const;
const L = CATALOG_LIMITS;

/** Text without control characters (line breaks allowed where `multiline`), trimmed, at most `max` characters. */
const text = (what: string, max: number, multiline = false) =>
  z
    .string()
    .max(max, `${what} is longer than ${max} characters`)
    .regex(multiline ? /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/ : /^[^\u0000-\u001f\u007f]*$/, `${what} contains control characters`);

const id = (what: string, max: number) => text(what, max).min(1, `${what} is empty`);

const minorUnits = (what: string) =>
  z
    .number()
    .int(`${what} must be whole minor units (fen/cents), not a decimal`)
    .min(0, `${what} is negative`)
    .max(1_000_000_000_00, `${what} is too large`);

/** A catalog product as commands and imports carry it. */
export const productSchema = z.strictObject({
  sku: id('sku', L.sku),
  title: z.strictObject({ zh: text('Chinese title', L.title), en: text('English title', L.title) }),
  price: minorUnits('price'),
  listPrice: minorUnits('list price').nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like CNY'),
  stock: z.number().int('stock must be a whole number').min(0, 'stock is negative').max(100_000_000).nullable(),
  sellingPoints: z.array(text('selling point', L.sellingPoint)).max(L.sellingPoints, `at most ${L.sellingPoints} selling points`),
  script: text('script', L.script, true),
  image: text('image', L.image).nullable(),
  tags: z.array(text('tag', L.tag)).max(L.tags, `at most ${L.tags} tags`),
  scene: text('scene', 256).nullable(),
  cameraPreset: z.enum(CAMERA_PRESETS).nullable(),
}) satisfies z.ZodType<Product>;

const cueFields = {
  id: id('cue id', 64),
  label: text('label', 200),
  plannedMs: z.number().int().min(0).max(24 * 3_600_000, 'a cue is planned for at most 24 hours'),
  scene: text('scene', 256).nullable(),
  cameraPreset: z.enum(CAMERA_PRESETS).nullable(),
};

/** A cue as commands carry it: a product cue names a sku, a segment cue a segment kind. */
export const cueSchema = z.union([
  z.strictObject({ ...cueFields, kind: z.literal('product'), sku: id('sku', L.sku), segment: z.null() }),
  z.strictObject({ ...cueFields, kind: z.literal('segment'), sku: z.null(), segment: z.enum(SEGMENT_KINDS) }),
]) satisfies z.ZodType<Cue>;

/** What the engine paints on the stream: the product card, every text already decided by the hub. */
export const overlayCardSchema = z.strictObject({
  title: text('title', 200),
  tagline: text('tagline', 200),
  price: z.string().max(40),
  listPrice: z.string().max(40).nullable(),
  stockLine: text('stock line', 80),
  isSoldOut: z.boolean(),
  flash: z.strictObject({ label: text('flash label', 40), endsAt: z.number().int() }).nullable(),
}) satisfies z.ZodType<OverlayCard>;

/** Run-of-show commands: catalog edits, cues, going to a cue, the product card, flash sales. */
export const RUNDOWN_COMMANDS = {
  'catalog.upsert': defineCommand({
    payload: z.strictObject({ products: z.array(productSchema).min(1).max(500, 'send at most 500 products per command (import files instead)') }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Add or replace catalog products (by sku).',
  }),
  'catalog.remove': defineCommand({
    payload: z.strictObject({ skus: z.array(id('sku', L.sku)).min(1).max(L.products) }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Remove products from the catalog (cues that sell them stay, shown as missing).',
  }),
  'product.setStock': defineCommand({
    payload: z.strictObject({ sku: id('sku', L.sku), stock: z.number().int().min(0).max(100_000_000).nullable() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: "Set a product's stock for the show (paid orders count it down); null stops tracking it.",
  }),
  'product.setPrice': defineCommand({
    payload: z.strictObject({ sku: id('sku', L.sku), price: minorUnits('price'), listPrice: minorUnits('list price').nullable().optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: "Change a product's price (and list price) in minor units; the card on the stream follows.",
  }),
  'compliance.setTerms': defineCommand({
    payload: z.strictObject({ terms: z.array(text('term', 40).min(1)).max(500, 'at most 500 terms') }),
    roles: RUNNERS,
    executor: 'hub',
    summary: "Set the studio's own banned claims, checked on top of the built-in zh-CN and English lists.",
  }),
  'cue.add': defineCommand({
    payload: z.strictObject({ cue: cueSchema, index: z.number().int().min(0).max(MAX_CUES).optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Add a cue (product or segment) to the run of show, at the end or at index.',
  }),
  'cue.update': defineCommand({
    payload: z.strictObject({ cue: cueSchema }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Replace a cue (same id) with new fields.',
  }),
  'cue.remove': defineCommand({
    payload: z.strictObject({ id: id('cue id', 64) }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Remove a cue from the run of show.',
  }),
  'cue.move': defineCommand({
    payload: z.strictObject({ id: id('cue id', 64), toIndex: z.number().int().min(0).max(MAX_CUES) }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Move a cue to another position (drag and drop).',
  }),
  'cue.goto': defineCommand({
    payload: z.strictObject({ id: id('cue id', 64) }),
    roles: RUNNERS,
    executor: 'hub',
    summary: "Go to a cue: switch to its scene and camera preset, update the product card, start its timer, mark it on the sales timeline.",
  }),
  'cue.next': defineCommand({
    payload: z.strictObject({ fromCueId: id('cue id', 64).nullable().optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Go to the next cue. With fromCueId (the cue you saw live), refused if the show already moved: two clicks advance once.',
  }),
  'cue.prev': defineCommand({
    payload: z.strictObject({ fromCueId: id('cue id', 64).nullable().optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Go back to the previous cue (same fromCueId rule as cue.next).',
  }),
  'overlay.set': defineCommand({
    payload: z.strictObject({ visible: z.boolean().optional(), language: z.enum(['zh-CN', 'en']).optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Show or hide the product card on the stream, or change its language (zh-CN, en).',
  }),
  'flash.start': defineCommand({
    payload: z.strictObject({
      sku: id('sku', L.sku),
      price: minorUnits('sale price'),
      durationMs: z.number().int().min(5_000, 'a flash sale lasts at least 5 s').max(6 * 3_600_000, 'a flash sale lasts at most 6 hours'),
      limit: z.number().int().min(1).max(100_000_000).nullable().optional(),
    }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Start a flash sale on a product: sale price, countdown, optionally limited units.',
  }),
  'flash.end': defineCommand({
    payload: z.strictObject({}),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'End the running flash sale now.',
  }),
  'overlay.render': defineCommand({
    payload: z.strictObject({
      card: overlayCardSchema.nullable(),
      pinned: z.strictObject({ user: text('user', 100), text: text('comment', 500) }).nullable(),
    }),
    // Sent by the hub to the engine only; no client may send it.
    roles: [],
    executor: 'engine',
    summary: 'Internal: the engine paints this product card and pinned chat comment (null: none) into OBS.',
  }),
};
