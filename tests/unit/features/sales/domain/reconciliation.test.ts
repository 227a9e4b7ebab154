import { describe, expect, it } from 'vitest';
import { applyOrderEvent, type OrderEvent, type OrderState } from '../../../../../electron/features/sales/domain/ledger';
import { reconcile, type ShopOrder } from '../../../../../electron/features/sales/domain/reconciliation';
import { parseExportTime } from '../../../../../electron/features/sales/hub/shops/shop-exports';

const T = Date.UTC(2026, 11, 4, 12, 0);
const state = (patch: Partial<OrderEvent> & Pick<OrderEvent, 'orderId'>): OrderState =>
  applyOrderEvent(undefined, { eventId: `e-${patch.orderId}`, platform: 'shopify', status: 'paid', occurredAt: T, currency: 'USD', items: [{ sku: 'A', quantity: 1, unitPrice: 1_000 }], ...patch });
const shop = (patch: Partial<ShopOrder> & Pick<ShopOrder, 'orderId'>): ShopOrder => ({ name: `#${patch.orderId}`, placedAt: T, currency: 'USD', paid: 1_000, refunded: 0, ...patch });
const scope = { shop: 'shopify' as const, platform: 'shopify', currency: 'USD', checkedAt: T + 1, window: { from: T - 1_000, to: T + 1_000 } };

describe('reconciliation', () => {
  it('compares only the window, the platform and the tally currency; test orders and other platforms stay out', () => {
    const ledger = [
      state({ orderId: '1' }),
      state({ orderId: '2', occurredAt: T - 60_000 }), // before the window
      state({ orderId: '3', platform: 'douyin' }),
      state({ orderId: '4', test: true }),
      state({ orderId: '5', currency: 'CAD' }),
    ];
    const r = reconcile([shop({ orderId: '1' }), shop({ orderId: '2', placedAt: T - 60_000 }), shop({ orderId: '6', currency: 'CAD' }), shop({ orderId: '7', placedAt: null })], ledger, scope);
    expect(r).toMatchObject({ matched: 1, skipped: { outsideWindow: 1, otherCurrency: 1 }, missingInShop: [], isExact: false });
    // An order the export gives no time for is compared (it cannot be placed outside).
    expect(r.missingInLedger.map((o) => o.orderId)).toEqual(['7']);
  });

  it('is exact only when every order matches, and then both nets agree to the cent', () => {
    const r = reconcile([shop({ orderId: '1' }), shop({ orderId: '2', paid: 500 })], [state({ orderId: '1' }), state({ orderId: '2', items: [{ sku: 'B', quantity: 1, unitPrice: 500 }] })], scope);
    expect(r).toMatchObject({ isExact: true, matched: 2, ledger: { net: 1_500 }, shopTotals: { net: 1_500 } });
  });

  it("reads Shopify's and 抖店's export times", () => {
    expect(parseExportTime('2026-12-04 07:00:00 -0500')).toBe(T);
    expect(parseExportTime('2026-12-04T12:00:00Z')).toBe(T);
    // 抖店 writes China time without a zone.
    expect(parseExportTime('2026-12-04 20:00:00', 8 * 3_600_000)).toBe(T);
    expect(parseExportTime('04/12/2026')).toBeNull();
  });
});
