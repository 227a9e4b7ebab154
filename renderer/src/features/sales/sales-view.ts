import type { BucketTally, Tallies } from '@shared/features/sales/domain/tallies';
import { REHEARSAL_PLATFORM } from '@shared/features/sales/domain/ledger';
import { emptyBucket, minuteOf } from '@shared/features/sales/domain/tallies';
import type { Product } from '@shared/features/catalog/domain/catalog';
import { summaryProductName, type ShowSummary } from '@shared/features/sales/domain/show-summary';
import type { OrderChange, OrderSimulatorStatus, StockLowEvent, TallyEvent, TallyPatchEvent } from '@shared/features/sales/protocol/sales-events';
import { applyTalliesPatch } from '@shared/features/sales/domain/tallies-patch';

/** Recent order changes a window keeps to show (and flash). */
export const RECENT_ORDERS_CAPACITY = 8;

/** A recent order change with a stable key for the list (and its flash animation). */
export interface RecentOrder {
  key: string;
  change: OrderChange;
}

/** The sales figures as one window sees them. */
export interface SalesViewState {
  /** Newest tally event applied; null until the hub sent one. */
  latest: TallyEvent | null;
  recent: RecentOrder[];
  /** True after a (re)connect until the hub's snapshot arrives: that one wins even if its seq is lower (restored hub). */
  isAwaitingResync: boolean;
  /** Low-stock alerts not yet dismissed, newest first. */
  lowStock: StockLowEvent[];
  /** The rehearsal order simulator as the hub last reported it. */
  simulator: OrderSimulatorStatus;
  /** The post-show summary while the last show has ended (until a new show), else null. */
  summary: ShowSummary | null;
  /** Whether the summary dialog is open: it opens when a show ends, and again from the panel after closing. */
  isSummaryOpen: boolean;
}

/** What the hub client reports to the sales view. */
export type SalesViewEvent =
  | { type: 'tally'; event: TallyEvent }
  | { type: 'tallyPatch'; event: TallyPatchEvent }
  | { type: 'reconnected' }
  | { type: 'stockLow'; alert: StockLowEvent }
  | { type: 'dismissStock'; sku: string }
  | { type: 'simulator'; status: OrderSimulatorStatus }
  | { type: 'summary'; summary: ShowSummary | null }
  | { type: 'openSummary' }
  | { type: 'closeSummary' };

/**
 * True when an order change belongs in these figures: not a rehearsal order placed before the rehearsal was cleared
 * (going live clears it), not an order of an earlier show. The ledger leaves those out; the lists must too.
 */
export function countsIn(change: Pick<OrderChange, 'platform' | 'placedAt'>, tallies: Tallies): boolean {
  if (tallies.showStartedAt !== null && change.placedAt < tallies.showStartedAt) return false;
  const clearedAt = tallies.rehearsal.clearedAt;
  return !(change.platform === REHEARSAL_PLATFORM && clearedAt !== null && change.placedAt <= clearedAt);
}

/**
 * True while a low-stock alert still says something true under `event`'s figures: it was not raised by rehearsal
 * orders since cleared or in an earlier show, and its product is still low (a tally committed before the alert, sent
 * late because tallies are throttled, cannot tell).
 */
function isAlertCurrent(alert: StockLowEvent, event: TallyEvent): boolean {
  const { tallies } = event;
  if (tallies.rehearsal.clearedAt !== null && alert.at <= tallies.rehearsal.clearedAt) return false;
  if (tallies.showStartedAt !== null && alert.at < tallies.showStartedAt) return false;
  return event.at < alert.at || tallies.stock[alert.sku]?.isLow === true;
}

/** The sales view of a fresh window. */
export function initialSalesView(): SalesViewState {
  return { latest: null, recent: [], isAwaitingResync: true, lowStock: [], simulator: { settings: null }, summary: null, isSummaryOpen: false };
}

