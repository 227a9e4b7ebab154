import type { RoomSummary } from '../../shared/console-protocol';

/** What a room's badge says: its show's phase, or offline when its studio is not linked now. */
export type RoomBadge = 'live' | 'rehearsal' | 'ended' | 'offline';

/** The badge of a room. A studio that dropped keeps its last status, so "offline" wins over a stale "live". */
export function roomBadgeOf(room: RoomSummary): RoomBadge {
  if (!room.isLinked) return 'offline';
  return room.status?.phase ?? 'rehearsal';
}

/** True when the room is on air right now (linked and live). */
export function isOnAir(room: RoomSummary): boolean {
  return roomBadgeOf(room) === 'live';
}

/** The rooms whose name, brand or anchor contains the text (case-insensitive; blank keeps them all). */
export function filterRooms(rooms: readonly RoomSummary[], text: string): RoomSummary[] {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return [...rooms];
  return rooms.filter((r) => [r.name, r.brand, r.anchor].some((field) => field.toLocaleLowerCase().includes(needle)));
}

/** The wall's order: rooms on air first, then by net GMV (highest first), then by name, so cards do not jump at random. */
export function sortRooms(rooms: readonly RoomSummary[]): RoomSummary[] {
  return [...rooms].sort(
    (a, b) => Number(isOnAir(b)) - Number(isOnAir(a)) || (b.figures?.gmv ?? 0) - (a.figures?.gmv ?? 0) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** The header's totals over the rooms shown. */
export interface WallTotals {
  /** Net GMV per currency (rooms in different currencies are never added together). */
  gmvByCurrency: Map<string, number>;
  liveRooms: number;
  linkedRooms: number;
}

/** Totals over the given rooms. */
export function wallTotals(rooms: readonly RoomSummary[]): WallTotals {
  const gmvByCurrency = new Map<string, number>();
  for (const r of rooms) if (r.figures) gmvByCurrency.set(r.figures.currency, (gmvByCurrency.get(r.figures.currency) ?? 0) + r.figures.gmv);
  return { gmvByCurrency, liveRooms: rooms.filter(isOnAir).length, linkedRooms: rooms.filter((r) => r.isLinked).length };
}

/** One minute of a room's sales chart. */
export interface MinuteBar {
  minute: number;
  gmv: number;
  orders: number;
}

/**
 * The room's last `span` minutes of sales as bars, the minutes without sales filled with zeros (so a quiet spell
 * shows as a gap, not as bars squeezed together). Ends at the latest minute with sales.
 */
export function minuteBars(byMinute: Readonly<Record<string, { gmv: number; orders: number }>>, span = 60): MinuteBar[] {
  const minutes = Object.keys(byMinute)
    .map(Number)
    .filter(Number.isFinite);
  if (!minutes.length) return [];
  const last = Math.max(...minutes);
  const first = Math.max(Math.min(...minutes), last - (span - 1) * 60_000);
  const bars: MinuteBar[] = [];
  for (let m = first; m <= last; m += 60_000) {
    const bucket = byMinute[String(m)];
    bars.push({ minute: m, gmv: bucket?.gmv ?? 0, orders: bucket?.orders ?? 0 });
  }
  return bars;
}

/** The room's products by net GMV, highest first (units break ties), at most `limit`. */
export function topProducts(bySku: Readonly<Record<string, { units: number; gmv: number }>>, limit = 10): Array<{ sku: string; units: number; gmv: number }> {
  return Object.entries(bySku)
    .map(([sku, t]) => ({ sku, units: t.units, gmv: t.gmv }))
    .sort((a, b) => b.gmv - a.gmv || b.units - a.units || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}
