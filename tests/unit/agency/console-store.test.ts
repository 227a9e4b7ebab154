import { describe, expect, it } from 'vitest';
import type { AlertItem, ConsoleSnapshot, RoomSummary } from '../../../agency/shared/console-protocol';
import type { RoomStatus } from '../../../electron/features/agency/domain/room-status';
import type { RoomFigures } from '../../../electron/features/agency/domain/room-figures';
import {
  applyAlertUpdate,
  applyRoomUpdate,
  applySnapshot,
  createConsoleStore,
  MAX_FEED_ALERTS,
  reduceConnection,
  type ConnectionState,
} from '../../../agency/console/src/console-store';
import { agoOf, formatClock, formatCount, formatMoney, formatMoneyList, groupThousands } from '../../../agency/console/src/format';
import { defaultLanguage, translate } from '../../../agency/console/src/i18n';
import { en } from '../../../agency/console/src/messages-en';
import { zhCN } from '../../../agency/console/src/messages-zh-cn';
import { parseRoute, routeHash } from '../../../agency/console/src/route';
import { tokenFromFragment, tokenFromInput } from '../../../agency/console/src/session';
import { filterRooms, minuteBars, roomBadgeOf, sortRooms, topProducts, wallTotals } from '../../../agency/console/src/wall-view';

/** The agency console's pure parts: how the store follows the node's events, the wall's order and totals, formatting. */

const status = (over: Partial<RoomStatus> = {}): RoomStatus => ({
  at: 1_000,
  title: 'Spring sale',
  phase: 'live',
  liveSince: 500,
  cue: { id: 'c1', label: 'Lipstick' },
  cues: [{ id: 'c1', label: 'Lipstick' }],
  obs: 'connected',
  destinations: [{ name: 'Douyin', platform: 'douyin', status: 'live' }],
  alerts: [],
  openQuestions: { count: 0, newest: [] },
  sales: { currency: 'CNY', showStartedAt: null, rehearsalClearedAt: null },
  ...over,
});

const figures = (gmv: number, currency = 'CNY', over: Partial<RoomFigures> = {}): RoomFigures => ({
  currency,
  gmv,
  paidAmount: gmv,
  refundedAmount: 0,
  ordersPaid: 1,
  placedOrders: 1,
  ordersLastMinute: 0,
  byMinute: {},
  bySku: {},
  ...over,
});

const room = (id: string, over: Partial<RoomSummary> = {}): RoomSummary => ({
  id,
  name: `Room ${id}`,
  brand: 'Acme',
  anchor: 'Lin',
  isLinked: true,
  lastSeenAt: 1_000,
  status: status(),
  figures: figures(0),
  entries: 0,
  ...over,
});

const alert = (id: number, raisedAt: number, over: Partial<AlertItem> = {}): AlertItem => ({
  id,
  roomId: 'r1',
  roomName: 'Room r1',
  code: 'obs-down',
  detail: 'error',
  raisedAt,
  clearedAt: null,
  ...over,
});

const snapshot = (over: Partial<ConsoleSnapshot> = {}): ConsoleSnapshot => ({
  me: { role: 'admin', name: 'Boss', brand: null },
  agencyName: 'Star MCN',
  rooms: [room('r1'), room('r2')],
  alerts: [alert(1, 100), alert(3, 300), alert(2, 300)],
  ...over,
});

