/**
 * The sales ledger's rules, pure: how order events fold into one current state per (platform, orderId) and how tallies
 * derive from those states. The hub persists exactly these rules; the property test checks them against a model.
 */

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

/** One thing a platform told us about an order; delivered at least once, in any order. */
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
}

/** The current state of one order: its winning event, plus the earliest time any of its events happened. */
export interface OrderState {
  platform: string;
  orderId: string;
  status: OrderStatus;
  occurredAt: number;
  /** Event that set this state. */
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

/** Sales per SKU. `units` counts every paid order; `gmv` only those in the tally currency. */
export interface SkuTally {
  units: number;
  gmv: number;
  orders: number;
}

/** Paid orders and GMV of one bucket (platform, cue segment, minute). */
export interface BucketTally {
  orders: number;
  gmv: number;
  units: number;
}

/** Stock of one SKU: what the producer set, what is left after paid orders. */
export interface StockTally {
  initial: number;
  left: number;
  lowAt: number;
  isLow: boolean;
}

/** Every live figure of the show, derived from the current order states (never counted on arrival). */
export interface Tallies {
  currency: string;
  /** Orders whose current status is paid, in the tally currency. */
  ordersPaid: number;
  /** Sum of paid order totals, minor units of `currency`. */
  gmv: number;
  unitsPaid: number;
  refundedOrders: number;
  refundedAmount: number;
  cancelledOrders: number;
  /** Orders created but not paid yet. */
  pendingOrders: number;
  bySku: Record<string, SkuTally>;
  byPlatform: Record<string, BucketTally>;
  /** Paid orders by the cue that was live when they were placed (keyed by cueId). */
  bySegment: Record<string, BucketTally & { label: string }>;
  /** Paid orders placed before the first cue segment. */
  unattributed: BucketTally;
  /** Paid orders per minute of `placedAt`, keyed by the minute's start (epoch ms, as a string). */
  byMinute: Record<string, BucketTally>;
  /** Paid orders in other currencies, never added into `gmv`. */
  otherCurrencies: Record<string, BucketTally>;
  target: { gmv: number | null; orders: number | null };
  stock: Record<string, StockTally>;
  /** Rehearsal orders (any status) counted in these figures, and when the rehearsal was last cleared. */
  rehearsal: { orders: number; clearedAt: number | null };
  /** Orders placed before this instant (earlier shows) are not in these figures; null when every order is. */
  showStartedAt: number | null;
}

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
  if (event.occurredAt !== current.occurredAt) return event.occurredAt > current.occurredAt;
  if (event.status !== current.status) return STATUS_RANK[event.status] > STATUS_RANK[current.status];
  return event.eventId > current.eventId;
}

/** Key of an order in maps: platform and order id (a NUL cannot appear in either, the schema forbids it). */
export function orderKey(platform: string, orderId: string): string {
  return `${platform}\u0000${orderId}`;
}

/** Folds one (new, de-duplicated) event into an order's state; returns the same object when nothing changed. */
export function applyOrderEvent(current: OrderState | undefined, event: OrderEvent): OrderState {
  // What the event says about the order now; kept whole when the event is the newest the order has seen.
  const latest = () => ({
    status: event.status,
    occurredAt: event.occurredAt,
    eventId: event.eventId,
    currency: event.currency,
    items: event.items,
    total: orderTotal(event.items),
  });
  if (!current) return { platform: event.platform, orderId: event.orderId, ...latest(), placedAt: event.occurredAt };
  const placedAt = Math.min(current.placedAt, event.occurredAt);
  if (supersedes(event, current)) return { ...current, ...latest(), placedAt };
  return placedAt === current.placedAt ? current : { ...current, placedAt };
}

/** Start of the minute (epoch ms) that contains `at`. */
export function minuteOf(at: number): number {
  return at - (((at % 60_000) + 60_000) % 60_000);
}

