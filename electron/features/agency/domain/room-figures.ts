import { DEFAULT_LEDGER_SETTINGS, type OrderState } from '../../sales/domain/ledger';
import { deriveTallies, minuteOf, type BucketTally } from '../../sales/domain/tallies';
import type { RoomStatus } from './room-status';

/** A room's sales as an agency shows them: the studio's own figures for the current show, to the cent. */
export interface RoomFigures {
  currency: string;
  /** Net GMV (paid minus refunded), minor units. */
  gmv: number;
  paidAmount: number;
  refundedAmount: number;
  ordersPaid: number;
  placedOrders: number;
  /** Orders placed in the last full minute and the one under way. */
  ordersLastMinute: number;
  /** Per minute of the show (minute start epoch ms -> bucket), for the room's sales timeline. */
  byMinute: Record<string, BucketTally>;
  /** Per SKU: units and net money, for the room's best products. */
  bySku: Record<string, { units: number; gmv: number }>;
}

/**
 * The figures of a room from its replicated orders and the settings its studio reported, computed by the same rules
 * the studio's ledger uses (so an agency's GMV is the sum of the studios' own, never a second opinion).
 */
export function roomFiguresOf(orders: Iterable<OrderState>, sales: RoomStatus['sales'] | null, now: number): RoomFigures {
  const tallies = deriveTallies(orders, [], { ...DEFAULT_LEDGER_SETTINGS, ...(sales ?? {}) });
  const current = minuteOf(now);
  const previous = String(current - 60_000);
  return {
    currency: tallies.currency,
    gmv: tallies.gmv,
    paidAmount: tallies.paidAmount,
    refundedAmount: tallies.refundedAmount,
    ordersPaid: tallies.ordersPaid,
    placedOrders: tallies.placedOrders,
    ordersLastMinute: (tallies.byMinute[previous]?.placed ?? 0) + (tallies.byMinute[String(current)]?.placed ?? 0),
    byMinute: tallies.byMinute,
    bySku: Object.fromEntries(Object.entries(tallies.bySku).map(([sku, t]) => [sku, { units: t.units, gmv: t.gmv }])),
  };
}