/** A Storage-like map for zustand's persist (the store keeps the language in it). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('console store: following the node', () => {
  it('a snapshot replaces everything and orders the alerts newest first (id breaks ties)', () => {
    const data = applySnapshot(snapshot());
    expect(data.agencyName).toBe('Star MCN');
    expect(data.me?.role).toBe('admin');
    expect(data.rooms.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(data.alerts.map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it('a room update replaces the room with the same id and adds a new room', () => {
    const rooms = [room('r1'), room('r2')];
    const updated = applyRoomUpdate(rooms, room('r2', { name: 'Renamed', entries: 9 }));
    expect(updated.map((r) => [r.id, r.name])).toEqual([
      ['r1', 'Room r1'],
      ['r2', 'Renamed'],
    ]);
    expect(rooms[1]!.name).toBe('Room r2');
    expect(applyRoomUpdate(rooms, room('r3')).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('an alert update with clearedAt clears the same id in place; a new alert goes by its time', () => {
    const feed = applySnapshot(snapshot()).alerts;
    const cleared = applyAlertUpdate(feed, alert(2, 300, { clearedAt: 400 }));
    expect(cleared.map((a) => [a.id, a.clearedAt])).toEqual([
      [3, null],
      [2, 400],
      [1, null],
    ]);
    expect(applyAlertUpdate(cleared, alert(4, 500)).map((a) => a.id)).toEqual([4, 3, 2, 1]);
    expect(applyAlertUpdate(cleared, alert(5, 50)).map((a) => a.id)).toEqual([3, 2, 1, 5]);
  });

  it('the feed stays bounded, dropping the oldest', () => {
    let feed: AlertItem[] = [];
    for (let i = 1; i <= MAX_FEED_ALERTS + 5; i++) feed = applyAlertUpdate(feed, alert(i, i * 10));
    expect(feed).toHaveLength(MAX_FEED_ALERTS);
    expect(feed[0]!.id).toBe(MAX_FEED_ALERTS + 5);
    expect(feed.at(-1)!.id).toBe(6);
  });

  it('the link: a drop while online is "reconnecting", before it stays "connecting"; a refusal keeps the sentence', () => {
    const connecting: ConnectionState = { phase: 'connecting', message: null };
    expect(reduceConnection(connecting, { type: 'dropped' })).toEqual(connecting);
    const online = reduceConnection(connecting, { type: 'online' });
    expect(reduceConnection(online, { type: 'dropped' }).phase).toBe('reconnecting');
    const refused = reduceConnection(online, { type: 'refused', message: 'This sign-in link is not valid.' });
    expect(refused).toEqual({ phase: 'refused', message: 'This sign-in link is not valid.' });
    expect(reduceConnection(refused, { type: 'dropped' })).toEqual(refused);
    expect(reduceConnection(refused, { type: 'connecting' })).toEqual(connecting);
  });

  it('the store: snapshot, updates, and a sign-out that forgets the rooms but keeps the language', () => {
    const storage = memoryStorage();
    const store = createConsoleStore({ storage, browserLanguages: ['zh-CN', 'en'] });
    const s = () => store.getState();
    expect(s().language).toBe('zh-CN');
    s().onConnection({ type: 'connecting' });
    s().onSnapshot(snapshot());
    expect(s().connection.phase).toBe('online');
    s().onRoomUpdate(room('r1', { isLinked: false }));
    s().onAlertUpdate(alert(3, 300, { clearedAt: 301 }));
    expect(s().rooms.find((r) => r.id === 'r1')!.isLinked).toBe(false);
    expect(s().alerts[0]!.clearedAt).toBe(301);
    s().setLanguage('en');
    s().onConnection({ type: 'signed-out' });
    expect(s().rooms).toEqual([]);
    expect(s().me).toBeNull();
    expect(s().language).toBe('en');
    expect(JSON.parse(storage.items.get('anchor-agency.console.settings')!)).toMatchObject({ state: { language: 'en' } });
    expect(createConsoleStore({ storage, browserLanguages: ['zh-CN'] }).getState().language).toBe('en');
  });
});

describe('console wall: badge, filter, order, totals', () => {
  it('offline wins over the last status; a linked room without a status is in rehearsal', () => {
    expect(roomBadgeOf(room('a'))).toBe('live');
    expect(roomBadgeOf(room('a', { isLinked: false }))).toBe('offline');
    expect(roomBadgeOf(room('a', { status: status({ phase: 'ended' }) }))).toBe('ended');
    expect(roomBadgeOf(room('a', { status: null }))).toBe('rehearsal');
  });

  it('filters by name, brand or anchor, case-insensitively', () => {
    const rooms = [room('a', { name: 'Beauty 1', brand: 'Glow' }), room('b', { anchor: '李佳' }), room('c')];
    expect(filterRooms(rooms, 'glow').map((r) => r.id)).toEqual(['a']);
    expect(filterRooms(rooms, '李').map((r) => r.id)).toEqual(['b']);
    expect(filterRooms(rooms, '  ')).toHaveLength(3);
  });

  it('sorts live rooms first, then by GMV, then by name', () => {
    const rooms = [
      room('ended-rich', { name: 'A', status: status({ phase: 'ended' }), figures: figures(9_000) }),
      room('live-poor', { name: 'B', figures: figures(100) }),
      room('offline-live', { name: 'C', isLinked: false, figures: figures(50_000) }),
      room('live-rich', { name: 'D', figures: figures(5_000) }),
      room('none', { name: 'E', figures: null, status: null }),
    ];
    expect(sortRooms(rooms).map((r) => r.id)).toEqual(['live-rich', 'live-poor', 'offline-live', 'ended-rich', 'none']);
  });

  it('totals GMV per currency and counts live and linked rooms', () => {
    const totals = wallTotals([room('a', { figures: figures(100) }), room('b', { figures: figures(250) }), room('c', { figures: figures(99, 'USD'), isLinked: false }), room('d', { figures: null, status: status({ phase: 'rehearsal' }) })]);
    expect([...totals.gmvByCurrency]).toEqual([
      ['CNY', 350],
      ['USD', 99],
    ]);
    expect(totals.liveRooms).toBe(2);
    expect(totals.linkedRooms).toBe(3);
  });

  it('minute bars fill quiet minutes with zeros and keep the last span', () => {
    const m = 60_000 * 1_000;
    const bucket = (gmv: number, orders: number) => ({ placed: orders, orders, paid: gmv, refunded: 0, gmv, units: orders });
    expect(minuteBars({ [m]: bucket(100, 1), [m + 180_000]: bucket(300, 2) }).map((b) => [b.minute - m, b.gmv, b.orders])).toEqual([
      [0, 100, 1],
      [60_000, 0, 0],
      [120_000, 0, 0],
      [180_000, 300, 2],
    ]);
    expect(minuteBars({ [m]: bucket(1, 1), [m + 600_000]: bucket(2, 1) }, 3).map((b) => b.minute - m)).toEqual([480_000, 540_000, 600_000]);
    expect(minuteBars({})).toEqual([]);
  });

  it('top products by GMV, then units', () => {
    expect(topProducts({ a: { units: 1, gmv: 100 }, b: { units: 5, gmv: 300 }, c: { units: 9, gmv: 100 } }, 2).map((p) => p.sku)).toEqual(['b', 'c']);
  });
});

describe('console formatting', () => {
  it('money from minor units with the currency: ¥ and $, other codes spelled out, no float on the way', () => {
    expect(formatMoney(123_456, 'CNY')).toBe('¥1,234.56');
    expect(formatMoney(99, 'USD')).toBe('$0.99');
    expect(formatMoney(-1_250, 'CNY')).toBe('-¥12.50');
    expect(formatMoney(120_000, 'EUR')).toBe('EUR 1,200.00');
    expect(formatMoney(1_500, 'JPY')).toBe('JPY 1,500');
    expect(formatMoney(900_719_925_474_099, 'CNY')).toBe('¥9,007,199,254,740.99');
    expect(formatMoney(5, 'not a code')).toBe('not a code 0.05');
  });

  it('counts with thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-4_321)).toBe('-4,321');
    expect(groupThousands('100')).toBe('100');
  });

  it('money per currency on one line, or the placeholder', () => {
    expect(formatMoneyList(new Map([['USD', 100], ['CNY', 250_000]]), '—')).toBe('¥2,500.00 · $1.00');
    expect(formatMoneyList(new Map(), '—')).toBe('—');
  });

  it('how long ago, and a 24-hour clock', () => {
    expect(agoOf(0, 59_000)).toEqual({ unit: 'now' });
    expect(agoOf(0, 5 * 60_000)).toEqual({ unit: 'minutes', count: 5 });
    expect(agoOf(0, 3 * 3_600_000)).toEqual({ unit: 'hours', count: 3 });
    expect(agoOf(0, 3 * 86_400_000)).toEqual({ unit: 'days', count: 3 });
    expect(agoOf(10_000, 0)).toEqual({ unit: 'now' });
    expect(formatClock(new Date(2026, 0, 2, 14, 5).getTime(), 'en')).toBe('14:05');
  });
});

describe('console language, sign-in token and routes', () => {
  it('both catalogs have the same keys and the same placeholders', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(holes(zhCN[key]), key).toEqual(holes(en[key]));
    expect(translate('zh-CN', 'card.alerts', { count: 3 })).toBe('3 条告警');
    expect(defaultLanguage(['en-US', 'zh-TW'])).toBe('zh-CN');
    expect(defaultLanguage(['fr'])).toBe('en');
  });

  it('takes the token from a fragment or a pasted link', () => {
    expect(tokenFromFragment('#token=agt_abc')).toBe('agt_abc');
    expect(tokenFromFragment('#room/x')).toBeNull();
    expect(tokenFromInput('  agt_abc ')).toBe('agt_abc');
    expect(tokenFromInput('http://127.0.0.1:7400/#token=agt_xyz')).toBe('agt_xyz');
    expect(tokenFromInput('')).toBeNull();
  });

  it('routes: wall, room and admin, and back to their fragments', () => {
    expect(parseRoute('')).toEqual({ view: 'wall' });
    expect(parseRoute('#admin')).toEqual({ view: 'admin' });
    expect(parseRoute('#room/a%2Fb')).toEqual({ view: 'room', roomId: 'a/b' });
    expect(parseRoute('#room/%E0%A4%A')).toEqual({ view: 'wall' });
    expect(routeHash({ view: 'room', roomId: 'a/b' })).toBe('#room/a%2Fb');
    expect(routeHash({ view: 'wall' })).toBe('');
  });
});
