import { afterEach, describe, expect, it } from 'vitest';
import { CATCH_UP_PAGE_BYTES } from '../../../../electron/features/sales/hub/ledger/tally-log';
import { orderEvent } from '../../../helpers/orders';
import { openLedgerStore } from '../../../helpers/ledger-db';
import { makeTempDir } from '../../../helpers/temp-dir';

// A whole tally event carries a line per product (~340 kB with 2,000). Catch-up used to answer with up to 500 of them
// at once (~170 MB of JSON built in the hub's heap for one client coming back from a gap): pages are bounded in size.
const COMMITS = 120;

describe('tally catch-up', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.remove()));

  it('pages through the kept events in pages of bounded size that together give every event in order', () => {
    const temp = makeTempDir('anchor-catch-up-');
    temps.push(temp);
    const store = openLedgerStore(temp.path);
    const t = 1_800_000_000_000;
    // 2,000 products sold: every event's tallies list them all.
    const skus = Array.from({ length: 2_000 }, (_, i) => `SKU-${String(i).padStart(5, '0')}`);
    store.commit([{ source: 'test', events: skus.map((sku, i) => orderEvent({ eventId: `a-${i}`, orderId: `a-${i}`, occurredAt: t, items: [{ sku, quantity: 1, unitPrice: 990 }] })) }], t);
    const start = store.current.seq;
    for (let i = 0; i < COMMITS; i++) {
      store.commit([{ source: 'test', events: [orderEvent({ eventId: `b-${i}`, orderId: `b-${i}`, occurredAt: t + i, items: [{ sku: skus[i]!, quantity: 1, unitPrice: 990 }] })] }], t + i);
    }
    const wholeBytes = JSON.stringify(store.current).length;
    expect(wholeBytes * COMMITS).toBeGreaterThan(2 * CATCH_UP_PAGE_BYTES); // the events need at least three pages

    const seqs: number[] = [];
    let after = start;
    let pages = 0;
    for (;;) {
      const page = store.eventsAfter(after);
      pages += 1;
      expect(page.isComplete).toBe(true);
      expect(page.events.length).toBeGreaterThan(0);
      // At most the budget, or a single event when one alone is larger.
      expect(JSON.stringify(page.events).length).toBeLessThanOrEqual(Math.max(CATCH_UP_PAGE_BYTES, wholeBytes) + page.events.length);
      seqs.push(...page.events.map((e) => e.seq));
      after = page.events.at(-1)!.seq;
      if (!page.hasMore) break;
      expect(pages).toBeLessThan(COMMITS);
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seqs).toEqual(Array.from({ length: COMMITS }, (_, i) => start + 1 + i));
    expect(store.eventsAfter(after)).toEqual({ events: [], isComplete: true, hasMore: false });
    // The last page ends with the ledger's newest event, whole.
    expect(store.eventsAfter(store.current.seq - 1).events).toEqual([store.current]);
  });
});
