import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addContribution, emptyTallies, forkTallies, refreshStock, type Tallies } from '../../../../../electron/features/sales/domain/tallies';
import { applyTalliesPatch } from '../../../../../electron/features/sales/domain/tallies-patch';
import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, type OrderState } from '../../../../../electron/features/sales/domain/ledger';
import { createTallyPublisher, type TallyOutlets } from '../../../../../electron/features/sales/hub/tally-publisher';
import type { TallyEvent, TallyPatchEvent } from '../../../../../electron/features/sales/protocol/sales-events';

const settings = { ...DEFAULT_LEDGER_SETTINGS, stock: { A: { initial: 9, lowAt: 2 }, B: { initial: 5, lowAt: 1 }, C: { initial: 5, lowAt: 1 } } };
const change = (seq: number) => ({ platform: 'p', orderId: `o${seq}`, status: 'paid' as const, previousStatus: null, total: 1, refunded: 0, previousRefunded: 0, currency: 'CNY', skus: ['A'], placedAt: 0, test: false });
const event = (seq: number, tallies: Tallies = emptyTallies(settings)): TallyEvent => ({ seq, at: seq, tallies, changes: [change(seq)], changedCount: 1, chain: { entries: seq, head: 'h' } });

/** What the outlets received, in order. */
function recorder() {
  const hub: TallyEvent[] = [];
  const windows: Array<{ kind: 'patch'; event: TallyPatchEvent } | { kind: 'whole'; event: TallyEvent }> = [];
  const out: TallyOutlets = { hub: (e) => hub.push(e), patch: (e) => windows.push({ kind: 'patch', event: e }), whole: (e) => windows.push({ kind: 'whole', event: e }) };
  return { hub, windows, out };
}

afterEach(() => vi.useRealTimers());

describe('tally publisher', () => {
  it('sends the first event at once, then the newest per interval with the skipped changes carried', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { hub, windows, out } = recorder();
    const publish = createTallyPublisher(out, event(0), 40);
    publish(event(1));
    publish(event(2));
    publish(event(3));
    expect(hub.map((e) => e.seq)).toEqual([1]);
    vi.advanceTimersByTime(40);
    expect(hub.map((e) => e.seq)).toEqual([1, 3]);
    expect(hub[1]!.changes.map((c) => c.orderId)).toEqual(['o2', 'o3']);
    expect(hub[1]!.changedCount).toBe(2);
    // The windows get the same events as patches, each on the one sent before.
    expect(windows.map((w) => [w.kind, w.event.seq, w.kind === 'patch' ? w.event.baseSeq : null])).toEqual([['patch', 1, 0], ['patch', 3, 1]]);
    vi.advanceTimersByTime(100);
    expect(hub).toHaveLength(2);
    publish.close();
  });

  it('sends a whole event every 10 s among the patches, and flushes on demand for a window connecting', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { windows, out } = recorder();
    const publish = createTallyPublisher(out, event(0), 40, 10_000);
    for (let seq = 1; seq <= 300; seq++) {
      publish(event(seq));
      vi.advanceTimersByTime(50);
    }
    const wholes = windows.filter((w) => w.kind === 'whole').map((w) => w.event.seq);
    // 300 events 50 ms apart: 15 s, one whole event after the first 10 s.
    expect(wholes).toHaveLength(1);
    expect(windows).toHaveLength(300);
    publish(event(301));
    publish(event(302));
    expect(publish.flushNow().seq).toBe(302);
    expect(windows.at(-1)!.event.seq).toBe(302);
    publish.close();
  });

  it("rebuilds every sent event's tallies from the one before and its patch, whatever the orders and the timing", () => {
    const orderArb = fc.record({ id: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'), sku: fc.constantFrom('A', 'B', 'C', 'D'), status: fc.constantFrom('created', 'paid', 'refunded', 'cancelled' as const), gapMs: fc.integer({ min: 0, max: 90 }) });
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 40 }), (orders) => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
        const { windows, out } = recorder();
        const first = event(0);
        const publish = createTallyPublisher(out, first, 40, 200);
        // Tallies as the ledger makes them: each commit forks the one before and replaces the entries it touches.
        const states = new Map<string, OrderState>();
        let tallies = first.tallies;
        const published = new Map<number, Tallies>([[0, tallies]]);
        orders.forEach((o, i) => {
          const before = states.get(o.id);
          const after = applyOrderEvent(before, { eventId: `e${i}`, orderId: o.id, platform: 'douyin', status: o.status, occurredAt: 1_000 + i * 60_000, currency: 'CNY', items: [{ sku: o.sku, quantity: 1, unitPrice: 500 }] });
          states.set(o.id, after);
          tallies = forkTallies(tallies);
          if (before) addContribution(tallies, before, [], -1);
          addContribution(tallies, after, [], 1);
          refreshStock(tallies, settings, [o.sku, ...(before?.items.map((item) => item.sku) ?? [])]);
          published.set(i + 1, tallies);
          publish(event(i + 1, tallies));
          vi.advanceTimersByTime(o.gapMs);
        });
        publish.flushNow();
        // A window that started from the first event and applied what it was sent holds each sent event exactly.
        let held = first;
        for (const w of windows) {
          if (w.kind === 'whole') held = w.event;
          else {
            expect(w.event.baseSeq).toBe(held.seq);
            held = { ...w.event, tallies: applyTalliesPatch(held.tallies, w.event.patch) };
          }
          expect(held.tallies).toEqual(published.get(held.seq));
        }
        expect(held.seq).toBe(orders.length);
        publish.close();
        vi.useRealTimers();
      }),
      { numRuns: 100 },
    );
  });
});
