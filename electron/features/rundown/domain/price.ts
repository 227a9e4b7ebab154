import type { Product } from '../../catalog/domain/catalog';
import { isFlashActive, type FlashSale } from './rundown';

/** The price of a product at one instant, as every view shows it. */
export interface PriceNow {
  /** What a buyer pays now, minor units of `currency`. */
  price: number;
  /** The crossed-out price: the higher of the list price and, during a flash sale, the regular price; null for none. */
  was: number | null;
  currency: string;
  /** The flash sale this price comes from, or null at the regular price. */
  flash: FlashSale | null;
}

/**
 * One price truth: the stream's card, the prompter, the live cue card, the co-host window and the rehearsal order
 * simulator all take the price from here, so at every moment of a flash sale (and the instant it ends or sells out)
 * they say the same number.
 */
export function priceNow(product: Pick<Product, 'sku' | 'price' | 'listPrice' | 'currency'>, flash: FlashSale | null, now: number): PriceNow {
  const onFlash = isFlashActive(flash, now) && flash.sku === product.sku ? flash : null;
  const price = onFlash ? onFlash.price : product.price;
  // Never invent a crossed-out price: only the list price, or the regular price a flash sale undercuts.
  const was = Math.max(product.listPrice ?? 0, onFlash ? product.price : 0);
  return { price, was: was > price ? was : null, currency: product.currency, flash: onFlash };
}

/** Units still offered at a limited flash sale's price, given units of its product paid so far; null when unlimited. */
export function flashUnitsLeft(flash: FlashSale, unitsPaidNow: number): number | null {
  if (flash.limit === null) return null;
  return Math.max(0, flash.limit - Math.max(0, unitsPaidNow - (flash.unitsPaidAtStart ?? 0)));
}
