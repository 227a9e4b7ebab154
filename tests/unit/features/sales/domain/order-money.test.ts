import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEDGER_SETTINGS, type LedgerSettings, type OrderEvent } from '../../../../../electron/features/sales/domain/ledger';
import { MemoryLedger } from '../../../../../electron/features/sales/domain/memory-ledger';
import { spread } from '../../../../../electron/features/sales/domain/order-money';

const at = 1_700_000_040_000;
const settings: LedgerSettings = { ...DEFAULT_LEDGER_SETTINGS, stock: { TEA: { initial: 10, lowAt: 1 }, CUP: { initial: 10, lowAt: 1 } } };
const lines = [
  { sku: 'TEA', quantity: 2, unitPrice: 5_000 },
  { sku: 'CUP', quantity: 3, unitPrice: 1_000 },
];
const notice = (eventId: string, patch: Partial<OrderEvent>): OrderEvent => ({
  eventId, platform: 'shopify', orderId: '1001', status: 'paid', occurredAt: at, currency: 'CNY', items: lines, ...patch,
});

describe('order money: paid, refunded, net', () => {
  it('a partial refund of one line lowers net GMV by exactly that line, and only that product', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('paid', {}));
    expect(ledger.tallies).toMatchObject({ paidAmount: 13_000, gmv: 13_000, refundedAmount: 0, ordersPaid: 1, unitsPaid: 5 });
    ledger.ingest(notice('r1', { status: 'refunded', occurredAt: at + 60_000, items: [{ sku: 'CUP', quantity: 1, unitPrice: 1_000 }], refund: { amount: 1_000, restock: true } }));
    expect(ledger.tallies).toMatchObject({ paidAmount: 13_000, gmv: 12_000, refundedAmount: 1_000, refundedOrders: 1, ordersPaid: 1, unitsPaid: 4 });
    expect(ledger.tallies.bySku.CUP).toMatchObject({ paid: 3_000, refunded: 1_000, gmv: 2_000, units: 2, unitsTaken: 2 });
    expect(ledger.tallies.bySku.TEA).toMatchObject({ paid: 10_000, refunded: 0, gmv: 10_000, units: 2 });
    // Restocked: the cup is back on the shelf.
    expect(ledger.tallies.stock.CUP!.left).toBe(8);
    // The refund stays in the minute (and cue) the order was placed in, not the minute of the refund.
    expect(ledger.tallies.byMinute[String(at - (at % 60_000))]).toMatchObject({ paid: 13_000, refunded: 1_000, gmv: 12_000 });
  });

  it('refunds add up, never past what was paid; an unrestocked refund leaves the stock down', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('paid', {}));
    const teaBack = { status: 'refunded' as const, items: [{ sku: 'TEA', quantity: 1, unitPrice: 5_000 }], refund: { amount: 5_000, restock: false } };
    ledger.ingest(notice('r1', teaBack));
    ledger.ingest(notice('r2', teaBack));
    ledger.ingest(notice('r3', teaBack));
    expect(ledger.tallies.bySku.TEA).toMatchObject({ paid: 10_000, refunded: 10_000, gmv: 0, units: 0, orders: 0, unitsTaken: 2 });
    expect(ledger.tallies).toMatchObject({ gmv: 3_000, refundedAmount: 10_000, ordersPaid: 1 });
    expect(ledger.tallies.stock.TEA!.left).toBe(8);
  });

  it('an amount-only refund is shared over the lines by value, to the minor unit', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('paid', {}));
    ledger.ingest(notice('r1', { status: 'refunded', items: [], refund: { amount: 1_301, restock: false } }));
    // 10,000 : 3,000 of 1,301 is 1,000.77 : 300.23, so the leftover unit goes to TEA.
    expect(ledger.tallies.bySku.TEA!.refunded).toBe(1_001);
    expect(ledger.tallies.bySku.CUP!.refunded).toBe(300);
    expect(ledger.tallies.gmv).toBe(13_000 - 1_301);
    // Amount only: no units come back.
    expect(ledger.tallies.unitsPaid).toBe(5);
  });

  it('a cancellation after payment gives the money back; one before payment was never money', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('paid', {}));
    ledger.ingest(notice('cancel', { status: 'cancelled', occurredAt: at + 1_000 }));
    expect(ledger.tallies).toMatchObject({ paidAmount: 13_000, refundedAmount: 13_000, gmv: 0, refundedOrders: 1, cancelledOrders: 0 });
    expect(ledger.tallies.stock.TEA!.left).toBe(10);
    ledger.ingest(notice('c2', { orderId: '1002', status: 'created' }));
    ledger.ingest(notice('c3', { orderId: '1002', status: 'cancelled', occurredAt: at + 1_000 }));
    expect(ledger.tallies).toMatchObject({ paidAmount: 13_000, refundedAmount: 13_000, cancelledOrders: 1, placedOrders: 2 });
  });

  it('a test order is in no figure but its own count, whatever comes after', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('paid', { test: true }));
    ledger.ingest(notice('r1', { status: 'refunded', items: [], refund: { amount: 100, restock: false } }));
    expect(ledger.tallies).toMatchObject({ testOrders: 1, placedOrders: 0, paidAmount: 0, gmv: 0, refundedAmount: 0, bySku: {}, byPlatform: {} });
    expect(ledger.tallies.stock.TEA!.left).toBe(10);
  });

  it('a refund that arrives before its order waits for it, then counts', () => {
    const ledger = new MemoryLedger(settings);
    ledger.ingest(notice('r1', { status: 'refunded', occurredAt: at + 5_000, items: [], refund: { amount: 3_000, restock: false } }));
    expect(ledger.tallies).toMatchObject({ placedOrders: 0, refundedAmount: 0, gmv: 0 });
    ledger.ingest(notice('paid', {}));
    expect(ledger.tallies).toMatchObject({ placedOrders: 1, refundedAmount: 3_000, gmv: 10_000 });
    // Placed when the order was, not when the refund came.
    expect(Object.keys(ledger.tallies.byMinute)).toEqual([String(at - (at % 60_000))]);
  });

  it('spread gives out exactly the amount, in proportion, for any weights', () => {
    fc.assert(
      fc.property(fc.nat(1e15), fc.array(fc.nat(1e13), { minLength: 1, maxLength: 5 }), (amount, ws) => {
        const weights = ws.map((w, i) => [`k${i}`, w] as const);
        const out = spread(amount, weights);
        const total = ws.reduce((a, b) => a + b, 0);
        if (total === 0) {
          // Nothing to spread by: nothing given out. (Returning the assertion failed the property: fast-check takes
          // any returned value but true or undefined as false.)
          expect(out.size).toBe(0);
          return;
        }
        expect([...out.values()].reduce((a, b) => a + b, 0)).toBe(amount);
        // Each share is within one unit of its exact proportion.
        for (const [key, w] of weights) expect(Math.abs((out.get(key) ?? 0) - (amount * w) / total)).toBeLessThan(1 + amount * 1e-12);
      }),
      // All weights zero, always tried (a random run reaches it only on some seeds).
      { examples: [[0, [0]], [1_000, [0, 0]]] },
    );
  });
});