/** Applies one event to the sales view (pure). Older or repeated tally events are ignored. */
export function reduceSalesView(state: SalesViewState, event: SalesViewEvent): SalesViewState {
  switch (event.type) {
    case 'reconnected':
      return { ...state, isAwaitingResync: true };
    case 'stockLow': {
      if (state.latest && !isAlertCurrent(event.alert, state.latest)) return state;
      return { ...state, lowStock: [event.alert, ...state.lowStock.filter((a) => a.sku !== event.alert.sku)].slice(0, 10) };
    }
    case 'dismissStock':
      return { ...state, lowStock: state.lowStock.filter((a) => a.sku !== event.sku) };
    case 'simulator':
      return { ...state, simulator: event.status };
    case 'summary': {
      const next = event.summary;
      if (!next) return { ...state, summary: null, isSummaryOpen: false };
      // A show that just ended opens it; an update of the same show (a late refund) leaves it as the anchor left it.
      const isNewEnd = state.summary?.onAir.endedAt !== next.onAir.endedAt || state.summary.onAir.startedAt !== next.onAir.startedAt;
      return { ...state, summary: next, isSummaryOpen: isNewEnd ? true : state.isSummaryOpen };
    }
    case 'openSummary':
      return state.summary ? { ...state, isSummaryOpen: true } : state;
    case 'closeSummary':
      return { ...state, isSummaryOpen: false };
    case 'tallyPatch': {
      const { baseSeq, patch, ...rest } = event.event;
      const latest = state.latest;
      // After a (re)connect the whole event comes first; a patch is only good on the event it was made from.
      if (state.isAwaitingResync || !latest || rest.seq <= latest.seq) return state;
      // A patch on an event this window does not hold: the hub sends a whole one every few seconds, wait for it.
      if (baseSeq !== latest.seq) return { ...state, isAwaitingResync: true };
      return reduceSalesView(state, { type: 'tally', event: { ...rest, tallies: applyTalliesPatch(latest.tallies, patch) } });
    }
    case 'tally': {
      const incoming = event.event;
      if (!state.isAwaitingResync && state.latest && incoming.seq <= state.latest.seq) return state;
      // The resync snapshot repeats changes the window may already have shown: only live events flash.
      const fresh = state.isAwaitingResync
        ? []
        : incoming.changes.filter((change) => countsIn(change, incoming.tallies)).map((change) => ({ key: `${incoming.seq}:${change.platform}:${change.orderId}`, change }));
      // Going live (or clearing the rehearsal, or a new show) takes what no longer counts off every list at once.
      const kept = state.recent.filter((r) => countsIn(r.change, incoming.tallies));
      const lowStock = state.lowStock.filter((a) => isAlertCurrent(a, incoming));
      return {
        ...state,
        latest: incoming,
        isAwaitingResync: false,
        recent: fresh.length || kept.length !== state.recent.length ? [...fresh.reverse(), ...kept].slice(0, RECENT_ORDERS_CAPACITY) : state.recent,
        lowStock: lowStock.length === state.lowStock.length ? state.lowStock : lowStock,
      };
    }
  }
}

/** The low-stock alerts to show, newest first, each with the stock the ledger shows now when it is newer. */
export function stockAlerts(state: Pick<SalesViewState, 'lowStock' | 'latest'>): StockLowEvent[] {
  const latest = state.latest;
  return state.lowStock.map((a) => {
    const now = latest && latest.at >= a.at ? latest.tallies.stock[a.sku] : undefined;
    return now ? { ...a, left: now.left } : a;
  });
}

/** One bar of the per-minute chart. */
export interface MinutePoint extends BucketTally {
  minute: number;
}

/** The last `count` minutes up to the one containing `endAt`, oldest first, zero-filled. */
export function minuteSeries(byMinute: Tallies['byMinute'], endAt: number, count: number): MinutePoint[] {
  const end = minuteOf(endAt);
  const points: MinutePoint[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const minute = end - i * 60_000;
    const bucket = byMinute[String(minute)];
    points.push({ minute, ...emptyBucket(), ...bucket });
  }
  return points;
}

/** The latest minute with sales, or null when nothing sold yet. */
export function lastSalesMinute(byMinute: Tallies['byMinute']): number | null {
  let last: number | null = null;
  for (const key of Object.keys(byMinute)) if (last === null || Number(key) > last) last = Number(key);
  return last;
}

/** A product's name in a language from the catalog (the other language, then the SKU, when it has none). */
export function productName(product: Pick<Product, 'title'> | undefined, sku: string, language: 'zh' | 'en'): string {
  return summaryProductName({ sku, names: product ? { zh: product.title.zh, en: product.title.en } : null }, language);
}
