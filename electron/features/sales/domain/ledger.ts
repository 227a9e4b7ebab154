/**
 * The sales ledger's rules, pure: how order events fold into one current state per (platform, orderId). The figures
 * derived from those states are in `tallies.ts`. The hub persists exactly these rules; the property test checks them
 * against a model.
 */

import { byCodePoint } from '../../../core/domain/text-order';

/** Lifecycle of an order as platforms report it. */
export type OrderStatus = 'created' | 'paid' | 'cancelled' | 'refunded';

/** Every status, in tie-break order: at equal `occurredAt` a later one in this list wins. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['created', 'paid', 'cancelled', 'refunded'];

/** Rank of a status for the tie rule (created < paid < cancelled < refunded). */
export const STATUS_RANK: Readonly<Record<OrderStatus, number>> = { created: 0, paid: 1, cancelled: 2, refunded: 3 };

/** One line of an order: quantity of a SKU at a unit price in minor units. */
export interface OrderItem {
  sku: string;
  quantity: number;
  /** Integer minor units (fen, cents) of the order's currency. */
  unitPrice: number;
}

/** What a refund notice adds: the money given back and whether its lines' units go back on the shelf. */
export interface RefundNotice {
  /** Minor units given back, in the order's currency. */
  amount: number;
  restock: boolean;
}

/**
 * One thing a platform told us about an order; delivered at least once, in any order. A lifecycle notice carries the
 * order's status and lines; a refund notice (`refund` set, status `refunded`) carries one refund and the lines it
 * covers (none for an amount-only refund) and leaves the lifecycle as it was.
 */
export interface OrderEvent {
  /** Platform-unique id of this notification: the dedupe key with `platform`. */
  eventId: string;
  platform: string;
  orderId: string;
  status: OrderStatus;
  /** When it happened on the platform, epoch ms. */
  occurredAt: number;
  /** ISO 4217 code, e.g. CNY. */
  currency: string;
  items: OrderItem[];
  /** Set on a refund notice. Refunds add up: every distinct refund notice of an order counts once. */
  refund?: RefundNotice;
  /** A test or sandbox order: kept in the ledger, in no figure. One notice saying so is enough. */
  test?: boolean;
}

/** One refund of an order, as its notice said. */
export interface RefundRecord extends RefundNotice {
  eventId: string;
  occurredAt: number;
  /** Lines refunded; empty for an amount-only refund. */
  items: OrderItem[];
}

/** The current state of one order: its winning event, plus the earliest time any of its events happened. */
export interface OrderState {
  platform: string;
  orderId: string;
  status: OrderStatus;
  occurredAt: number;
  /** Lifecycle notice that set this state; '' while only refund notices of the order have arrived. */
  eventId: string;
  currency: string;
  items: OrderItem[];
  /** Sum of quantity * unitPrice, minor units. */
  total: number;
  /**
   * Earliest `occurredAt` among the order's events: when the buyer ordered. Attribution (minute, cue) uses it, so a
   * late `paid` still counts in the minute and under the cue that sold it. A min over the set is order-independent.
   */
  placedAt: number;
  /** Earliest time a notice said paid (or refunded, which implies it): a later cancellation gives the money back. */
  paidAt: number | null;
  /** Every refund notice of the order, sorted by eventId so the state never depends on arrival order. */
  refunds: RefundRecord[];
  /** True once any notice marked it a test order. */
  test: boolean;
}

/** A stretch of the show during which one cue was live; it lasts until the next segment starts. */
export interface CueSegment {
  cueId: string;
  label: string;
  startedAt: number;
}

/** Targets and stock the producer sets; tallies report progress against them. */
export interface LedgerSettings {
  /** Currency the headline figures are in; paid orders in other currencies are reported apart. */
  currency: string;
  target: { gmv: number | null; orders: number | null };
  /** Starting stock per SKU and the level at which it is low. */
  stock: Record<string, { initial: number; lowAt: number }>;
  /** Rehearsal orders placed at or before this instant (epoch ms) no longer count; null when never cleared. */
  rehearsalClearedAt: number | null;
  /** When the current show's sales began: orders placed earlier belong to earlier shows; null counts every order. */
  showStartedAt: number | null;
}