/** The segment live at `at` (segments sorted by startedAt), or null before the first one. */
export function segmentAt(segments: readonly CueSegment[], at: number): CueSegment | null {
  let lo = 0;
  let hi = segments.length - 1;
  let found: CueSegment | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (s.startedAt <= at) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Sorts segments for `segmentAt`: by start, ties by cueId so the order is stable. */
export function sortSegments(segments: readonly CueSegment[]): CueSegment[] {
  return [...segments].sort((a, b) => a.startedAt - b.startedAt || (a.cueId < b.cueId ? -1 : a.cueId > b.cueId ? 1 : 0));
}

/** Tallies with no orders, under the given settings. */
export function emptyTallies(settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS): Tallies {
  const tallies: Tallies = {
    currency: settings.currency,
    ordersPaid: 0,
    gmv: 0,
    unitsPaid: 0,
    refundedOrders: 0,
    refundedAmount: 0,
    cancelledOrders: 0,
    pendingOrders: 0,
    bySku: {},
    byPlatform: {},
    bySegment: {},
    unattributed: { orders: 0, gmv: 0, units: 0 },
    byMinute: {},
    otherCurrencies: {},
    target: { ...settings.target },
    stock: {},
    rehearsal: { orders: 0, clearedAt: settings.rehearsalClearedAt },
    showStartedAt: settings.showStartedAt,
  };
  refreshStock(tallies, settings);
  return tallies;
}

function bump<T extends { orders: number; gmv: number; units: number }>(
  map: Record<string, T>,
  key: string,
  make: () => T,
  sign: 1 | -1,
  gmv: number,
  units: number,
): void {
  const entry = (map[key] ??= make());
  entry.orders += sign;
  entry.gmv += sign * gmv;
  entry.units += sign * units;
  // A bucket that falls back to zero disappears, so incremental tallies equal ones derived from scratch.
  if (entry.orders === 0 && entry.gmv === 0 && entry.units === 0) delete map[key];
}

/**
 * Adds (sign 1) or removes (sign -1) one order state's contribution. Mutates `tallies`: the caller owns that copy.
 * Stock is refreshed separately (`refreshStock`) because it depends on every SKU at once.
 */
export function addContribution(tallies: Tallies, state: OrderState, segments: readonly CueSegment[], sign: 1 | -1): void {
  // An order belongs to the show it was placed in: a late payment or refund of an earlier show's order stays there.
  if (tallies.showStartedAt !== null && state.placedAt < tallies.showStartedAt) return;
  if (state.platform === REHEARSAL_PLATFORM) {
    const { clearedAt } = tallies.rehearsal;
    if (clearedAt !== null && state.placedAt <= clearedAt) return;
    tallies.rehearsal.orders += sign;
  }
  const isMain = state.currency === tallies.currency;
  if (state.status === 'created') tallies.pendingOrders += sign;
  else if (state.status === 'cancelled') tallies.cancelledOrders += sign;
  else if (state.status === 'refunded') {
    if (isMain) {
      tallies.refundedOrders += sign;
      tallies.refundedAmount += sign * state.total;
    }
  } else {
    let units = 0;
    // An order counts once per product even when the product is on several of its lines.
    const counted = new Set<string>();
    for (const item of state.items) {
      units += item.quantity;
      const sku = (tallies.bySku[item.sku] ??= { units: 0, gmv: 0, orders: 0 });
      sku.units += sign * item.quantity;
      if (isMain) sku.gmv += sign * item.quantity * item.unitPrice;
      if (!counted.has(item.sku)) sku.orders += sign;
      counted.add(item.sku);
      if (sku.units === 0 && sku.gmv === 0 && sku.orders === 0) delete tallies.bySku[item.sku];
    }
    if (!isMain) {
      bump(tallies.otherCurrencies, state.currency, () => ({ orders: 0, gmv: 0, units: 0 }), sign, state.total, units);
      return;
    }
    tallies.ordersPaid += sign;
    tallies.gmv += sign * state.total;
    tallies.unitsPaid += sign * units;
    bump(tallies.byPlatform, state.platform, () => ({ orders: 0, gmv: 0, units: 0 }), sign, state.total, units);
    bump(tallies.byMinute, String(minuteOf(state.placedAt)), () => ({ orders: 0, gmv: 0, units: 0 }), sign, state.total, units);
    const segment = segmentAt(segments, state.placedAt);
    if (segment) {
      bump(tallies.bySegment, segment.cueId, () => ({ orders: 0, gmv: 0, units: 0, label: segment.label }), sign, state.total, units);
      const entry = tallies.bySegment[segment.cueId];
      if (entry) entry.label = lastLabel(segments, segment.cueId);
    } else {
      const u = tallies.unattributed;
      u.orders += sign;
      u.gmv += sign * state.total;
      u.units += sign * units;
    }
  }
}

function lastLabel(segments: readonly CueSegment[], cueId: string): string {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.cueId === cueId) return segments[i]!.label;
  return cueId;
}

