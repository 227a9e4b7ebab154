import type { OrderStatus } from '../domain/ledger';
import type { Tallies } from '../domain/tallies';
import type { TalliesPatch } from '../domain/tallies-patch';
import type { OrderSimulationSettings } from '../domain/order-simulation';
import type { ShowSummary } from '../domain/show-summary';
import type { Role } from '../../../core/domain/roles';

/** Socket.io event with a whole tally event: on connect (and catch-up), then every 10 s among the patches. */
export const TALLY_EVENT = 'tally.event';

/**
 * Socket.io event with a live tally change as a patch on the event sent before it (`baseSeq`): with a full catalog a
 * whole event is ~340 kB, up to 25 a second at peak, for a change of a few of its entries.
 */
export const TALLY_PATCH_EVENT = 'tally.patch';

/** Roles that read the sales figures (tallies, the post-show summary): not a viewer, whose token goes to guests. */
export const SALES_READERS: readonly Role[] = ['anchor', 'producer', 'moderator'];

/** HTTP paths of the sales feature the UI uses (bearer token of an anchor or producer). */
export const SALES_PATHS = {
  reportHtml: '/api/v1/reports/sales.html',
  reportCsv: '/api/v1/reports/sales.csv',
  ordersImport: '/api/v1/orders/import',
  ordersReconcile: '/api/v1/orders/reconcile',
} as const;

/** Socket.io event with the rehearsal order simulator's state (on connect and on every change). */
export const ORDER_SIMULATOR_EVENT = 'sales.simulator';

/** The rehearsal order simulator: its settings while running, null when stopped. */
export interface OrderSimulatorStatus {
  settings: OrderSimulationSettings | null;
}

/**
 * Socket.io event with the post-show summary: sent on connect and whenever it changes; `summary` is set while the show
 * has ended (until a new show), null in rehearsal and on air.
 */
export const SHOW_SUMMARY_EVENT = 'sales.summary';

/** Payload of `sales.summary`. */
export interface ShowSummaryEvent {
  summary: ShowSummary | null;
}

/** Socket.io event to producers and anchors when a SKU's stock falls to its low level. */
export const STOCK_LOW_EVENT = 'stock.low';

/** An order whose current state changed in one ledger commit (what the UI flashes). */
export interface OrderChange {
  platform: string;
  orderId: string;
  status: OrderStatus;
  /** Previous status, null for an order seen for the first time. */
  previousStatus: OrderStatus | null;
  total: number;
  /** Money refunded on the order so far, and before this commit (a refund notice raises it). */
  refunded: number;
  previousRefunded: number;
  currency: string;
  /** The order's products; for a refund notice with lines, the products it refunded. */
  skus: string[];
  placedAt: number;
  /** A test order: shown as such, in no figure. */
  test: boolean;
}

/**
 * One committed change of the ledger. `seq` grows by one per commit for the studio's lifetime (persisted before the
 * event is sent); `tallies` is the full state after it, so the newest event alone is a complete resync.
 */
export interface TallyEvent {
  seq: number;
  /** Hub time of the commit, epoch ms. */
  at: number;
  tallies: Tallies;
  /** Orders changed by this commit (at most 50; `changedCount` says how many there were). */
  changes: OrderChange[];
  changedCount: number;
  /** Ledger chain after the commit: entries so far and the head hash. */
  chain: { entries: number; head: string };
}

/** Low-stock alert payload. */
export interface StockLowEvent {
  sku: string;
  left: number;
  lowAt: number;
  /** Hub time of the ledger commit that made the stock low, epoch ms (the tally event of that commit has the same `at`). */
  at: number;
}

/**
 * A tally event as the change from the one sent before: the figures outside the maps whole, in each map the entries
 * that changed (null: gone). Applied to the event with seq `baseSeq` (applyTalliesPatch) it gives this event's tallies;
 * a window holding another seq waits for the next whole event instead.
 */
export interface TallyPatchEvent extends Omit<TallyEvent, 'tallies'> {
  baseSeq: number;
  patch: TalliesPatch;
}

/** The sales feature's events and what each carries (part of the protocol's feature events map). */
export interface SalesEvents {
  'tally.event': TallyEvent;
  'tally.patch': TallyPatchEvent;
  'sales.simulator': OrderSimulatorStatus;
  'stock.low': StockLowEvent;
  'sales.summary': ShowSummaryEvent;
}

/** Where shop bridges post orders and the secret they sign with (`orders.ingestInfo`). */
export interface OrdersIngestInfo {
  endpoint: string;
  secret: string;
  /** True when the secret comes from ANCHOR_ORDERS_SECRET (change it there), false when the studio generated it. */
  isFromEnv: boolean;
}
