import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEDGER_SETTINGS, ORDER_STATUSES, REHEARSAL_PLATFORM, applyOrderEvent, supersedes, type CueSegment, type LedgerSettings, type OrderEvent } from '../../../../../electron/features/sales/domain/ledger';
import { deriveTallies, segmentAt } from '../../../../../electron/features/sales/domain/tallies';
import { MemoryLedger } from '../../../../../electron/features/sales/domain/memory-ledger';
import { modelOrderStates } from '../../../../helpers/order-replay';

const settings: LedgerSettings = { ...DEFAULT_LEDGER_SETTINGS, stock: { 'TEA-1': { initial: 50, lowAt: 5 } } };

/** Events with unique ids (a redelivery is the same event again), few orders and a narrow clock so ties happen. */
const eventsArb = fc
  .array(
    fc.record({
      platform: fc.constantFrom('douyin', 'shopify', REHEARSAL_PLATFORM),
      orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6'),
      status: fc.constantFrom(...ORDER_STATUSES),
      occurredAt: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 5 * 60_000 }).map((t) => t - (t % 20_000)),
      currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'USD'),
      items: fc.array(
        fc.record({ sku: fc.constantFrom('TEA-1', 'CUP-2', 'POT-3'), quantity: fc.integer({ min: 1, max: 4 }), unitPrice: fc.integer({ min: 0, max: 50_000 }) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { maxLength: 40 },
  )
  .map((raw) => raw.map((e, i): OrderEvent => ({ ...e, eventId: `e${String(i).padStart(3, '0')}` })));

const segmentsArb = fc.array(
  fc.record({
    cueId: fc.constantFrom('cue-a', 'cue-b', 'cue-c'),
    label: fc.constantFrom('Teapot', 'Cups'),
    startedAt: fc.integer({ min: 1_700_000_000_000 - 60_000, max: 1_700_000_000_000 + 5 * 60_000 }),
  }),
  { maxLength: 4 },
);

/** No rehearsal cleared, or cleared at a moment inside the events' clock. */
const clearedAtArb = fc.option(fc.integer({ min: 1_700_000_000_000 - 60_000, max: 1_700_000_000_000 + 6 * 60_000 }), { nil: null });

/** Deliveries as platforms make them: every event at least once, some several times, in any order. */
function deliveriesArb(events: OrderEvent[]) {
  return fc
    .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: events.length, maxLength: events.length }), fc.nat())
    .chain(([extra, seed]) => {
      const all = events.flatMap((e, i) => Array.from({ length: 1 + extra[i]! }, () => e));
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).map((s) => ({ deliveries: s, seed }));
    });
}

