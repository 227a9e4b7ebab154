import { describe, expect, it } from 'vitest';
import { DEFAULT_LEDGER_SETTINGS, REHEARSAL_PLATFORM } from '../../../../../electron/features/sales/domain/ledger';
import { emptyTallies, type Tallies } from '../../../../../electron/features/sales/domain/tallies';
import type { OrderChange, StockLowEvent, TallyEvent, TallyPatchEvent } from '../../../../../electron/features/sales/protocol/sales-events';
import { formatMoney, parseMoneyInput } from '../../../../../electron/core/domain/money';
import { initialSalesView, minuteSeries, reduceSalesView, stockAlerts, type SalesViewEvent, type SalesViewState } from '../../../../../renderer/src/features/sales/sales-view';

const change = (orderId: string) => ({ platform: 'douyin', orderId, status: 'paid' as const, previousStatus: null, total: 1999, refunded: 0, previousRefunded: 0, currency: 'CNY', skus: ['TEA'], placedAt: 0, test: false });
const event = (seq: number, orderIds: string[] = []): TallyEvent => ({
  seq,
  at: seq,
  tallies: { ...emptyTallies(), ordersPaid: seq },
  changes: orderIds.map(change),
  changedCount: orderIds.length,
  chain: { entries: seq, head: 'h' },
});

