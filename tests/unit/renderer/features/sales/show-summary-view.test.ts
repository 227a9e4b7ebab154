import { describe, expect, it } from 'vitest';
import type { ShowSummary } from '../../../../../electron/features/sales/domain/show-summary';
import { initialSalesView, productName, reduceSalesView, type SalesViewState } from '../../../../../renderer/src/features/sales/sales-view';
import { fileNameFromDisposition } from '../../../../../renderer/src/hub/hub-download';
import { product } from '../../../../helpers/rundown';

const summary = (endedAt: number, gmv = 1_000): ShowSummary => ({
  showTitle: '秋季茶具专场',
  onAir: { startedAt: 1_000, endedAt },
  currency: 'CNY',
  gmv,
  gmvBeforeRefunds: gmv,
  refunds: { orders: 0, amount: 0 },
  ordersPaid: 1,
  unitsPaid: 1,
  otherCurrencies: {},
  topProducts: [],
  chat: { messages: 0, comments: 0, questions: 0, orderSignals: { placed: 0, paid: 0 } },
});

describe('post-show summary in a window (issue #21)', () => {
  it('opens when a show ends, stays closed for an update of the same show, comes back on request, goes with a new show', () => {
    let s: SalesViewState = reduceSalesView(initialSalesView(), { type: 'summary', summary: null });
    expect(s.isSummaryOpen).toBe(false);
    s = reduceSalesView(s, { type: 'openSummary' });
    expect(s.isSummaryOpen).toBe(false); // nothing to show yet
    s = reduceSalesView(s, { type: 'summary', summary: summary(5_000) });
    expect(s).toMatchObject({ isSummaryOpen: true, summary: { gmv: 1_000 } });
    s = reduceSalesView(s, { type: 'closeSummary' });
    // A late refund of the same show updates the figures without popping the dialog up again.
    s = reduceSalesView(s, { type: 'summary', summary: summary(5_000, 800) });
    expect(s).toMatchObject({ isSummaryOpen: false, summary: { gmv: 800 } });
    s = reduceSalesView(s, { type: 'openSummary' });
    expect(s.isSummaryOpen).toBe(true);
    s = reduceSalesView(s, { type: 'summary', summary: null });
    expect(s).toMatchObject({ isSummaryOpen: false, summary: null });
    // The next show's end opens it again.
    s = reduceSalesView(s, { type: 'summary', summary: summary(9_000) });
    expect(s.isSummaryOpen).toBe(true);
  });

  it('names a product as the catalog does, with the SKU only when the catalog has no name', () => {
    const teapot = product('POT-1', { title: { zh: '紫砂壶', en: '' } });
    expect(productName(teapot, 'POT-1', 'zh')).toBe('紫砂壶');
    expect(productName(teapot, 'POT-1', 'en')).toBe('紫砂壶');
    expect(productName(undefined, 'GONE-9', 'en')).toBe('GONE-9');
  });
});

describe('download file names', () => {
  it('prefers the UTF-8 filename* over the ASCII fallback', () => {
    const header = `attachment; filename="______-2026-12-04-sales.csv"; filename*=UTF-8''${encodeURIComponent('秋季茶具专场')}-2026-12-04-sales.csv`;
    expect(fileNameFromDisposition(header)).toBe('秋季茶具专场-2026-12-04-sales.csv');
    expect(fileNameFromDisposition('attachment; filename="a.csv"; filename*=UTF-8\'\'%E0%A4%A')).toBe('a.csv');
    expect(fileNameFromDisposition('attachment; filename="sales-report-2026-12-04.csv"')).toBe('sales-report-2026-12-04.csv');
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
