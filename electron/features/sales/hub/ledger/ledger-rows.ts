/** How the ledger's entries and order states are stored in `ledger.db`: compact JSON cells and typed rows. */
import type { OrderItem, OrderState, OrderStatus, RefundNotice, RefundRecord } from '../../domain/ledger';

/** One row of the `orders` table as SQLite returns it. */
export interface OrderRow {
  platform: string;
  order_id: string;
  status: OrderStatus;
  occurred_at: number;
  event_id: string;
  currency: string;
  items: string;
  total: number;
  placed_at: number;
  paid_at: number | null;
  refunds: string;
  test: number;
}

/** An item as stored: `[sku, quantity, unitPrice]`. */
type ItemTuple = [string, number, number];

const toTuples = (items: readonly OrderItem[]): ItemTuple[] => items.map((i) => [i.sku, i.quantity, i.unitPrice]);
const fromTuples = (tuples: readonly ItemTuple[]): OrderItem[] => tuples.map(([sku, quantity, unitPrice]) => ({ sku, quantity, unitPrice }));

/** Encodes items compactly for storage: `[[sku, quantity, unitPrice], ...]`. */
export function encodeItems(items: readonly OrderItem[]): string {
  return JSON.stringify(toTuples(items));
}

/** Decodes stored items. */
export function decodeItems(text: string): OrderItem[] {
  return fromTuples(JSON.parse(text) as ItemTuple[]);
}

/** Encodes an entry's refund notice for its column (null for a lifecycle notice). */
export function encodeRefund(refund: RefundNotice | undefined): string | null {
  return refund ? JSON.stringify([refund.amount, refund.restock]) : null;
}

/** Decodes an entry's refund column. */
export function decodeRefund(text: string | null): RefundNotice | undefined {
  if (text === null) return undefined;
  const [amount, restock] = JSON.parse(text) as [number, boolean];
  return { amount, restock };
}

/** Encodes an order's refunds compactly: `[[eventId, occurredAt, amount, restock, items], ...]`. */
export function encodeRefunds(refunds: readonly RefundRecord[]): string {
  return JSON.stringify(refunds.map((r) => [r.eventId, r.occurredAt, r.amount, r.restock, toTuples(r.items)]));
}

function decodeRefunds(text: string): RefundRecord[] {
  return (JSON.parse(text) as [string, number, number, boolean, ItemTuple[]][]).map(([eventId, occurredAt, amount, restock, items]) => ({
    eventId,
    occurredAt,
    amount,
    restock,
    items: fromTuples(items),
  }));
}

/** Reads an order row back into a domain state. */
export function rowToOrder(r: OrderRow): OrderState {
  return {
    platform: r.platform,
    orderId: r.order_id,
    status: r.status,
    occurredAt: r.occurred_at,
    eventId: r.event_id,
    currency: r.currency,
    items: decodeItems(r.items),
    total: r.total,
    placedAt: r.placed_at,
    paidAt: r.paid_at,
    refunds: decodeRefunds(r.refunds),
    test: r.test === 1,
  };
}