describe('sales view', () => {
  it('takes the resync snapshot without flashing, then only newer events, flashing their orders', () => {
    let s = reduceSalesView(initialSalesView(), { type: 'tally', event: event(5, ['old']) });
    expect(s.latest?.seq).toBe(5);
    expect(s.recent).toEqual([]);
    s = reduceSalesView(s, { type: 'tally', event: event(6, ['a', 'b']) });
    expect(s.recent.map((r) => r.change.orderId)).toEqual(['b', 'a']);
    expect(reduceSalesView(s, { type: 'tally', event: event(6, ['dup']) })).toBe(s);
    expect(reduceSalesView(s, { type: 'tally', event: event(4) })).toBe(s);
  });

  it('after a reconnect accepts the hub snapshot even with a lower seq (restored hub)', () => {
    let s = reduceSalesView(initialSalesView(), { type: 'tally', event: event(9) });
    s = reduceSalesView(s, { type: 'reconnected' });
    s = reduceSalesView(s, { type: 'tally', event: event(2) });
    expect(s.latest?.seq).toBe(2);
    expect(s.isAwaitingResync).toBe(false);
  });

  it('applies a patch on the event it holds (flashing its orders), ignores one before the snapshot, and resyncs on a gap', () => {
    type Patch = TallyPatchEvent['patch'];
    const patchTo = (seq: number, baseSeq: number, orderIds: string[], changed: Partial<Patch>): TallyPatchEvent => {
      const { tallies: whole, ...rest } = event(seq, orderIds);
      const none = { bySku: {}, byPlatform: {}, bySegment: {}, byMinute: {}, otherCurrencies: {}, stock: {} };
      return { ...rest, baseSeq, patch: { ...whole, ...none, ...changed } };
    };
    const sold = { placed: 1, orders: 1, paid: 1999, refunded: 0, gmv: 1999, units: 1 };
    // Before the hub's snapshot (just connected) a patch has nothing to apply to.
    let s = reduceSalesView(initialSalesView(), { type: 'tallyPatch', event: patchTo(6, 5, ['a'], {}) });
    expect(s.latest).toBeNull();
    s = reduceSalesView(s, { type: 'tally', event: { ...event(5), tallies: { ...emptyTallies(), bySku: { TEA: { ...sold, unitsTaken: 1 }, CUP: { ...sold, unitsTaken: 1 } } } } });
    s = reduceSalesView(s, { type: 'tallyPatch', event: patchTo(7, 5, ['a', 'b'], { gmv: 5_997, bySku: { TEA: { ...sold, units: 2, unitsTaken: 2 }, CUP: null } }) });
    expect(s.latest?.seq).toBe(7);
    expect(s.latest?.tallies.gmv).toBe(5_997);
    expect(s.latest?.tallies.bySku).toEqual({ TEA: { ...sold, units: 2, unitsTaken: 2 } });
    expect(s.recent.map((r) => r.change.orderId)).toEqual(['b', 'a']);
    // Repeated, or made on an event this window never had: left alone, then the next whole event is taken as it is.
    expect(reduceSalesView(s, { type: 'tallyPatch', event: patchTo(7, 5, ['c'], {}) })).toBe(s);
    s = reduceSalesView(s, { type: 'tallyPatch', event: patchTo(10, 9, ['d'], { gmv: 1 }) });
    expect(s.latest?.seq).toBe(7);
    expect(s.isAwaitingResync).toBe(true);
    s = reduceSalesView(s, { type: 'tally', event: event(11) });
    expect(s.latest?.seq).toBe(11);
    expect(s.isAwaitingResync).toBe(false);
  });

  it('keeps low-stock alerts once per SKU until dismissed', () => {
    let s = reduceSalesView(initialSalesView(), { type: 'stockLow', alert: { sku: 'TEA', left: 2, lowAt: 3, at: 1 } });
    s = reduceSalesView(s, { type: 'stockLow', alert: { sku: 'TEA', left: 1, lowAt: 3, at: 2 } });
    expect(s.lowStock).toEqual([{ sku: 'TEA', left: 1, lowAt: 3, at: 2 }]);
    expect(reduceSalesView(s, { type: 'dismissStock', sku: 'TEA' }).lowStock).toEqual([]);
  });

  it('zero-fills the per-minute series up to the given minute', () => {
    const m = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
    const sold = { placed: 4, orders: 3, paid: 12, refunded: 2, gmv: 10, units: 4 };
    const none = { placed: 0, orders: 0, paid: 0, refunded: 0, gmv: 0, units: 0 };
    const series = minuteSeries({ [String(m)]: sold }, m + 59_999, 3);
    expect(series).toEqual([
      { minute: m - 120_000, ...none },
      { minute: m - 60_000, ...none },
      { minute: m, ...sold },
    ]);
  });

  it('formats minor units exactly, in the currency and the language', () => {
    expect(formatMoney(123_456_789, 'CNY', 'en')).toBe('CN¥1,234,567.89');
    expect(formatMoney(123_456_789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMoney(-5, 'USD', 'en')).toBe('-$0.05');
    // 2^53 - 1 minor units: a float division would round the last digit.
    expect(formatMoney(9_007_199_254_740_991, 'USD', 'en')).toBe('$90,071,992,547,409.91');
  });

  it('parses a typed price into minor units without floats', () => {
    expect(parseMoneyInput('128', 'CNY')).toBe(12_800);
    expect(parseMoneyInput(' 1,280.5 ', 'CNY')).toBe(128_050);
    expect(parseMoneyInput('0.07', 'USD')).toBe(7);
    expect(parseMoneyInput('500', 'JPY')).toBe(500);
    for (const bad of ['', '-1', '1.234', '1e3', 'abc', '5.5'.replace('5.5', '5.5.5')]) expect(parseMoneyInput(bad, 'CNY')).toBeNull();
    expect(parseMoneyInput('5.5', 'JPY')).toBeNull();
  });
});

const T0 = 1_764_000_000_000;

function tallies(patch: Partial<Tallies> = {}): Tallies {
  return { ...emptyTallies(DEFAULT_LEDGER_SETTINGS), ...patch };
}

function changeOf(orderId: string, platform: string, placedAt: number): OrderChange {
  return { platform, orderId, status: 'paid', previousStatus: 'created', total: 12_800, refunded: 0, previousRefunded: 0, currency: 'CNY', skus: ['TEA-1'], placedAt, test: false };
}

let seq = 0;
/** A tally event committed at `at` (hub time, increasing like the hub's). */
function tally(t: Tallies, changes: OrderChange[] = [], at = T0 + seq): SalesViewEvent {
  seq += 1;
  const event: TallyEvent = { seq, at, tallies: t, changes, changedCount: changes.length, chain: { entries: seq, head: 'h' } };
  return { type: 'tally', event };
}

const low = (sku: string, left: number, at: number): SalesViewEvent => ({ type: 'stockLow', alert: { sku, left, lowAt: 2, at } satisfies StockLowEvent });

function run(events: SalesViewEvent[], from: SalesViewState = initialSalesView()): SalesViewState {
  return events.reduce(reduceSalesView, from);
}

const lowStock = { 'TEA-1': { initial: 12, left: -1, lowAt: 2, isLow: true } };
const restocked = { 'TEA-1': { initial: 12, left: 12, lowAt: 2, isLow: false } };

describe('sales view across going live (issue #21)', () => {
  it('drops rehearsal orders from the latest orders once the rehearsal is cleared, and lists no late ones', () => {
    const rehearsing = run([
      tally(tallies()),
      tally(tallies({ rehearsal: { orders: 2, clearedAt: null } }), [changeOf('sim-1', REHEARSAL_PLATFORM, T0 + 10), changeOf('sim-2', REHEARSAL_PLATFORM, T0 + 20)]),
      tally(tallies({ rehearsal: { orders: 2, clearedAt: null } }), [changeOf('real-1', 'douyin', T0 + 30)]),
    ]);
    expect(rehearsing.recent.map((r) => r.change.orderId)).toEqual(['real-1', 'sim-2', 'sim-1']);

    // Going live clears the rehearsal at T0 + 100: its orders leave the list, the real one stays.
    const live = run([tally(tallies({ rehearsal: { orders: 0, clearedAt: T0 + 100 } }))], rehearsing);
    expect(live.recent.map((r) => r.change.orderId)).toEqual(['real-1']);
    // A rehearsal post still in flight lands after the clearing: it does not count, so it is not listed.
    const late = run([tally(tallies({ rehearsal: { orders: 0, clearedAt: T0 + 100 } }), [changeOf('sim-3', REHEARSAL_PLATFORM, T0 + 90)])], live);
    expect(late.recent.map((r) => r.change.orderId)).toEqual(['real-1']);
  });

  it('drops orders of an earlier show when a new show starts', () => {
    const before = run([tally(tallies()), tally(tallies(), [changeOf('old', 'douyin', T0 + 10)])]);
    const after = run([tally(tallies({ showStartedAt: T0 + 50 }), [changeOf('new', 'douyin', T0 + 60)])], before);
    expect(after.recent.map((r) => r.change.orderId)).toEqual(['new']);
  });

  it('drops low-stock alerts raised in rehearsal once it is cleared, and any alert whose product is no longer low', () => {
    const rehearsal = { orders: 13, clearedAt: null };
    const rehearsing = run([tally(tallies({ stock: lowStock, rehearsal }), [], T0 + 10), low('TEA-1', -1, T0 + 10)]);
    expect(stockAlerts(rehearsing)).toEqual([{ sku: 'TEA-1', left: -1, lowAt: 2, at: T0 + 10 }]);
    // Going live at T0 + 100 clears the rehearsal and its stock comes back.
    const cleared = { orders: 0, clearedAt: T0 + 100 };
    const live = run([tally(tallies({ stock: restocked, rehearsal: cleared }), [], T0 + 100)], rehearsing);
    expect(stockAlerts(live)).toEqual([]);

    // A real alert during the show stays while the product is low, with the stock the ledger shows now.
    const real = run(
      [
        low('TEA-1', 2, T0 + 200),
        tally(tallies({ stock: { 'TEA-1': { initial: 12, left: 2, lowAt: 2, isLow: true } }, rehearsal: cleared }), [], T0 + 200),
        tally(tallies({ stock: { 'TEA-1': { initial: 12, left: 1, lowAt: 2, isLow: true } }, rehearsal: cleared }), [], T0 + 250),
      ],
      live,
    );
    expect(stockAlerts(real)).toEqual([{ sku: 'TEA-1', left: 1, lowAt: 2, at: T0 + 200 }]);
    // The producer raises the stock: the alert is over.
    expect(stockAlerts(run([tally(tallies({ stock: restocked, rehearsal: cleared }), [], T0 + 300)], real))).toEqual([]);
  });

  it('keeps an alert that arrives before the (throttled) tally event that made the product low', () => {
    const state = run([tally(tallies({ stock: restocked }), [], T0 + 5), low('TEA-1', 2, T0 + 10)]);
    expect(stockAlerts(state)).toEqual([{ sku: 'TEA-1', left: 2, lowAt: 2, at: T0 + 10 }]);
  });
});
