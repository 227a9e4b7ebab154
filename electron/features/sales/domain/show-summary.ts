import type { BucketTally, Tallies } from './tallies';
import { orderSignalsOf, type ChatCounts } from './show-timeline';
import { byCodePoint } from '../../../core/domain/text-order';

/** A product's names in the catalog (either may be empty), or null for a SKU the catalog does not have. */
export type ProductNames = { zh: string; en: string } | null;

/** One of the show's best-selling products. */
export interface SummaryProduct {
  sku: string;
  names: ProductNames;
  /** Paid orders with the product (after refunds). */
  orders: number;
  units: number;
  /** GMV in the summary's currency, minor units. */
  gmv: number;
}

/**
 * What the show did on air, for the post-show summary every window shows after "End show": the on-air window, the
 * sales of orders placed in it (after refunds, and before them), the best sellers by name, and the chat in it.
 */
export interface ShowSummary {
  showTitle: string;
  onAir: { startedAt: number; endedAt: number };
  currency: string;
  /** GMV of the orders paid now (refunded ones left out): the panel's GMV for this window. */
  gmv: number;
  /** GMV of every order paid during the show, refunded ones included. */
  gmvBeforeRefunds: number;
  refunds: { orders: number; amount: number };
  ordersPaid: number;
  unitsPaid: number;
  /** Paid orders in other currencies, never added into the GMV. */
  otherCurrencies: Record<string, BucketTally>;
  /** Best sellers, most GMV first (then units), at most SUMMARY_TOP_PRODUCTS. */
  topProducts: SummaryProduct[];
  chat: {
    /** Every accepted chat message on air (comments, gifts, likes, follows, joins; order signals are counted apart). */
    messages: number;
    comments: number;
    /** Buyer questions among the comments. */
    questions: number;
    /** Order signals from a shop's console (no price: in no figure above). */
    orderSignals: { placed: number; paid: number };
  };
}

/** Products the summary lists. */
export const SUMMARY_TOP_PRODUCTS = 5;

/** What a summary is made from: the window, its figures (`deriveWindowTallies`), names, and its chat counts. */
export interface ShowSummaryInput {
  showTitle: string;
  onAir: { startedAt: number; endedAt: number };
  tallies: Tallies;
  names: (sku: string) => ProductNames;
  chat: { byKind: ChatCounts; total: number; questions: number };
}

/** Builds the post-show summary (pure). */
export function buildShowSummary(input: ShowSummaryInput): ShowSummary {
  const { tallies } = input;
  const topProducts = Object.entries(tallies.bySku)
    .filter(([, s]) => s.units > 0)
    .sort(([a, x], [b, y]) => y.gmv - x.gmv || y.units - x.units || byCodePoint(a, b))
    .slice(0, SUMMARY_TOP_PRODUCTS)
    .map(([sku, s]) => ({ sku, names: input.names(sku), orders: s.orders, units: s.units, gmv: s.gmv }));
  return {
    showTitle: input.showTitle,
    onAir: input.onAir,
    currency: tallies.currency,
    gmv: tallies.gmv,
    gmvBeforeRefunds: tallies.paidAmount,
    refunds: { orders: tallies.refundedOrders, amount: tallies.refundedAmount },
    ordersPaid: tallies.ordersPaid,
    unitsPaid: tallies.unitsPaid,
    otherCurrencies: tallies.otherCurrencies,
    topProducts,
    chat: { messages: input.chat.total, comments: input.chat.byKind.comment ?? 0, questions: input.chat.questions, orderSignals: orderSignalsOf(input.chat.byKind) },
  };
}

/** A product's name in a language, falling back to the other language, then to its SKU. */
export function summaryProductName(product: Pick<SummaryProduct, 'sku' | 'names'>, language: 'zh' | 'en'): string {
  const names = product.names;
  if (!names) return product.sku;
  const first = (language === 'zh' ? names.zh : names.en).trim();
  return first || (language === 'zh' ? names.en : names.zh).trim() || product.sku;
}