describe('sales ledger model', () => {
  it('duplicated, shuffled and replayed deliveries give the tallies of the distinct events in time order', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) => fc.tuple(fc.constant(events), deliveriesArb(events), segmentsArb, clearedAtArb)),
        ([events, { deliveries }, segments, rehearsalClearedAt]: [OrderEvent[], { deliveries: OrderEvent[] }, CueSegment[], number | null]) => {
          const withClear = { ...settings, rehearsalClearedAt };
          const expected = deriveTallies(modelOrderStates(events).values(), segments, withClear);
          const ledger = new MemoryLedger(withClear, segments);
          for (const d of deliveries) ledger.ingest(d);
          expect(ledger.tallies).toEqual(expected);
          expect(new Map(ledger.orders)).toEqual(modelOrderStates(events));
          // A replay of everything (a platform retrying after our 2xx got lost) changes nothing.
          for (const d of [...deliveries].reverse()) expect(ledger.ingest(d)).toBe(false);
          expect(ledger.tallies).toEqual(expected);
          // Deriving from the current states from scratch equals the incremental tallies.
          expect(deriveTallies(ledger.orders.values(), segments, withClear)).toEqual(ledger.tallies);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a cleared rehearsal counts exactly as if its orders had never been sent; later rehearsal orders count again', () => {
    fc.assert(
      fc.property(eventsArb, segmentsArb, clearedAtArb, (events, segments, rehearsalClearedAt) => {
        const states = modelOrderStates(events);
        const cleared = [...states.values()].filter(
          (o) => o.platform === REHEARSAL_PLATFORM && rehearsalClearedAt !== null && o.placedAt <= rehearsalClearedAt,
        );
        const withClear = { ...settings, rehearsalClearedAt };
        const tallies = deriveTallies(states.values(), segments, withClear);
        const withoutCleared = deriveTallies([...states.values()].filter((o) => !cleared.includes(o)), segments, withClear);
        expect(tallies).toEqual(withoutCleared);
        const counted = [...states.values()].filter((o) => o.platform === REHEARSAL_PLATFORM).length - cleared.length;
        expect(tallies.rehearsal).toEqual({ orders: counted, clearedAt: rehearsalClearedAt });
      }),
      { numRuns: 300 },
    );
  });

  it('a new show counts only orders placed from its start: late events of earlier orders change nothing', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) => fc.tuple(fc.constant(events), deliveriesArb(events), segmentsArb, clearedAtArb)),
        ([events, { deliveries }, segments, showStartedAt]: [OrderEvent[], { deliveries: OrderEvent[] }, CueSegment[], number | null]) => {
          const withShow = { ...settings, showStartedAt };
          const states = modelOrderStates(events);
          const thisShow = [...states.values()].filter((o) => showStartedAt === null || o.placedAt >= showStartedAt);
          const ledger = new MemoryLedger(withShow, segments);
          for (const d of deliveries) ledger.ingest(d);
          expect(ledger.tallies).toEqual(deriveTallies(thisShow, segments, withShow));
          expect(ledger.tallies.showStartedAt).toBe(showStartedAt);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('breaks occurredAt ties by status: created < paid < cancelled < refunded', () => {
    const at = 1_700_000_000_000;
    const base = { platform: 'douyin', orderId: 'o1', occurredAt: at, currency: 'CNY', items: [{ sku: 'A', quantity: 1, unitPrice: 100 }] };
    const paid: OrderEvent = { ...base, eventId: 'p', status: 'paid' };
    const refunded: OrderEvent = { ...base, eventId: 'r', status: 'refunded' };
    expect(applyOrderEvent(applyOrderEvent(undefined, refunded), paid).status).toBe('refunded');
    expect(applyOrderEvent(applyOrderEvent(undefined, paid), refunded).status).toBe('refunded');
    expect(supersedes({ ...paid, occurredAt: at + 1 }, { ...refunded, placedAt: at } as never)).toBe(true);
  });

  it('counts an order as sold only while it is paid, and keeps refunds out of GMV', () => {
    const at = 1_700_000_000_000;
    const items = [{ sku: 'TEA-1', quantity: 2, unitPrice: 1999 }];
    const ledger = new MemoryLedger(settings);
    ledger.ingest({ eventId: '1', platform: 'douyin', orderId: 'o1', status: 'created', occurredAt: at, currency: 'CNY', items });
    expect(ledger.tallies.gmv).toBe(0);
    ledger.ingest({ eventId: '2', platform: 'douyin', orderId: 'o1', status: 'paid', occurredAt: at + 5000, currency: 'CNY', items });
    expect(ledger.tallies).toMatchObject({ ordersPaid: 1, gmv: 3998, unitsPaid: 2, stock: { 'TEA-1': { left: 48, isLow: false } } });
    const minute = String(at - (at % 60_000));
    expect(ledger.tallies.byMinute[minute]).toEqual({ placed: 1, orders: 1, paid: 3998, refunded: 0, gmv: 3998, units: 2 });
    ledger.ingest({ eventId: '3', platform: 'douyin', orderId: 'o1', status: 'refunded', occurredAt: at + 9000, currency: 'CNY', items });
    // Refunded in full: still placed and paid, all of it back; net GMV and units nothing.
    const refunded = { placed: 1, orders: 0, paid: 3998, refunded: 3998, gmv: 0, units: 0 };
    expect(ledger.tallies).toMatchObject({ ordersPaid: 0, paidAmount: 3998, gmv: 0, refundedOrders: 1, refundedAmount: 3998, byMinute: { [minute]: refunded } });
    expect(ledger.tallies.bySku).toEqual({ 'TEA-1': { ...refunded, unitsTaken: 0 } });
    expect(ledger.tallies.stock['TEA-1']).toEqual({ initial: 50, left: 50, lowAt: 5, isLow: false });
  });

  it('counts an order once per product, even when the product is on two of its lines', () => {
    // Found by the model test (tests/integration/features/sales/ledger-model.test.ts): orders were counted per line.
    const at = 1_700_000_000_000;
    const items = [{ sku: 'TEA-1', quantity: 1, unitPrice: 1999 }, { sku: 'TEA-1', quantity: 2, unitPrice: 1500 }, { sku: 'CUP-2', quantity: 1, unitPrice: 500 }];
    const ledger = new MemoryLedger(settings);
    ledger.ingest({ eventId: '1', platform: 'douyin', orderId: 'o1', status: 'paid', occurredAt: at, currency: 'CNY', items });
    expect(ledger.tallies.bySku).toEqual({
      'TEA-1': { placed: 1, orders: 1, units: 3, paid: 4999, refunded: 0, gmv: 4999, unitsTaken: 3 },
      'CUP-2': { placed: 1, orders: 1, units: 1, paid: 500, refunded: 0, gmv: 500, unitsTaken: 1 },
    });
    ledger.ingest({ eventId: '2', platform: 'douyin', orderId: 'o1', status: 'refunded', occurredAt: at + 1000, currency: 'CNY', items });
    expect(ledger.tallies.bySku).toEqual({
      'TEA-1': { placed: 1, orders: 0, units: 0, paid: 4999, refunded: 4999, gmv: 0, unitsTaken: 0 },
      'CUP-2': { placed: 1, orders: 0, units: 0, paid: 500, refunded: 500, gmv: 0, unitsTaken: 0 },
    });
  });

  it('attributes an order to the cue live when it was placed, even if it is paid later', () => {
    const segments = [
      { cueId: 'teapot', label: 'Teapot', startedAt: 1000 },
      { cueId: 'cups', label: 'Cups', startedAt: 60_000 },
    ];
    expect(segmentAt(segments, 999)).toBeNull();
    expect(segmentAt(segments, 59_999)?.cueId).toBe('teapot');
    const ledger = new MemoryLedger(settings, segments);
    const items = [{ sku: 'POT', quantity: 1, unitPrice: 500 }];
    ledger.ingest({ eventId: 'b', platform: 'shop', orderId: 'x', status: 'paid', occurredAt: 70_000, currency: 'CNY', items });
    expect(Object.keys(ledger.tallies.bySegment)).toEqual(['cups']);
    ledger.ingest({ eventId: 'a', platform: 'shop', orderId: 'x', status: 'created', occurredAt: 30_000, currency: 'CNY', items });
    expect(ledger.tallies.bySegment).toEqual({ teapot: { label: 'Teapot', placed: 1, orders: 1, paid: 500, refunded: 0, gmv: 500, units: 1 } });
  });
});
