import { describe, expect, it } from 'vitest';
import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, type OrderEvent, type OrderState } from '../../../../../electron/features/sales/domain/ledger';
import { deriveWindowTallies } from '../../../../../electron/features/sales/domain/tallies';
import { buildShowSummary, SUMMARY_TOP_PRODUCTS, summaryProductName } from '../../../../../electron/features/sales/domain/show-summary';
import { reportFileName } from '../../../../../electron/features/sales/domain/report-files';
import { chatWithinSpan } from '../../../../../electron/features/sales/domain/show-timeline';

const T0 = Date.UTC(2026, 11, 4, 12, 0);
const min = (n: number) => T0 + n * 60_000;

/** Current order states after applying the events in order. */
function states(events: OrderEvent[]): OrderState[] {
  const byOrder = new Map<string, OrderState>();
  for (const e of events) byOrder.set(e.orderId, applyOrderEvent(byOrder.get(e.orderId), e));
  return [...byOrder.values()];
}

const paid = (id: string, at: number, sku: string, quantity: number, unitPrice: number): OrderEvent => ({
  eventId: `${id}-paid`,
  orderId: id,
  platform: 'douyin',
  status: 'paid',
  occurredAt: at,
  currency: 'CNY',
  items: [{ sku, quantity, unitPrice }],
});

describe('post-show summary (issue #21)', () => {
  const onAir = { from: min(10), to: min(70) };
  const events: OrderEvent[] = [
    paid('rehearsal', min(5), 'POT-1', 1, 29_900), // before going live: not the show's
    paid('a', min(10), 'POT-1', 2, 29_900), // the instant it went live counts
    paid('b', min(20), 'CUP-2', 4, 1_250),
    paid('c', min(30), 'TRAY', 1, 8_800),
    { ...paid('c', min(40), 'TRAY', 1, 8_800), eventId: 'c-refunded', status: 'refunded' }, // refunded on air
    paid('d', min(70), 'CUP-2', 1, 1_250), // the instant it ended counts
    paid('late', min(71), 'POT-1', 5, 29_900), // after the end: not the show's
  ];
  const tallies = deriveWindowTallies(states(events), [], DEFAULT_LEDGER_SETTINGS, onAir);
  const names = (sku: string) => (sku === 'POT-1' ? { zh: '紫砂壶', en: 'Clay teapot' } : sku === 'CUP-2' ? { zh: '', en: 'Cups' } : null);
  const summary = buildShowSummary({
    showTitle: '秋季茶具专场',
    onAir: { startedAt: onAir.from, endedAt: onAir.to },
    tallies,
    names,
    chat: { byKind: { comment: 40, like: 100, orderPlaced: 4, orderPaid: 3 }, total: 140, questions: 9 },
  });

  it('counts the orders placed on air only, net of refunds, with the refunds beside it', () => {
    expect(summary.gmv).toBe(2 * 29_900 + 5 * 1_250);
    expect(summary.gmvBeforeRefunds).toBe(2 * 29_900 + 5 * 1_250 + 8_800);
    expect(summary.refunds).toEqual({ orders: 1, amount: 8_800 });
    expect(summary.ordersPaid).toBe(3);
    expect(summary.unitsPaid).toBe(7);
    expect(summary.currency).toBe('CNY');
    expect(summary.onAir).toEqual({ startedAt: min(10), endedAt: min(70) });
    expect(summary.chat).toEqual({ messages: 140, comments: 40, questions: 9, orderSignals: { placed: 4, paid: 3 } });
  });

  it('lists the best sellers by GMV with their catalog names; a refunded-only product is not a best seller', () => {
    expect(summary.topProducts.map((p) => [p.sku, p.units, p.gmv])).toEqual([
      ['POT-1', 2, 59_800],
      ['CUP-2', 5, 6_250],
    ]);
    expect(summaryProductName(summary.topProducts[0]!, 'zh')).toBe('紫砂壶');
    expect(summaryProductName(summary.topProducts[0]!, 'en')).toBe('Clay teapot');
    // A missing name falls back to the other language, then to the SKU.
    expect(summaryProductName(summary.topProducts[1]!, 'zh')).toBe('Cups');
    expect(summaryProductName({ sku: 'TRAY', names: null }, 'en')).toBe('TRAY');
  });

  it('keeps the list short', () => {
    const many = states(Array.from({ length: 9 }, (_, i) => paid(`o${i}`, min(15), `SKU-${i}`, 1, 100 * (i + 1))));
    const top = buildShowSummary({
      showTitle: 't',
      onAir: { startedAt: onAir.from, endedAt: onAir.to },
      tallies: deriveWindowTallies(many, [], DEFAULT_LEDGER_SETTINGS, onAir),
      names: () => null,
      chat: { byKind: {}, total: 0, questions: 0 },
    }).topProducts;
    expect(top).toHaveLength(SUMMARY_TOP_PRODUCTS);
    expect(top[0]!.sku).toBe('SKU-8');
  });
});

describe('chat of the on-air window', () => {
  it('cuts the first and last minute at the marks taken when it went live and ended', () => {
    const span = { from: min(1) + 20_000, to: min(3) + 30_000 };
    const chat = [
      { minute: min(0), kind: 'comment' as const, count: 50 }, // rehearsal
      { minute: min(1), kind: 'comment' as const, count: 10 },
      { minute: min(2), kind: 'like' as const, count: 7 },
      { minute: min(3), kind: 'comment' as const, count: 9 },
    ];
    const questions = [
      { minute: min(1), count: 4 },
      { minute: min(3), count: 3 },
    ];
    const marks = {
      start: { at: span.from, chat: { comment: 6 }, questions: 1 }, // counted before going live in that minute
      end: { at: span.to, chat: { comment: 5 }, questions: 2 }, // counted up to the end in that minute
    };
    const cut = chatWithinSpan(chat, questions, span, marks);
    expect(cut.chat).toEqual([
      { minute: min(1), kind: 'comment', count: 4 },
      { minute: min(2), kind: 'like', count: 7 },
      { minute: min(3), kind: 'comment', count: 5 },
    ]);
    expect(cut.questions).toEqual([
      { minute: min(1), count: 3 },
      { minute: min(3), count: 2 },
    ]);
  });
});

describe('report file names', () => {
  it('carry the show title and the day it went on air', () => {
    const at = new Date(2026, 11, 4, 20, 30).getTime(); // local time: the studio's calendar day
    expect(reportFileName('秋季茶具专场', at, 'html')).toBe('秋季茶具专场-2026-12-04-sales.html');
    expect(reportFileName('Tea: "night" / 2', at, 'csv')).toBe('Tea- -night- - 2-2026-12-04-sales.csv');
    expect(reportFileName('  ', at, 'csv')).toBe('show-2026-12-04-sales.csv');
    // File systems take 255 bytes per name: a long Chinese title is cut well before that.
    expect(Buffer.byteLength(reportFileName('长'.repeat(200), at, 'csv'))).toBeLessThan(255);
  });
});
