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

/** A linked studio sends its status at least every 10 s; three missed means it is gone. */
export const LINK_SILENCE_MS = 30_000;

/** A room row as the console shows it. */
function summaryOf(row: StudioRow): RoomSummary {
  return {
    id: row.id,
    name: row.name,
    brand: row.brand,
    anchor: row.anchor,
    // A node that died leaves its rooms marked; a studio not heard from for a while is offline whatever they say.
    isLinked: row.linked_node !== null && row.last_seen_at !== null && Date.now() - Number(row.last_seen_at) < LINK_SILENCE_MS,
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
  private readonly rooms = new Map<string, { orders: Map<string, OrderState>; lastSeq: number }>();

  /** Loads a room's orders from every entry the agency holds for it. */
  async load(sql: Sql, roomId: string): Promise<void> {
    const room = { orders: new Map<string, OrderState>(), lastSeq: 0 };
    this.rooms.set(roomId, room);
    await this.catchUp(sql, roomId, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Applies the room's stored entries after the last one applied, up to `seq`: each entry exactly once (a refund
   * applied twice would count twice), whichever connection stored it. `stored`, the entries this connection just
   * stored, are applied from memory when they follow on; only what another connection stored is read back.
   */
  async catchUp(sql: Sql, roomId: string, seq: number, stored: readonly RoomEntry[] = []): Promise<void> {
    const room = this.rooms.get(roomId);
    if (!room || room.lastSeq >= seq) return;
    applyInOrder(room, stored);
    if (room.lastSeq >= seq) return;
    const rows = await sql.query<RoomEntry>('SELECT seq, event FROM ledger_entries WHERE studio_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [
      roomId,
      room.lastSeq,
      seq,
    ]);
    applyInOrder(room, rows);
  }

  /** The room's figures now, by the settings its studio reported; null when the room is not loaded here. */
  figures(roomId: string, status: RoomStatus | null, now = Date.now()): RoomFigures | null {
    const room = this.rooms.get(roomId);
    return room ? roomFiguresOf(room.orders.values(), status?.sales ?? null, now) : null;
  }

  /** Forgets a room whose link went away. */
  drop(roomId: string): void {
    this.rooms.delete(roomId);
  }
}

/** A room's entry as far as its orders go. */
type RoomEntry = { seq: number; event: OrderEvent };

/** Applies entries that follow the room's last one, in order; stops at a gap (the next catch-up starts from there). */
function applyInOrder(room: { orders: Map<string, OrderState>; lastSeq: number }, entries: readonly RoomEntry[]): void {
  for (const { seq, event } of entries) {
    if (Number(seq) !== room.lastSeq + 1) break;
    applyEvent(room.orders, event);
    room.lastSeq = Number(seq);
  }
}

/** Applies one entry's event to the orders it changes (the ledger's own rule). */
export function applyEvent(orders: Map<string, OrderState>, event: OrderEvent): void {
  const key = orderKey(event.platform, event.orderId);
  orders.set(key, applyOrderEvent(orders.get(key), event));
}
