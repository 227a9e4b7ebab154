import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { id, minorUnits, SHOW_RUNNERS as RUNNERS, text } from '../../../core/protocol/text-schemas';
import { CATALOG_LIMITS as L } from '../../catalog/domain/catalog';
import { cameraPresetSchema } from '../../scenes/protocol/scene-schemas';
import { MAX_CUE_NOTE, MAX_CUES, MAX_PRESENTER, SEGMENT_KINDS, type Cue } from '../domain/rundown';

const cueFields = {
  id: id('cue id', 64),
  label: text('label', 200),
  plannedMs: z.number().int().min(0).max(24 * 3_600_000, 'a cue is planned for at most 24 hours'),
  scene: text('scene', 256).nullable(),
  cameraPreset: cameraPresetSchema.nullable(),
  card: z.enum(['show', 'hide']).optional(),
  script: text('script', L.script, true).optional(),
  note: text('note', MAX_CUE_NOTE).optional(),
  presenter: text('presenter', MAX_PRESENTER).optional(),
};

/** A cue as commands carry it: a product cue names a sku, a segment cue a segment kind. */
export const cueSchema = z.union([
  z.strictObject({ ...cueFields, kind: z.literal('product'), sku: id('sku', L.sku), segment: z.null() }),
  z.strictObject({ ...cueFields, kind: z.literal('segment'), sku: z.null(), segment: z.enum(SEGMENT_KINDS) }),
]) satisfies z.ZodType<Cue>;

/** Run-of-show commands: cues, going to a cue, the card's visibility and language, flash sales. */
export const RUNDOWN_COMMANDS = {
  'cue.add': defineCommand({
    payload: z.strictObject({ cue: cueSchema, index: z.number().int().min(0).max(MAX_CUES).optional() }),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Add a cue (product or segment) to the run of show, at the end or at index.',
  }),
  'show.loadSample': defineCommand({
    payload: z.strictObject({}),
    roles: RUNNERS,
    executor: 'hub',
    summary: 'Load the sample tea-set show (its products into the catalog, its cues into an empty run of show) to rehearse with.',
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
} as const;
