import { describe, expect, it } from 'vitest';
import { eventKey, REHEARSAL_PLATFORM, DEFAULT_LEDGER_SETTINGS, type OrderEvent } from '../../../../../electron/features/sales/domain/ledger';
import { deriveTallies } from '../../../../../electron/features/sales/domain/tallies';
import { modelOrderStates } from '../../../../helpers/order-replay';
import {
  createOrderSimulation,
  DEFAULT_ORDER_SIMULATION,
  LIVE_PRODUCT_WEIGHT,
  rehearsalProducts,
  type SimulatedProduct,
} from '../../../../../electron/features/sales/domain/order-simulation';
import { priceNow } from '../../../../../electron/features/rundown/domain/price';
import { product } from '../../../../helpers/rundown';

const T0 = 1_700_000_000_000;
const products: SimulatedProduct[] = [
  { sku: 'TEAPOT', unitPrice: 12_800, currency: 'CNY', weight: LIVE_PRODUCT_WEIGHT, stockLeft: null, flash: null },
  { sku: 'CUP', unitPrice: 3_900, currency: 'CNY', weight: 1, stockLeft: null, flash: null },
];

/** Runs a simulation for `seconds`, a tick every 250 ms, and returns every delivery in the order it was handed out. */
function run(settings = DEFAULT_ORDER_SIMULATION, seconds = 600, seed = 11): OrderEvent[] {
  const sim = createOrderSimulation(settings, 'run', seed);
  const out: OrderEvent[] = [];
  for (let t = 0; t <= seconds * 1000; t += 250) {
    if (t % 1000 === 0 && t < (seconds - 120) * 1000) sim.place(1, T0 + t, products);
    out.push(...sim.due(T0 + t));
  }
  expect(sim.pending).toBe(0);
  return out;
}

describe('rehearsal order simulation', () => {
  it('gives every order a valid life: created, then paid or cancelled, some paid ones refunded', () => {
    const deliveries = run({ ...DEFAULT_ORDER_SIMULATION, cancelShare: 0.2, refundShare: 0.2 });
    const byOrder = new Map<string, Set<string>>();
    for (const e of deliveries) {
      expect(e.platform).toBe(REHEARSAL_PLATFORM);
      byOrder.set(e.orderId, (byOrder.get(e.orderId) ?? new Set()).add(e.status));
    }
    expect(byOrder.size).toBe(480);
    const lives = [...byOrder.values()].map((s) => [...s].sort().join('+'));
    expect(new Set(lives)).toEqual(new Set(['created+paid', 'cancelled+created', 'created+paid+refunded']));
    const cancelled = lives.filter((l) => l.includes('cancelled')).length / lives.length;
    expect(cancelled).toBeGreaterThan(0.12);
    expect(cancelled).toBeLessThan(0.28);
  });

  it('repeats and delays deliveries like a platform, and the ledger still counts each order once', () => {
    const deliveries = run({ ...DEFAULT_ORDER_SIMULATION, duplicateShare: 0.3, lateShare: 0.3, refundShare: 0, cancelShare: 0 });
    const distinct = new Map(deliveries.map((e) => [eventKey(e), e]));
    expect(deliveries.length - distinct.size).toBeGreaterThan(0.2 * distinct.size);
    // Late deliveries: some order's paid event is handed out before its created event.
    const firstSeen = new Map<string, string>();
    for (const e of deliveries) if (!firstSeen.has(e.orderId)) firstSeen.set(e.orderId, e.status);
    expect([...firstSeen.values()].filter((s) => s === 'paid').length).toBeGreaterThan(0);
    const tallies = deriveTallies(modelOrderStates(deliveries).values(), [], DEFAULT_LEDGER_SETTINGS);
    expect(tallies.ordersPaid).toBe(480);
    expect(tallies.pendingOrders).toBe(0);
    expect(tallies.rehearsal.orders).toBe(480);
  });

  it('sells the live product most, at the price given, reproducibly for a seed', () => {
    const deliveries = run();
    expect(run()).toEqual(deliveries);
    const placed = deliveries.filter((e) => e.status === 'created');
    const teapots = placed.filter((e) => e.items[0]!.sku === 'TEAPOT');
    expect(teapots.length / placed.length).toBeGreaterThan(0.75);
    expect(teapots.every((e) => e.items[0]!.unitPrice === 12_800)).toBe(true);
  });

  it('places nothing when the show has nothing to sell', () => {
    const sim = createOrderSimulation(DEFAULT_ORDER_SIMULATION, 'run', 1);
    sim.place(10, T0, []);
    expect(sim.pending).toBe(0);
  });
});

describe('rehearsalProducts', () => {
  it('weights the live product, carries the running flash sale and the stock left, leaves out sold-out products', () => {
    const flash = { sku: 'A', price: 9_900, startedAt: T0, endsAt: T0 + 60_000, limit: 10 };
    const stock = { B: { initial: 5, left: 3, lowAt: 1, isLow: false }, C: { initial: 5, left: 0, lowAt: 1, isLow: true } };
    const list = rehearsalProducts([product('A'), product('B'), product('C')], 'B', flash, stock, T0 + 1000);
    expect(list).toEqual([
      { sku: 'A', unitPrice: 12_800, currency: 'CNY', weight: 1, stockLeft: null, flash: { startedAt: T0, endsAt: T0 + 60_000, price: 9_900, limit: 10 } },
      { sku: 'B', unitPrice: 12_800, currency: 'CNY', weight: LIVE_PRODUCT_WEIGHT, stockLeft: 3, flash: null },
    ]);
    expect(rehearsalProducts([product('A')], null, flash, {}, T0 + 60_000)[0]!.flash).toBeNull();
  });
});

describe('rehearsal prices (issue #21)', () => {
  it('charges what the stream card shows at that instant (priceNow): the flash price during the sale, the regular price before and after, never the list price', () => {
    const teapot = product('TEAPOT', { price: 12_800, listPrice: 19_800 });
    // A sale stamped a moment ahead of this clock (a restored state, a hub clock step): the card already shows it.
    const flash = { sku: 'TEAPOT', price: 9_900, startedAt: T0 + 10_500, endsAt: T0 + 40_000, limit: null };
    const sim = createOrderSimulation({ ...DEFAULT_ORDER_SIMULATION, cancelShare: 0, duplicateShare: 0, lateShare: 0 }, 'price', 3);
    const expected = new Map<string, number>();
    for (let t = 0; t <= 60_000; t += 500) {
      const now = T0 + t;
      sim.place(1, now, rehearsalProducts([teapot], 'TEAPOT', flash, {}, now));
      expected.set(`price-${expected.size + 1}`, priceNow(teapot, flash, now).price);
    }
    const created = sim.due(T0 + 10 * 60_000).filter((e) => e.status === 'created');
    expect(created).toHaveLength(expected.size);
    for (const e of created) expect(e.items[0]!.unitPrice).toBe(expected.get(e.orderId));
    expect(new Set(created.map((e) => e.items[0]!.unitPrice))).toEqual(new Set([12_800, 9_900]));
  });
});
