import { applyOrderEvent, orderKey, REHEARSAL_PLATFORM, type OrderEvent, type OrderState } from '../../electron/features/sales/domain/ledger';
import { orderMoney } from '../../electron/features/sales/domain/order-money';
import type { Sql } from './database';

/** How a cross-room report groups the sales. */
export const REPORT_GROUPS = ['room', 'brand', 'anchor', 'product', 'day'] as const;

/** A report's grouping. */
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** One line of a cross-room report, money in minor units of `currency`. */
export interface ReportLine {
  key: string;
  currency: string;
  rooms: number;
  ordersPaid: number;
  units: number;
  paid: number;
  refunded: number;
  net: number;
}

/**
 * Sales across rooms, grouped, from the entries the agency holds (replayed per room by the ledger's own rules). Test
 * orders and rehearsal orders are left out; an order counts on the day (server time) it was placed. A product line
 * counts the units and money of that product only.
 */
export async function crossRoomReport(sql: Sql, group: ReportGroup, brand: string | null): Promise<ReportLine[]> {
  const rooms = await sql.query<{ id: string; name: string; brand: string; anchor: string }>(
    'SELECT id, name, brand, anchor FROM studios WHERE $1::text IS NULL OR brand = $1 ORDER BY name, id',
    [brand],
  );
  const lines = new Map<string, ReportLine & { roomIds: Set<string> }>();
  const add = (key: string, currency: string, roomId: string, paidOrder: boolean, units: number, paid: number, refunded: number) => {
    const id = `${key}\u0000${currency}`;
    let line = lines.get(id);
    if (!line) lines.set(id, (line = { key, currency, rooms: 0, ordersPaid: 0, units: 0, paid: 0, refunded: 0, net: 0, roomIds: new Set() }));
    line.roomIds.add(roomId);
    if (paidOrder) line.ordersPaid++;
    line.units += units;
    line.paid += paid;
    line.refunded += refunded;
    line.net += paid - refunded;
  };
  for (const room of rooms) {
    const orders = new Map<string, OrderState>();
    for (const { event } of await sql.query<{ event: OrderEvent }>('SELECT event FROM ledger_entries WHERE studio_id = $1 ORDER BY seq', [room.id])) {
      if (event.test || event.platform === REHEARSAL_PLATFORM) continue;
      const key = orderKey(event.platform, event.orderId);
      orders.set(key, applyOrderEvent(orders.get(key), event));
    }
    for (const order of orders.values()) {
      if (order.test) continue;
      const money = orderMoney(order);
      const units = [...money.bySku.values()].reduce((sum, s) => sum + s.quantity - s.unitsRefunded, 0);
      const isPaid = money.paid > 0 && money.net > 0;
      if (group === 'product') {
        for (const [sku, s] of money.bySku) if (s.paid > 0) add(sku, order.currency, room.id, s.paid > s.refunded, s.quantity - s.unitsRefunded, s.paid, s.refunded);
        continue;
      }
      if (money.paid === 0) continue;
      const key = group === 'room' ? room.name : group === 'brand' ? room.brand : group === 'anchor' ? room.anchor : dayOf(order.placedAt);
      add(key, order.currency, room.id, isPaid, units, money.paid, money.refunded);
    }
  }
  return [...lines.values()]
    .map(({ roomIds, ...line }) => ({ ...line, rooms: roomIds.size }))
    .sort((a, b) => (group === 'day' ? a.key.localeCompare(b.key) : b.net - a.net || a.key.localeCompare(b.key)));
}

/** `YYYY-MM-DD` of an instant in the server's time zone. */
function dayOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
