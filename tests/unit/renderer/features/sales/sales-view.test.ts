import { describe, expect, it } from 'vitest';
import { emptyTallies } from '../../../../../electron/features/sales/domain/ledger';
import type { TallyEvent } from '../../../../../electron/features/sales/protocol/sales-events';
import { formatMoney, parseMoneyInput } from '../../../../../electron/core/domain/money';
import { initialSalesView, minuteSeries, reduceSalesView } from '../../../../../renderer/src/features/sales/sales-view';

const change = (orderId: string) => ({ platform: 'douyin', orderId, status: 'paid' as const, previousStatus: null, total: 1999, currency: 'CNY', skus: ['TEA'], placedAt: 0 });
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

  it('keeps low-stock alerts once per SKU until dismissed', () => {
    let s = reduceSalesView(initialSalesView(), { type: 'stockLow', alert: { sku: 'TEA', left: 2, lowAt: 3 } });
    s = reduceSalesView(s, { type: 'stockLow', alert: { sku: 'TEA', left: 1, lowAt: 3 } });
    expect(s.lowStock).toEqual([{ sku: 'TEA', left: 1, lowAt: 3 }]);
    expect(reduceSalesView(s, { type: 'dismissStock', sku: 'TEA' }).lowStock).toEqual([]);
  });

  it('zero-fills the per-minute series up to the given minute', () => {
    const m = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
    const series = minuteSeries({ [String(m)]: { orders: 3, gmv: 10, units: 4 } }, m + 59_999, 3);
    expect(series).toEqual([
      { minute: m - 120_000, orders: 0, gmv: 0, units: 0 },
      { minute: m - 60_000, orders: 0, gmv: 0, units: 0 },
      { minute: m, orders: 3, gmv: 10, units: 4 },
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
