import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEDGER_SETTINGS, type LedgerSettings, type OrderEvent } from '../../../../../electron/features/sales/domain/ledger';
import { MemoryLedger } from '../../../../../electron/features/sales/domain/memory-ledger';
import { createOrderSimulation, rehearsalProducts, type OrderSimulationSettings } from '../../../../../electron/features/sales/domain/order-simulation';
import type { FlashSale } from '../../../../../electron/features/rundown/domain/rundown';
import { seededRandom } from '../../../../../electron/features/chat/domain/chat-simulation';
import { product } from '../../../../helpers/rundown';

const T0 = 1_700_000_000_000;
const TICK_MS = 250;
const SKUS = ['TEA-1', 'CUP-2', 'POT-3'] as const;
const REGULAR_PRICE = 12_800;

/** One rehearsal as the property draws it: stock per product, an optional flash sale, how messily posts land. */
interface Scenario {
  stock: (number | null)[];
  flash: { skuIndex: number; price: number; startsAfterMs: number; durationMs: number; limit: number | null } | null;
  settings: OrderSimulationSettings;
  /** Orders placed per tick, at most. */
  perTick: number;
  /** Longest time a post takes to land (the hub answers after committing). */
  maxPostMs: number;
  /** Share of posts that fail (the ledger never sees them). */
  failShare: number;
  /** Tick at which the simulator is stopped and started again (in-flight posts still land), or null. */
  restartAtTick: number | null;
  seconds: number;
  seed: number;
}

/** What one run did: the lowest stock the ledger ever showed per SKU, and units placed at the flash price. */
interface RunResult {
  lowestLeft: Record<string, number>;
  flashUnits: number;
  flashLimit: number | null;
  soldUnits: number;
}

/**
 * Runs the simulator tick by tick against an in-memory ledger with the hub's semantics: what it hands out is posted,
 * lands (or fails) after a random delay, is committed, and only then acknowledged to the simulator.
 */
function runScenario(s: Scenario): RunResult {
  const random = seededRandom(s.seed);
  const stock: LedgerSettings['stock'] = {};
  s.stock.forEach((initial, i) => {
    if (initial !== null) stock[SKUS[i]!] = { initial, lowAt: 2 };
  });
  const ledger = new MemoryLedger({ ...DEFAULT_LEDGER_SETTINGS, stock });
  const catalog = SKUS.map((sku) => product(sku, { price: REGULAR_PRICE, listPrice: null }));
  const flash: FlashSale | null = s.flash
    ? { sku: SKUS[s.flash.skuIndex]!, price: s.flash.price, startedAt: T0 + s.flash.startsAfterMs, endsAt: T0 + s.flash.startsAfterMs + s.flash.durationMs, limit: s.flash.limit }
    : null;
  const sim = createOrderSimulation(s.settings, 'prop', s.seed) as ReturnType<typeof createOrderSimulation> & {
    delivered?(events: OrderEvent[]): void;
    lost?(events: OrderEvent[]): void;
    stop?(): void;
  };
  const posts: { landsAt: number; events: OrderEvent[]; fails: boolean }[] = [];
  const seen = new Map<string, OrderEvent>();
  const lowestLeft: Record<string, number> = {};
  const check = () => {
    for (const [sku, tally] of Object.entries(ledger.tallies.stock)) lowestLeft[sku] = Math.min(lowestLeft[sku] ?? Infinity, tally.left);
  };
  const land = (now: number) => {
    for (let i = 0; i < posts.length; ) {
      const post = posts[i]!;
      if (post.landsAt > now) {
        i += 1;
        continue;
      }
      posts.splice(i, 1);
      if (post.fails) sim.lost?.(post.events);
      else {
        for (const e of post.events) {
          ledger.ingest(e);
          if (!seen.has(e.orderId)) seen.set(e.orderId, e);
        }
        sim.delivered?.(post.events);
      }
      check();
    }
  };
  const ticks = (s.seconds * 1000) / TICK_MS;
  for (let tick = 0; tick <= ticks; tick += 1) {
    const now = T0 + tick * TICK_MS;
    land(now);
    if (tick === s.restartAtTick) sim.stop?.();
    const offered = rehearsalProducts(catalog, SKUS[0], flash, ledger.tallies.stock, now);
    sim.place(Math.floor(random() * (s.perTick + 1)), now, offered);
    const due = sim.due(now);
    if (due.length) posts.push({ landsAt: now + Math.floor(random() * s.maxPostMs), events: due, fails: random() < s.failShare });
    check();
  }
  // Everything still queued or in flight lands: the figures after the rehearsal settle must be honest too.
  const end = T0 + ticks * TICK_MS + 10 * 60_000;
  const rest = sim.due(end);
  if (rest.length) posts.push({ landsAt: end, events: rest, fails: false });
  land(end);
  let flashUnits = 0;
  for (const e of seen.values()) {
    const item = e.items[0]!;
    if (flash && item.sku === flash.sku && item.unitPrice === flash.price) flashUnits += item.quantity;
  }
  return { lowestLeft, flashUnits, flashLimit: flash?.limit ?? null, soldUnits: ledger.tallies.unitsPaid };
}

const share = fc.double({ min: 0, max: 1, noNaN: true });
const scenario: fc.Arbitrary<Scenario> = fc.record({
  stock: fc.array(fc.option(fc.integer({ min: 0, max: 25 }), { nil: null, freq: 4 }), { minLength: 3, maxLength: 3 }),
  flash: fc.option(
    fc.record({
      skuIndex: fc.integer({ min: 0, max: 2 }),
      price: fc.integer({ min: 100, max: REGULAR_PRICE - 1 }),
      startsAfterMs: fc.integer({ min: 0, max: 60_000 }),
      durationMs: fc.integer({ min: 5_000, max: 120_000 }),
      limit: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null, freq: 4 }),
    }),
    { nil: null },
  ),
  settings: fc.record({ ordersPerMinute: fc.constant(60), cancelShare: share, refundShare: share, duplicateShare: share, lateShare: share }),
  perTick: fc.integer({ min: 0, max: 6 }),
  maxPostMs: fc.integer({ min: 1, max: 4_000 }),
  failShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
  restartAtTick: fc.option(fc.integer({ min: 0, max: 480 }), { nil: null }),
  seconds: fc.integer({ min: 10, max: 120 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

describe('rehearsal order simulation against stock and flash-sale limits', () => {
  it('never takes a SKU below its stock and never sells more than a flash sale offers at its price, however posts land', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = runScenario(s);
        for (const [sku, left] of Object.entries(result.lowestLeft)) expect(left, `lowest stock of ${sku}`).toBeGreaterThanOrEqual(0);
        if (result.flashLimit !== null) expect(result.flashUnits, 'units placed at the flash price').toBeLessThanOrEqual(result.flashLimit);
      }),
      { numRuns: 500 },
    );
  });

  it('sells a tracked product out when buyers keep coming (stock 12, limited flash of 10): 12 paid, never 13', () => {
    const result = runScenario({
      stock: [12, null, null],
      flash: { skuIndex: 0, price: 9_900, startsAfterMs: 0, durationMs: 600_000, limit: 10 },
      settings: { ordersPerMinute: 60, cancelShare: 0.1, refundShare: 0, duplicateShare: 0.05, lateShare: 0.05 },
      perTick: 2,
      maxPostMs: 500,
      failShare: 0,
      restartAtTick: null,
      seconds: 120,
      seed: 7,
    });
    expect(result.lowestLeft['TEA-1']).toBe(0);
    expect(result.flashUnits).toBe(10);
  });
});
