/**
 * What one order is worth, pure: how much was paid, how much went back in refunds and what is left (net), in total and
 * per product. The ledger's tallies add these up; docs/api.md ("Money: paid, refunded, net") states the same rules.
 */

/** A line as the money rules read it (an order's or a refund's). */
interface Line {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/**
 * What the money rules read of an order: its status, first payment, lines and refunds. The ledger's `OrderState` is
 * one; stated here rather than imported so the ledger can use these rules without a cycle.
 */
export interface MoneyInput {
  status: 'created' | 'paid' | 'cancelled' | 'refunded';
  paidAt: number | null;
  items: readonly Line[];
  refunds: readonly { amount: number; restock: boolean; items: readonly Line[] }[];
}

/** One product's share of an order. */
export interface SkuMoney {
  /** Units on the order's lines. */
  quantity: number;
  /** Paid value of those lines (0 while the order is unpaid), minor units. */
  paid: number;
  /** Of `paid`, what refunds gave back (never more than `paid`). */
  refunded: number;
  /** Units refunded (from the refunds' lines; all of them for a whole-order refund), at most `quantity`. */
  unitsRefunded: number;
  /** Units back on the shelf (refunds marked restock; all of them for a whole-order refund), at most `quantity`. */
  unitsRestocked: number;
}

/** The money of one order. `net = paid - refunded`; `refunded` is the sum of the products' `refunded`. */
export interface OrderMoney {
  paid: number;
  refunded: number;
  net: number;
  bySku: Map<string, SkuMoney>;
}

/** True once an order has been paid: its status is paid or refunded, or it was cancelled after a payment. */
export function wasPaid(state: Pick<MoneyInput, 'status' | 'paidAt'>): boolean {
  return state.status === 'paid' || state.status === 'refunded' || (state.status === 'cancelled' && state.paidAt !== null);
}

/**
 * Splits `amount` over keys in proportion to their weights, in whole minor units that add up to exactly `amount`
 * (largest remainder; ties go to the earlier key). BigInt: amount x weight can pass 2^53.
 */
export function spread(amount: number, weights: ReadonlyArray<readonly [string, number]>): Map<string, number> {
  const out = new Map<string, number>();
  const total = weights.reduce((sum, [, w]) => sum + BigInt(w), 0n);
  if (total === 0n || amount === 0) return out;
  const big = BigInt(amount);
  let given = 0n;
  const rests: { key: string; rest: bigint; index: number }[] = [];
  weights.forEach(([key, w], index) => {
    const share = (big * BigInt(w)) / total;
    given += share;
    out.set(key, (out.get(key) ?? 0) + Number(share));
    rests.push({ key, rest: (big * BigInt(w)) % total, index });
  });
  rests.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let i = 0; given < big; i += 1, given += 1n) {
    const { key } = rests[i % rests.length]!;
    out.set(key, out.get(key)! + 1);
  }
  return out;
}

function linesBySku(items: readonly Line[]): Map<string, { quantity: number; value: number }> {
  const map = new Map<string, { quantity: number; value: number }>();
  for (const item of items) {
    const entry = map.get(item.sku) ?? { quantity: 0, value: 0 };
    entry.quantity += item.quantity;
    entry.value += item.quantity * item.unitPrice;
    map.set(item.sku, entry);
  }
  return map;
}

/**
 * The order's money. An unpaid order is worth nothing yet. Refund notices, when there are any, say what went back: each
 * one's amount is spread over its own lines (by their value) or, without lines, over the order's lines, and no product
 * gives back more than was paid for it. Without refund notices, a `refunded` status or a cancellation after payment
 * gives everything back and puts every unit back on the shelf.
 */
export function orderMoney(state: MoneyInput): OrderMoney {
  const paidOn = wasPaid(state);
  const lines = linesBySku(state.items);
  const bySku = new Map<string, SkuMoney>();
  for (const [sku, { quantity, value }] of lines) {
    bySku.set(sku, { quantity, paid: paidOn ? value : 0, refunded: 0, unitsRefunded: 0, unitsRestocked: 0 });
  }
  if (paidOn && state.refunds.length > 0) {
    const asked = new Map<string, number>();
    for (const refund of state.refunds) {
      const own = [...linesBySku(refund.items)].filter(([sku]) => lines.has(sku));
      const ownValue = own.reduce((sum, [, l]) => sum + l.value, 0);
      const weights = ownValue > 0 ? own.map(([sku, l]) => [sku, l.value] as const) : [...lines].map(([sku, l]) => [sku, l.value] as const);
      for (const [sku, share] of spread(refund.amount, weights)) asked.set(sku, (asked.get(sku) ?? 0) + share);
      for (const [sku, l] of own) {
        const m = bySku.get(sku)!;
        m.unitsRefunded = Math.min(m.quantity, m.unitsRefunded + l.quantity);
        if (refund.restock) m.unitsRestocked = Math.min(m.quantity, m.unitsRestocked + l.quantity);
      }
    }
    for (const [sku, amount] of asked) {
      const m = bySku.get(sku)!;
      m.refunded = Math.min(m.paid, amount);
    }
  } else if (paidOn && state.status !== 'paid') {
    for (const m of bySku.values()) {
      m.refunded = m.paid;
      m.unitsRefunded = m.quantity;
      m.unitsRestocked = m.quantity;
    }
  }
  let paid = 0;
  let refunded = 0;
  for (const m of bySku.values()) {
    paid += m.paid;
    refunded += m.refunded;
  }
  return { paid, refunded, net: paid - refunded, bySku };
}
