import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { id, minorUnits, SHOW_RUNNERS as RUNNERS, text } from '../../../core/protocol/text-schemas';
import { cameraPresetSchema } from '../../scenes/protocol/scene-schemas';
import { CATALOG_LIMITS as L, type Product } from '../domain/catalog';

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
  cameraPreset: cameraPresetSchema.nullable(),
}) satisfies z.ZodType<Product>;

/** Catalog commands: products (add, replace, remove, stock, price) and the studio's own banned claims. */
export const CATALOG_COMMANDS = {
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
} as const;
