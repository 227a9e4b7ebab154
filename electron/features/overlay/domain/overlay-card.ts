import { productTitle, type Product } from '../../catalog/domain/catalog';
import type { StockTally } from '../../sales/domain/tallies';
import { formatMoney } from '../../../core/domain/money';
import type { FlashSale, OverlayLanguage } from '../../rundown/domain/rundown';
import { priceNow } from '../../rundown/domain/price';

/** The product card viewers see, every text already decided (the engine only paints it). */
export interface OverlayCard {
  title: string;
  /** One selling point under the title; empty for none. */
  tagline: string;
  price: string;
  /** Crossed-out list price; null when there is none. */
  listPrice: string | null;
  /** A short stock line ("仅剩 3 件", "Sold out"); empty for none. */
  stockLine: string;
  isSoldOut: boolean;
  /** A flash sale's label and end (epoch ms): the card shows a countdown. */
  flash: { label: string; endsAt: number } | null;
  /** The product's picture (catalog image reference, see card-picture.ts); null for none. */
  image: string | null;
}

/** A chat comment a moderator pinned onto the stream. */
export interface PinnedComment {
  user: string;
  text: string;
}

/** At or below this many units left the card says "only N left" even if the producer set no low-stock level. */
export const FEW_LEFT = 10;

const WORDS = {
  'zh-CN': { soldOut: '已售罄', left: (n: number) => `仅剩 ${n} 件`, flash: '限时秒杀', limited: (n: number) => `限量 ${n} 件` },
  en: { soldOut: 'Sold out', left: (n: number) => `Only ${n} left`, flash: 'Flash sale', limited: (n: number) => `${n} at this price` },
} as const;

/** What the card is built from: the live product, its stock from the ledger, a flash sale, the card's language. */
export interface OverlayInput {
  product: Product;
  stock?: StockTally | undefined;
  flash: FlashSale | null;
  language: OverlayLanguage;
  now: number;
}

/** Builds the product card for the live product cue. */
export function buildOverlayCard({ product, stock, flash, language, now }: OverlayInput): OverlayCard {
  const words = WORDS[language];
  const locale = language === 'zh-CN' ? 'zh-CN' : 'en';
  const { price, was, flash: onFlash } = priceNow(product, flash, now);
  const left = stock ? stock.left : null;
  const isSoldOut = left !== null && left <= 0;
  let stockLine = '';
  if (isSoldOut) stockLine = words.soldOut;
  else if (left !== null && stock && left <= Math.max(stock.lowAt, FEW_LEFT)) stockLine = words.left(left);
  else if (onFlash?.limit) stockLine = words.limited(onFlash.limit);
  return {
    title: productTitle(product, language === 'zh-CN' ? 'zh' : 'en'),
    tagline: product.sellingPoints[0] ?? '',
    price: formatMoney(price, product.currency, locale),
    listPrice: was !== null ? formatMoney(was, product.currency, locale) : null,
    stockLine,
    isSoldOut,
    flash: onFlash ? { label: words.flash, endsAt: onFlash.endsAt } : null,
    image: product.image?.trim() || null,
  };
}

/** "mm:ss" left until `endsAt` (never negative; hours fold into minutes). */
export function countdownText(endsAt: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