/** Recomputes the stock figures (initial minus paid units) for every SKU the producer tracks. Mutates `tallies`. */
export function refreshStock(tallies: Tallies, settings: LedgerSettings, skus?: Iterable<string>): void {
  const keys = skus ?? Object.keys(settings.stock);
  for (const sku of keys) {
    const set = settings.stock[sku];
    if (!set) continue;
    const left = set.initial - (tallies.bySku[sku]?.units ?? 0);
    tallies.stock[sku] = { initial: set.initial, left, lowAt: set.lowAt, isLow: left <= set.lowAt };
  }
}

/** Derives tallies from scratch from order states, cue segments and settings. */
export function deriveTallies(orders: Iterable<OrderState>, segments: readonly CueSegment[], settings: LedgerSettings): Tallies {
  const sorted = sortSegments(segments);
  const tallies = emptyTallies(settings);
  for (const order of orders) addContribution(tallies, order, sorted, 1);
  refreshStock(tallies, settings);
  return tallies;
}

/**
 * Tallies of the orders placed within an on-air window (`from` and `to` included), from their current states: what the
 * show sold. Orders placed before going live (rehearsal, pre-orders) or after the end are left out; a late payment or
 * refund of an order placed on air still counts, since the order's current state is what is tallied.
 */
export function deriveWindowTallies(
  orders: Iterable<OrderState>,
  segments: readonly CueSegment[],
  settings: LedgerSettings,
  window: { from: number; to: number },
): Tallies {
  const within: OrderState[] = [];
  for (const order of orders) if (order.placedAt >= window.from && order.placedAt <= window.to) within.push(order);
  return deriveTallies(within, segments, settings);
}

/** Key of an event for de-duplication: platform and eventId. */
export function eventKey(event: Pick<OrderEvent, 'platform' | 'eventId'>): string {
  return `${event.platform}\u0000${event.eventId}`;
}

/**
 * The reference model: de-duplicate (first delivery of an event id wins), sort the distinct events in time order
 * (status and eventId break ties), keep the last state per order and the earliest time per order.
 */
export function modelOrderStates(events: readonly OrderEvent[]): Map<string, OrderState> {
  const distinct = new Map<string, OrderEvent>();
  for (const e of events) if (!distinct.has(eventKey(e))) distinct.set(eventKey(e), e);
  const ordered = [...distinct.values()].sort(
    (a, b) => a.occurredAt - b.occurredAt || STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const states = new Map<string, OrderState>();
  const earliest = new Map<string, number>();
  for (const e of ordered) {
    const key = orderKey(e.platform, e.orderId);
    if (!earliest.has(key)) earliest.set(key, e.occurredAt);
    states.set(key, {
      platform: e.platform,
      orderId: e.orderId,
      status: e.status,
      occurredAt: e.occurredAt,
      eventId: e.eventId,
      currency: e.currency,
      items: e.items,
      total: orderTotal(e.items),
      placedAt: earliest.get(key)!,
    });
  }
  return states;
}

/**
 * An in-memory ledger with the hub's semantics: events arrive in any order and any number of times; each distinct
 * event is applied once and the tallies follow incrementally.
 */
export class MemoryLedger {
  /** Seen event keys (the UNIQUE(platform, eventId) of the database). */
  readonly seen = new Set<string>();
  readonly orders = new Map<string, OrderState>();
  readonly tallies: Tallies;
  private readonly segments: CueSegment[];

  constructor(
    private readonly settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS,
    segments: readonly CueSegment[] = [],
  ) {
    this.segments = sortSegments(segments);
    this.tallies = emptyTallies(settings);
  }

  /** Applies one delivery; returns false for a duplicate. */
  ingest(event: OrderEvent): boolean {
    const key = eventKey(event);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const okey = orderKey(event.platform, event.orderId);
    const before = this.orders.get(okey);
    const after = applyOrderEvent(before, event);
    if (after !== before) {
      if (before) addContribution(this.tallies, before, this.segments, -1);
      addContribution(this.tallies, after, this.segments, 1);
      this.orders.set(okey, after);
      refreshStock(this.tallies, this.settings, [...new Set([...before?.items ?? [], ...after.items].map((i) => i.sku))]);
    }
    return true;
  }
}
