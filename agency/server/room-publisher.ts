import type { Namespace } from 'socket.io';
import type { RoomFigures } from '../../electron/features/agency/domain/room-figures';
import type { RoomAlert } from '../../electron/features/agency/domain/room-status';
import type { AlertItem, ConsoleServerEvents, RoomSummary } from '../shared/console-protocol';
import type { Sql } from './database';
import { readRoom } from './rooms';

/** At most one update of a room to the consoles per this many ms (a room taking 100 orders a second sends 5). */
export const ROOM_UPDATE_MS = 200;

/** The socket.io rooms of the consoles that may see a room: every-room users and the room's brand's viewers. */
export function consoleAudience(brand: string): string[] {
  return ['all', `brand:${brand}`];
}

/** Tells the consoles (on every node, through the adapter) what changed in a room: its figures and status, its alerts. */
export interface RoomPublisher {
  /** A room changed; `figures` says its figures now (null: not computed on this node, keep the stored ones). */
  roomChanged(roomId: string, figures: () => RoomFigures | null): void;
  /** A room's alerts went from `before` to `after`: records raised and cleared ones and tells the consoles. */
  alertsChanged(roomId: string, before: readonly RoomAlert[], after: readonly RoomAlert[]): Promise<void>;
  close(): void;
}

/** A publisher over the console namespace that stores each room's figures as it sends them. */
export function createRoomPublisher(consoles: Namespace<Record<string, never>, ConsoleServerEvents>, sql: Sql): RoomPublisher {
  const pending = new Map<string, { figures: () => RoomFigures | null; timer: NodeJS.Timeout }>();
  let isClosed = false;
  const send = (room: RoomSummary) => consoles.to(consoleAudience(room.brand)).emit('room.update', room);
  const flush = async (roomId: string, figures: () => RoomFigures | null) => {
    const now = figures();
    if (now) await sql.query('UPDATE studios SET figures = $2 WHERE id = $1', [roomId, JSON.stringify(now)]);
    const room = await readRoom(sql, roomId);
    if (room) send(room);
  };
  const key = (a: RoomAlert) => `${a.code}\u0000${a.detail}`;
  return {
    roomChanged(roomId, figures) {
      if (isClosed) return;
      const waiting = pending.get(roomId);
      if (waiting) {
        waiting.figures = figures;
        return;
      }
      const entry = {
        figures,
        timer: setTimeout(() => {
          pending.delete(roomId);
          flush(roomId, entry.figures).catch(() => undefined);
        }, ROOM_UPDATE_MS),
      };
      pending.set(roomId, entry);
    },
    async alertsChanged(roomId, before, after) {
      if (isClosed) return;
      const had = new Set(before.map(key));
      const has = new Set(after.map(key));
      const raised = after.filter((a) => !had.has(key(a)));
      const cleared = before.filter((a) => !has.has(key(a)));
      if (!raised.length && !cleared.length) return;
      const now = Date.now();
      const changed: Array<{ id: number; studio_id: string; code: string; detail: string; raised_at: number; cleared_at: number | null; name: string; brand: string }> = [];
      for (const a of raised) {
        changed.push(
          ...(await sql.query<(typeof changed)[number]>(
            `INSERT INTO alerts (studio_id, code, detail, raised_at) SELECT $1, $2, $3, $4 FROM studios WHERE id = $1
             RETURNING id, studio_id, code, detail, raised_at, cleared_at, (SELECT name FROM studios WHERE id = $1) AS name, (SELECT brand FROM studios WHERE id = $1) AS brand`,
            [roomId, a.code, a.detail, now],
          )),
        );
      }
      for (const a of cleared) {
        changed.push(
          ...(await sql.query<(typeof changed)[number]>(
            `UPDATE alerts SET cleared_at = $4 WHERE studio_id = $1 AND code = $2 AND detail = $3 AND cleared_at IS NULL
             RETURNING id, studio_id, code, detail, raised_at, cleared_at, (SELECT name FROM studios WHERE id = $1) AS name, (SELECT brand FROM studios WHERE id = $1) AS brand`,
            [roomId, a.code, a.detail, now],
          )),
        );
      }
      for (const row of changed) consoles.to(consoleAudience(row.brand)).emit('alert.update', alertItemOf(row));
    },
    close() {
      isClosed = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

/** An alert row as the console's feed shows it. */
export function alertItemOf(row: { id: number; studio_id: string; name: string; code: string; detail: string; raised_at: number; cleared_at: number | null }): AlertItem {
  return {
    id: Number(row.id),
    roomId: row.studio_id,
    roomName: row.name,
    code: row.code as AlertItem['code'],
    detail: row.detail,
    raisedAt: Number(row.raised_at),
    clearedAt: row.cleared_at === null ? null : Number(row.cleared_at),
  };
}
