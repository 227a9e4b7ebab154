import { orderMoney, wasPaid } from './order-money';

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

/**
 * The figures of one bucket (platform, cue segment, minute, other currency): orders placed, money paid, refunded and
 * net (`gmv` = paid - refunded), orders still holding money and the units they keep. Minor units.
 */
export interface BucketTally {
  /** Orders placed (any status). */
  placed: number;
  /** Orders paid and not refunded in full. */
  orders: number;
  /** Money paid, refunds not taken off. */
  paid: number;
  refunded: number;
  /** Net: paid minus refunded. */
  gmv: number;
  /** Units paid for and not refunded. */
  units: number;
}

/** Sales per SKU: a bucket whose `units` count every currency (stock is units) and money only the tally currency. */
export interface SkuTally extends BucketTally {
  /** Units gone from the shelf: paid for, minus those restocked after a refund. Stock counts down by these. */
  unitsTaken: number;
}

/** Stock of one SKU: what the producer set, what is left after paid orders and restocked returns. */
export interface StockTally {
  initial: number;
  left: number;
  lowAt: number;
  isLow: boolean;
}

/** Every live figure of the show, derived from the current order states (never counted on arrival). */
export interface Tallies {
  currency: string;
  /** Orders placed (any status, any currency), test orders left out. */
  placedOrders: number;
  /** Orders paid and not refunded in full, in the tally currency. */
  ordersPaid: number;
  /** Money paid, refunds not taken off, minor units of `currency`. */
  paidAmount: number;
  /** Net GMV: paid minus refunded, minor units of `currency`. The headline figure. */
  gmv: number;
  /** Units paid for and not refunded. */
  unitsPaid: number;
  /** Orders with any refund (partial or whole), and the money refunded, in the tally currency. */
  refundedOrders: number;
  refundedAmount: number;
  /** Orders cancelled before they were paid (a cancellation after payment is a refund). */
  cancelledOrders: number;
  /** Orders created but not paid yet. */
  pendingOrders: number;
  /** Test and sandbox orders: in the ledger, in no other figure. */
  testOrders: number;
  bySku: Record<string, SkuTally>;
  byPlatform: Record<string, BucketTally>;
  /** Orders by the cue that was live when they were placed (keyed by cueId); a refund stays with that cue. */
  bySegment: Record<string, BucketTally & { label: string }>;
  /** Orders placed before the first cue segment. */
  unattributed: BucketTally;
  /** Orders per minute of `placedAt`, keyed by the minute's start (epoch ms, as a string). */
  byMinute: Record<string, BucketTally>;
  /** Orders in other currencies, never added into the headline figures. */
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
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
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

/** A bucket with nothing in it. */
export function emptyBucket(): BucketTally {
  return { placed: 0, orders: 0, paid: 0, refunded: 0, gmv: 0, units: 0 };
}

/** Tallies with no orders, under the given settings. */
export function emptyTallies(settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS): Tallies {
  const tallies: Tallies = {
    currency: settings.currency,
    placedOrders: 0,
    ordersPaid: 0,
    paidAmount: 0,
    gmv: 0,
    unitsPaid: 0,
    refundedOrders: 0,
    refundedAmount: 0,
    cancelledOrders: 0,
    pendingOrders: 0,
    testOrders: 0,
    bySku: {},
    byPlatform: {},
    bySegment: {},
    unattributed: emptyBucket(),
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

const BUCKET_FIELDS = ['placed', 'orders', 'paid', 'refunded', 'gmv', 'units'] as const;

/** Adds (sign 1) or takes away (sign -1) `figures` into `bucket`. */
function addInto(bucket: BucketTally, figures: BucketTally, sign: 1 | -1): void {
  for (const field of BUCKET_FIELDS) bucket[field] += sign * figures[field];
}

function isEmpty(bucket: BucketTally): boolean {
  return BUCKET_FIELDS.every((field) => bucket[field] === 0);
}

/** Adds `figures` into the bucket at `key`, made by `make` when missing; a bucket back at zero disappears. */
function bump<T extends BucketTally>(map: Record<string, T>, key: string, make: () => T, figures: BucketTally, sign: 1 | -1): void {
  const entry = (map[key] ??= make());
  addInto(entry, figures, sign);
  // Gone at zero, so incremental tallies equal ones derived from scratch.
  if (isEmpty(entry)) delete map[key];
}

/**
 * Adds (sign 1) or removes (sign -1) one order state's contribution. Mutates `tallies`: the caller owns that copy.
 * Stock is refreshed separately (`refreshStock`) because it depends on every SKU at once.
 */
export function addContribution(tallies: Tallies, state: OrderState, segments: readonly CueSegment[], sign: 1 | -1): void {
  // Refunds of an order the ledger has not seen yet wait for the order.
  if (state.eventId === '') return;
  // An order belongs to the show it was placed in: a late payment or refund of an earlier show's order stays there.
  if (tallies.showStartedAt !== null && state.placedAt < tallies.showStartedAt) return;
  if (state.test) {
    tallies.testOrders += sign;
    return;
  }
  if (state.platform === REHEARSAL_PLATFORM) {
    const { clearedAt } = tallies.rehearsal;
    if (clearedAt !== null && state.placedAt <= clearedAt) return;
    tallies.rehearsal.orders += sign;
  }
  const isMain = state.currency === tallies.currency;
  const paidOn = wasPaid(state);
  const money = orderMoney(state);
  tallies.placedOrders += sign;
  if (state.status === 'created') tallies.pendingOrders += sign;
  else if (state.status === 'cancelled' && !paidOn) tallies.cancelledOrders += sign;

  let units = 0;
  for (const [sku, m] of money.bySku) {
    const keeps = paidOn ? m.quantity - m.unitsRefunded : 0;
    units += keeps;
    const figures: BucketTally = {
      placed: 1,
      orders: paidOn && keeps + (m.paid - m.refunded) > 0 ? 1 : 0,
      paid: isMain ? m.paid : 0,
      refunded: isMain ? m.refunded : 0,
      gmv: isMain ? m.paid - m.refunded : 0,
      units: keeps,
    };
    const entry = (tallies.bySku[sku] ??= { ...emptyBucket(), unitsTaken: 0 });
    addInto(entry, figures, sign);
    entry.unitsTaken += sign * (paidOn ? m.quantity - m.unitsRestocked : 0);
    if (isEmpty(entry) && entry.unitsTaken === 0) delete tallies.bySku[sku];
  }
  // Paid and not refunded in full: a partly refunded order is still a sale.
  const holds = paidOn && units + money.net > 0;
  const order: BucketTally = { placed: 1, orders: holds ? 1 : 0, paid: money.paid, refunded: money.refunded, gmv: money.net, units };
  if (!isMain) {
    bump(tallies.otherCurrencies, state.currency, emptyBucket, order, sign);
    return;
  }
  tallies.ordersPaid += sign * order.orders;
  tallies.paidAmount += sign * money.paid;
  tallies.gmv += sign * money.net;
  tallies.unitsPaid += sign * units;
  if (money.refunded > 0 || (paidOn && !holds)) tallies.refundedOrders += sign;
  tallies.refundedAmount += sign * money.refunded;
  bump(tallies.byPlatform, state.platform, emptyBucket, order, sign);
  bump(tallies.byMinute, String(minuteOf(state.placedAt)), emptyBucket, order, sign);
  const segment = segmentAt(segments, state.placedAt);
  if (segment) {
    bump(tallies.bySegment, segment.cueId, () => ({ ...emptyBucket(), label: segment.label }), order, sign);
    const entry = tallies.bySegment[segment.cueId];
    if (entry) entry.label = lastLabel(segments, segment.cueId);
  } else addInto(tallies.unattributed, order, sign);
}

function lastLabel(segments: readonly CueSegment[], cueId: string): string {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.cueId === cueId) return segments[i]!.label;
  return cueId;
}

/** Recomputes the stock figures (initial minus units taken) for every SKU the producer tracks. Mutates `tallies`. */
export function refreshStock(tallies: Tallies, settings: LedgerSettings, skus?: Iterable<string>): void {
  const keys = skus ?? Object.keys(settings.stock);
  for (const sku of keys) {
    const set = settings.stock[sku];
    if (!set) continue;
    const left = set.initial - (tallies.bySku[sku]?.unitsTaken ?? 0);
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
