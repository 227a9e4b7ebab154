/** The product catalog: what the anchor sells, with everything a cue card, the overlay and the teleprompter show. */

import type { CameraPreset } from '../../scenes/domain/scenes';

/** A product as the studio keeps it. Money is integer minor units of `currency`. */
export interface Product {
  /** The seller's stock-keeping unit: unique in the catalog, the key orders and cues use. */
  sku: string;
  /** Chinese and English titles; at least one is set. */
  title: { zh: string; en: string };
  /** Selling price now, minor units. */
  price: number;
  /** Crossed-out list price, minor units; null when there is none. */
  listPrice: number | null;
  /** ISO 4217 code, e.g. CNY. */
  currency: string;
  /** Units available for the show; null when not tracked. */
  stock: number | null;
  /** Short claims the anchor makes ("hand-thrown", "holds 300 ml"). */
  sellingPoints: string[];
  /** What the anchor says, shown on the teleprompter. */
  script: string;
  /** Image URL (https) or file name in the studio's images folder; null when there is none. */
  image: string | null;
  /** Free tags; also the nicknames chat mentions match on. */
  tags: string[];
  /** Scene to switch to when the product's cue goes live; null keeps the current scene. */
  scene: string | null;
  /** Camera preset to apply with that scene; null keeps it. */
  cameraPreset: CameraPreset | null;
}

/** Limits the hub enforces on the catalog (a show with 5,000 products stays fast). */
export const CATALOG_LIMITS = {
  products: 20_000,
  sku: 64,
  title: 200,
  sellingPoints: 20,
  sellingPoint: 200,
  script: 5_000,
  tags: 30,
  tag: 40,
  image: 1_000,
} as const;

/** The title to show for a language, falling back to the other one. */
export function productTitle(product: Pick<Product, 'title'>, language: 'zh' | 'en'): string {
  const first = language === 'zh' ? product.title.zh : product.title.en;
  return first.trim() || (language === 'zh' ? product.title.en : product.title.zh).trim();
}

/** Whether a price is a real discount (a list price above the selling price). */
export function isDiscounted<P extends Pick<Product, 'price' | 'listPrice'>>(product: P): product is P & { listPrice: number } {
  return product.listPrice !== null && product.listPrice > product.price;
}

/** What is wrong with a product the schema cannot say (a rule across fields); null when nothing. */
export function productProblem(product: Pick<Product, 'title'>): string | null {
  return product.title.zh.trim() === '' && product.title.en.trim() === '' ? 'a product needs a Chinese or an English title' : null;
}
