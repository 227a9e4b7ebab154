import { DEFAULT_LEDGER_SETTINGS, REHEARSAL_PLATFORM, type OrderEvent, type OrderState } from '../../electron/features/sales/domain/ledger';
import { deriveTallies, type BucketTally } from '../../electron/features/sales/domain/tallies';
import type { RoomStatus } from '../../electron/features/agency/domain/room-status';
import type { ReportGroup } from '../shared/console-protocol';
import type { Sql } from './database';
import { applyEvent } from './rooms';


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
 * Sales across rooms, grouped, from the entries the agency holds: each room's orders replayed and tallied by the
 * studio's own rules (`deriveTallies`: what counts as paid, refunded, units kept), in the currency its studio reports.
 * Test orders and rehearsal orders are left out. By room, brand and anchor, orders in other currencies get their own
 * lines; by product and by day (the server's time zone, by when orders were placed), the room's currency only.
 */
export async function crossRoomReport(sql: Sql, group: ReportGroup, brand: string | null): Promise<ReportLine[]> {
  const rooms = await sql.query<{ id: string; name: string; brand: string; anchor: string; status: RoomStatus | null }>(
    'SELECT id, name, brand, anchor, status FROM studios WHERE $1::text IS NULL OR brand = $1 ORDER BY name, id',
    [brand],
  );
  const lines = new Map<string, ReportLine & { roomIds: Set<string> }>();
  const add = (key: string, currency: string, roomId: string, b: BucketTally) => {
    const id = `${key}\u0000${currency}`;
    let line = lines.get(id);
    if (!line) lines.set(id, (line = { key, currency, rooms: 0, ordersPaid: 0, units: 0, paid: 0, refunded: 0, net: 0, roomIds: new Set() }));
    line.roomIds.add(roomId);
    line.ordersPaid += b.orders;
    line.units += b.units;
    line.paid += b.paid;
    line.refunded += b.refunded;
    line.net += b.gmv;
  };
  for (const room of rooms) {
    const orders = new Map<string, OrderState>();
    for (const { event } of await sql.query<{ event: OrderEvent }>('SELECT event FROM ledger_entries WHERE studio_id = $1 ORDER BY seq', [room.id])) {
      if (event.platform !== REHEARSAL_PLATFORM) applyEvent(orders, event);
    }
    const t = deriveTallies(orders.values(), [], { ...DEFAULT_LEDGER_SETTINGS, currency: room.status?.sales.currency ?? DEFAULT_LEDGER_SETTINGS.currency });
    if (group === 'product') {
      for (const [sku, b] of Object.entries(t.bySku)) if (b.paid > 0) add(sku, t.currency, room.id, b);
    } else if (group === 'day') {
      for (const [minute, b] of Object.entries(t.byMinute)) if (b.paid > 0) add(dayOf(Number(minute)), t.currency, room.id, b);
    } else {
      const key = group === 'room' ? room.name : group === 'brand' ? room.brand : room.anchor;
      if (t.paidAmount > 0) add(key, t.currency, room.id, { placed: t.placedOrders, orders: t.ordersPaid, paid: t.paidAmount, refunded: t.refundedAmount, gmv: t.gmv, units: t.unitsPaid });
      for (const [currency, b] of Object.entries(t.otherCurrencies)) if (b.paid > 0) add(key, currency, room.id, b);
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