/**
 * The platform of the rehearsal simulator's orders. They count like real ones while the anchor rehearses (so the
 * panel, stock and alerts can be tried out) and stop counting once cleared, by hand or by going live.
 */
export const REHEARSAL_PLATFORM = 'rehearsal';

/** Settings of a fresh studio: CNY, no target, no stock tracked, no rehearsal cleared. */
export const DEFAULT_LEDGER_SETTINGS: LedgerSettings = {
  currency: 'CNY',
  target: { gmv: null, orders: null },
  stock: {},
  rehearsalClearedAt: null,
  showStartedAt: null,
};

/** Sum of an order's lines in minor units. */
export function orderTotal(items: readonly OrderItem[]): number {
  let total = 0;
  for (const item of items) total += item.quantity * item.unitPrice;
  return total;
}

/**
 * True when `event` replaces `current` as the order's state: a later `occurredAt` wins; at a tie the later status
 * in the lifecycle wins; at a full tie the larger eventId wins, so the result never depends on arrival order.
 */
export function supersedes(event: Pick<OrderEvent, 'occurredAt' | 'status' | 'eventId'>, current: Pick<OrderState, 'occurredAt' | 'status' | 'eventId'>): boolean {
  if (current.eventId === '') return true;
  if (event.occurredAt !== current.occurredAt) return event.occurredAt > current.occurredAt;
  if (event.status !== current.status) return STATUS_RANK[event.status] > STATUS_RANK[current.status];
  return event.eventId > current.eventId;
}

/** Key of an order in maps: platform and order id (a NUL cannot appear in either, the schema forbids it). */
export function orderKey(platform: string, orderId: string): string {
  return `${platform}\u0000${orderId}`;
}

/** Statuses that say the order was paid (a refund implies a payment). */
function saysPaid(status: OrderStatus): boolean {
  return status === 'paid' || status === 'refunded';
}

function byEventId(a: { eventId: string }, b: { eventId: string }): number {
  return byCodePoint(a.eventId, b.eventId);
}

/** Folds one (new, de-duplicated) event into an order's state; returns the same object when nothing changed. */
export function applyOrderEvent(current: OrderState | undefined, event: OrderEvent): OrderState {
  const placedAt = current ? Math.min(current.placedAt, event.occurredAt) : event.occurredAt;
  const test = (current?.test ?? false) || event.test === true;
  if (event.refund) {
    // A refund can arrive before anything else about its order: the order is kept with no lifecycle until one comes.
    const base: OrderState = current ?? {
      platform: event.platform, orderId: event.orderId, status: 'created', occurredAt: 0, eventId: '',
      currency: '', items: [], total: 0, placedAt, paidAt: null, refunds: [], test,
    };
    const record: RefundRecord = { eventId: event.eventId, occurredAt: event.occurredAt, amount: event.refund.amount, restock: event.refund.restock, items: event.items };
    return { ...base, refunds: [...base.refunds, record].sort(byEventId), placedAt, test };
  }
  const paidAt = saysPaid(event.status) ? Math.min(current?.paidAt ?? event.occurredAt, event.occurredAt) : (current?.paidAt ?? null);
  // What the event says about the order now; kept whole when the event is the newest the order has seen.
  const latest = () => ({
    status: event.status,
    occurredAt: event.occurredAt,
    eventId: event.eventId,
    currency: event.currency,
    items: event.items,
    total: orderTotal(event.items),
  });
  if (!current) return { platform: event.platform, orderId: event.orderId, ...latest(), placedAt, paidAt, refunds: [], test };
  if (supersedes(event, current)) return { ...current, ...latest(), placedAt, paidAt, test };
  if (placedAt === current.placedAt && paidAt === current.paidAt && test === current.test) return current;
  return { ...current, placedAt, paidAt, test };
}

/** Key of an event for de-duplication: platform and eventId. */
export function eventKey(event: Pick<OrderEvent, 'platform' | 'eventId'>): string {
  return `${event.platform}\u0000${event.eventId}`;
}
