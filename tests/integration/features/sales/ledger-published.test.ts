import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../../electron/features/sales/domain/ledger';
import { readNewestTallyEvent, TALLY_EVENTS_KEPT, TallyLog } from '../../../../electron/features/sales/hub/ledger/tally-log';
import type { TallyEvent } from '../../../../electron/features/sales/protocol/sales-events';
import { orderEvent } from '../../../helpers/orders';
import { openLedgerDb, openLedgerStore } from '../../../helpers/ledger-db';
import { makeTempDir } from '../../../helpers/temp-dir';

// Each commit's tallies are published (broadcast up to 40 ms later, kept as the newest event for every window that
// connects) while the next commits build theirs from them. The store copies only what a commit touches, so these
// check the two things that copy must keep: what was published never changes afterwards, and the figures still equal
// a derivation from the file alone.
describe('published tallies', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.remove()));

  const open = (dir: string) => openLedgerStore(dir);
  const t0 = 1_800_000_000_000;

  it('never change after they were published, whatever later commits, cue changes and stock settings do', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('order' as const),
        orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
        status: fc.constantFrom<OrderStatus>('created', 'paid', 'refunded', 'cancelled'),
        sku: fc.constantFrom('POT', 'CUP', 'TEA'),
        quantity: fc.integer({ min: 1, max: 3 }),
        currency: fc.constantFrom('CNY', 'CNY', 'USD'),
        minute: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({ kind: fc.constant('cue' as const), cueId: fc.constantFrom('pot', 'cups'), label: fc.constantFrom('Teapot', 'Cups'), minute: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('stock' as const), sku: fc.constantFrom('POT', 'CUP', 'TEA'), initial: fc.integer({ min: 0, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const temp = makeTempDir('anchor-published-');
        temps.push(temp);
        const store = open(temp.path);
        // Stock lines for a shelf of other products, so most events change few of the entries and are stored as patches.
        const published: Array<{ event: TallyEvent; json: string }> = [];
        const keep = (event: TallyEvent | null) => {
          if (event) published.push({ event, json: JSON.stringify(event.tallies) });
        };
        const shelf = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`SHELF-${i}`, { initial: 5, lowAt: 1 }]));
        keep(store.updateSettings((settings) => ({ ...settings, stock: shelf }), t0 - 1_000));
        steps.forEach((s, i) => {
          const at = t0 + 1_000 * i;
          if (s.kind === 'order') {
            const items = [{ sku: s.sku, quantity: s.quantity, unitPrice: 1_500 }];
            const occurredAt = t0 + s.minute * 60_000 + i;
            keep(store.commit([{ source: 'test', events: [orderEvent({ eventId: `e${i}`, orderId: s.orderId, status: s.status, currency: s.currency, occurredAt, items })] }], at).event);
          } else if (s.kind === 'cue') {
            keep(store.recordSegment({ cueId: s.cueId, label: s.label, startedAt: t0 + s.minute * 60_000 }, at));
          } else {
            keep(store.updateSettings((settings) => ({ ...settings, stock: { ...settings.stock, [s.sku]: { initial: s.initial, lowAt: 1 } } }), at));
          }
        });
        for (const { event, json } of published) expect(JSON.stringify(event.tallies), `tally event ${event.seq}`).toBe(json);
        // Stored mostly as patches on the event before: rebuilt whole for a bridge catching up, and at the next start.
        const reopened = open(temp.path);
        const caughtUp = reopened.eventsAfter(0).events;
        expect(caughtUp.map((e) => e.seq)).toEqual(published.map((p) => p.event.seq));
        caughtUp.forEach((event, i) => expect(event.tallies, `tally event ${event.seq} rebuilt`).toEqual(JSON.parse(published[i]!.json)));
        expect(reopened.current.tallies).toEqual(store.current.tallies);
        expect(reopened.current.seq).toBe(store.current.seq);
      }),
      { numRuns: 60 },
    );
  });

  it('stored in a transaction that failed, leave no patch without its whole event behind', () => {
    const source = makeTempDir('anchor-published-');
    const target = makeTempDir('anchor-published-');
    temps.push(source, target);
    const store = open(source.path);
    // Twenty products sold, then one more order: the second event is small enough to be stored as a patch.
    const sale = (n: number) => orderEvent({ eventId: `e${n}`, orderId: `o${n}`, occurredAt: t0, items: [{ sku: `SKU-${n % 20}`, quantity: 1, unitPrice: 1_000 }] });
    const events = [Array.from({ length: 20 }, (_, n) => sale(n)), [sale(20)]].map((batch) => {
      store.commit([{ source: 'test', events: batch }], t0);
      return store.current;
    });
    const db = openLedgerDb(target.path);
    const log = new TallyLog(db);
    // The first event, whole, in a commit that fails after it was written (the disk full at COMMIT, say).
    const failing = db.transaction(() => {
      log.append(events[0]!, events[0]!.tallies);
      throw new Error('commit failed');
    });
    expect(() => failing()).toThrow('commit failed');
    db.transaction(() => log.append(events[1]!, events[0]!.tallies))();
    expect(readNewestTallyEvent(db)).toEqual(events[1]);
    db.close();
  });

  it('are rebuilt whole for catch-up across the events stored whole and the pruning of old ones', () => {
    const temp = makeTempDir('anchor-published-');
    temps.push(temp);
    const store = open(temp.path);
    const kept = new Map<number, string>();
    const keep = (event: TallyEvent | null) => event && kept.set(event.seq, JSON.stringify(event.tallies));
    const commits = TALLY_EVENTS_KEPT + 250;
    for (let i = 0; i < commits; i++) {
      const items = [{ sku: `SKU-${i % 7}`, quantity: 1 + (i % 2), unitPrice: 1_000 }];
      keep(store.commit([{ source: 'test', events: [orderEvent({ eventId: `e${i}`, orderId: `o${i % 900}`, status: i % 11 === 0 ? 'refunded' : 'paid', occurredAt: t0 + i * 1_000, items })] }], t0 + i * 1_000).event);
      if (i % 400 === 0) keep(store.recordSegment({ cueId: `cue-${i}`, label: `Cue ${i}`, startedAt: t0 + i * 1_000 - 500 }, t0 + i * 1_000));
    }
    const last = store.current.seq;
    const reopened = open(temp.path);
    for (const after of [last - 1, last - 99, last - 100, last - 101, last - 450, last - 500]) {
      const { events, isComplete } = reopened.eventsAfter(after);
      expect(isComplete, `after ${after}`).toBe(true);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: last - after }, (_, i) => after + 1 + i));
      for (const event of events) expect(event.tallies, `event ${event.seq} after ${after}`).toEqual(JSON.parse(kept.get(event.seq)!));
    }
    // Back to the oldest kept (the pruning leaves the whole event its patches build on), in a page big enough.
    const file = new Database(join(temp.path, 'ledger.db'), { readonly: true });
    const oldest = (file.prepare('SELECT MIN(seq) AS seq FROM tally_events').get() as { seq: number }).seq;
    file.close();
    expect(last - oldest + 1).toBeGreaterThanOrEqual(TALLY_EVENTS_KEPT);
    const all = reopened.eventsAfter(oldest - 1, 5_000);
    expect(all.isComplete).toBe(true);
    expect(all.events).toHaveLength(last - oldest + 1);
    for (const event of all.events) expect(event.tallies, `event ${event.seq}`).toEqual(JSON.parse(kept.get(event.seq)!));
    // Further back than a page: the first page, and the client asks again after its last.
    const first = reopened.eventsAfter(last - 501);
    expect(first).toMatchObject({ isComplete: true, hasMore: true });
    expect(first.events.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => last - 500 + i));
    expect(reopened.eventsAfter(last - 1)).toMatchObject({ isComplete: true, hasMore: false, events: [{ seq: last }] });
    // Further back than what is kept: the newest alone, whole, and the client knows it missed some.
    expect(reopened.eventsAfter(oldest - 2, 5_000)).toMatchObject({ isComplete: false, events: [{ seq: last }] });
    expect(reopened.current.tallies).toEqual(JSON.parse(kept.get(last)!));
  });

  it('share the buckets a commit did not touch, so a commit costs what it changes, not the size of the catalog', () => {
    const temp = makeTempDir('anchor-published-');
    temps.push(temp);
    const store = open(temp.path);
    const skus = Array.from({ length: 200 }, (_, i) => `SKU-${i}`);
    store.updateSettings((s) => ({ ...s, stock: Object.fromEntries(skus.map((sku) => [sku, { initial: 100, lowAt: 5 }])) }), t0);
    store.commit([{ source: 'test', events: skus.map((sku, i) => orderEvent({ eventId: `a${i}`, orderId: `a${i}`, occurredAt: t0 + i, items: [{ sku, quantity: 1, unitPrice: 1_000 }] })) }], t0 + 1_000);
    const before = store.current.tallies;
    store.commit([{ source: 'test', events: [orderEvent({ eventId: 'b', orderId: 'b', occurredAt: t0 + 2_000, items: [{ sku: 'SKU-7', quantity: 2, unitPrice: 1_000 }] })] }], t0 + 2_000);
    const after = store.current.tallies;
    expect(after.bySku['SKU-7']).toMatchObject({ units: 3, unitsTaken: 3 });
    expect(before.bySku['SKU-7']).toMatchObject({ units: 1, unitsTaken: 1 });
    expect(after.stock['SKU-7']).toMatchObject({ left: 97 });
    expect(before.stock['SKU-7']).toMatchObject({ left: 99 });
    const shared = skus.filter((sku) => sku !== 'SKU-7' && after.bySku[sku] === before.bySku[sku] && after.stock[sku] === before.stock[sku]);
    expect(shared).toHaveLength(skus.length - 1);
  });
});
