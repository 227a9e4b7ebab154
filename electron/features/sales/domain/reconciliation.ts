/**
 * Reconciliation, pure: the shop's own order export against the studio's ledger, order by order. Money is compared as
 * the ledger counts it (the lines' value when paid, the money refunded), so a difference means the two really disagree.
 */
import type { OrderState } from './ledger';
import { orderMoney } from './order-money';
import { byCodePoint } from '../../../core/domain/text-order';

/** Shops whose order exports the studio reads. */
export type ShopExportKind = 'shopify' | 'doudian';

/** One order as the shop's export lists it. */
export interface ShopOrder {
  /** The id the shop's webhooks use (Shopify `Id`, 抖店 主订单编号). */
  orderId: string;
  /** What the shop shows people (Shopify `#1001`); the id when there is nothing else. */
  name: string;
  /** When it was placed, epoch ms; null when the export does not say. */
  placedAt: number | null;
  currency: string;
  /** Value of its lines (price x quantity) once paid, else 0; minor units. */
  paid: number;
  refunded: number;
}

/** An order on one side only. */
export interface OneSided {
  orderId: string;
  name: string;
  paid: number;
  refunded: number;
}

/** An order on both sides whose money differs. */
export interface MoneyDifference {
  orderId: string;
  name: string;
  field: 'paid' | 'refunded';
  ledger: number;
  shop: number;
}

/** Paid, refunded and net of one side. */
export interface SideTotals {
  orders: number;
  paid: number;
  refunded: number;
  net: number;
}

/** What comparing an export with the ledger found. */
export interface Reconciliation {
  shop: ShopExportKind;
  /** The ledger platform compared (e.g. shopify, douyin). */
  platform: string;
  currency: string;
  checkedAt: number;
  /** The window compared (the show on air, or the current show), epoch ms; null ends are open. */
  window: { from: number | null; to: number | null };
  /** Orders of the export left out: placed outside the window, or in another currency. */
  skipped: { outsideWindow: number; otherCurrency: number };
  /** Orders on both sides with the same money. */
  matched: number;
  missingInLedger: OneSided[];
  missingInShop: OneSided[];
  differences: MoneyDifference[];
  ledger: SideTotals;
  shopTotals: SideTotals;
  /** True when every order matched: net GMV agrees to the cent. */
  isExact: boolean;
}

function totals(rows: readonly { paid: number; refunded: number }[]): SideTotals {
  let paid = 0;
  let refunded = 0;
  for (const r of rows) {
    paid += r.paid;
    refunded += r.refunded;
  }
  return { orders: rows.length, paid, refunded, net: paid - refunded };
}

const within = (at: number | null, window: Reconciliation['window']) => at === null || ((window.from === null || at >= window.from) && (window.to === null || at <= window.to));

/**
 * Compares the export's orders with the ledger's orders of `platform` placed in `window` (test orders and refunds of
 * unknown orders left out on the ledger side, as in every figure).
 */
export function reconcile(
  shopOrders: readonly ShopOrder[],
  ledgerOrders: Iterable<OrderState>,
  scope: { shop: ShopExportKind; platform: string; currency: string; window: Reconciliation['window']; checkedAt: number },
): Reconciliation {
  const skipped = { outsideWindow: 0, otherCurrency: 0 };
  const shop = new Map<string, ShopOrder>();
  for (const order of shopOrders) {
    if (order.currency !== scope.currency) skipped.otherCurrency += 1;
    else if (!within(order.placedAt, scope.window)) skipped.outsideWindow += 1;
    else shop.set(order.orderId, order);
  }
  const ledger = new Map<string, { paid: number; refunded: number }>();
  for (const state of ledgerOrders) {
    if (state.platform !== scope.platform || state.test || state.eventId === '' || state.currency !== scope.currency) continue;
    if (!within(state.placedAt, scope.window)) continue;
    const money = orderMoney(state);
    ledger.set(state.orderId, { paid: money.paid, refunded: money.refunded });
  }
  let matched = 0;
  const missingInLedger: OneSided[] = [];
  const differences: MoneyDifference[] = [];
  for (const [orderId, s] of shop) {
    const l = ledger.get(orderId);
    if (!l) {
      missingInLedger.push({ orderId, name: s.name, paid: s.paid, refunded: s.refunded });
      continue;
    }
    const before = differences.length;
    for (const field of ['paid', 'refunded'] as const) if (l[field] !== s[field]) differences.push({ orderId, name: s.name, field, ledger: l[field], shop: s[field] });
    if (differences.length === before) matched += 1;
  }
  const missingInShop: OneSided[] = [];
  for (const [orderId, l] of ledger) if (!shop.has(orderId)) missingInShop.push({ orderId, name: orderId, ...l });
  const byId = (a: { orderId: string }, b: { orderId: string }) => byCodePoint(a.orderId, b.orderId);
  return {
    shop: scope.shop,
    platform: scope.platform,
    currency: scope.currency,
    checkedAt: scope.checkedAt,
    window: scope.window,
    skipped,
    matched,
    missingInLedger: missingInLedger.sort(byId),
    missingInShop: missingInShop.sort(byId),
    differences: differences.sort(byId),
    ledger: totals([...ledger.values()]),
    shopTotals: totals([...shop.values()]),
    isExact: missingInLedger.length === 0 && missingInShop.length === 0 && differences.length === 0,
  };
}
