import { applyOrderEvent, orderKey, type OrderEvent, type OrderState } from '../../electron/features/sales/domain/ledger';
import { roomFiguresOf, type RoomFigures } from '../../electron/features/agency/domain/room-figures';
import type { RoomStatus } from '../../electron/features/agency/domain/room-status';
import type { RoomSummary } from '../shared/console-protocol';
import type { Sql } from './database';

/** A room's row as stored. */
interface StudioRow {
  id: string;
  name: string;
  brand: string;
  anchor: string;
  last_seq: number;
  status: RoomStatus | null;
  figures: RoomFigures | null;
  linked_node: string | null;
  last_seen_at: number | null;
}

/** A room row as the console shows it. */
function summaryOf(row: StudioRow): RoomSummary {
  return {
    id: row.id,
    name: row.name,
    brand: row.brand,
    anchor: row.anchor,
    isLinked: row.linked_node !== null,
    lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
    status: row.status,
    figures: row.figures,
    entries: Number(row.last_seq),
  };
}

const ROOM_COLUMNS = 'id, name, brand, anchor, last_seq, status, figures, linked_node, last_seen_at';

/** Every room a console user may see: all of them, or one brand's. */
export async function readRooms(sql: Sql, brand: string | null): Promise<RoomSummary[]> {
  const rows =
    brand === null
      ? await sql.query<StudioRow>(`SELECT ${ROOM_COLUMNS} FROM studios ORDER BY name, id`)
      : await sql.query<StudioRow>(`SELECT ${ROOM_COLUMNS} FROM studios WHERE brand = $1 ORDER BY name, id`, [brand]);
  return rows.map(summaryOf);
}

/** One room, or null. */
export async function readRoom(sql: Sql, id: string): Promise<RoomSummary | null> {
  const [row] = await sql.query<StudioRow>(`SELECT ${ROOM_COLUMNS} FROM studios WHERE id = $1`, [id]);
  return row ? summaryOf(row) : null;
}

/**
 * The current orders of the rooms linked to this node, replayed from their entries (loaded when a studio links, kept
 * up as its entries arrive): what the room's figures are computed from, by the studio's own rules.
 */
export class LinkedOrders {
  private readonly rooms = new Map<string, Map<string, OrderState>>();

  /** Loads a room's orders from every entry the agency holds for it. */
  async load(sql: Sql, roomId: string): Promise<void> {
    const orders = new Map<string, OrderState>();
    const rows = await sql.query<{ event: OrderEvent }>('SELECT event FROM ledger_entries WHERE studio_id = $1 ORDER BY seq', [roomId]);
    for (const { event } of rows) apply(orders, event);
    this.rooms.set(roomId, orders);
  }

  /** Applies new entries' events to a loaded room. */
  apply(roomId: string, events: readonly OrderEvent[]): void {
    const orders = this.rooms.get(roomId);
    if (orders) for (const event of events) apply(orders, event);
  }

  /** The room's figures now, by the settings its studio reported; null when the room is not loaded here. */
  figures(roomId: string, status: RoomStatus | null, now = Date.now()): RoomFigures | null {
    const orders = this.rooms.get(roomId);
    return orders ? roomFiguresOf(orders.values(), status?.sales ?? null, now) : null;
  }

  /** Forgets a room whose link went away. */
  drop(roomId: string): void {
    this.rooms.delete(roomId);
  }
}

function apply(orders: Map<string, OrderState>, event: OrderEvent): void {
  const key = orderKey(event.platform, event.orderId);
  orders.set(key, applyOrderEvent(orders.get(key), event));
}
