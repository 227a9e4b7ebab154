import { afterEach, describe, expect, it } from 'vitest';
import { orderEvent } from '../../../helpers/orders';
import { openLedgerStore } from '../../../helpers/ledger-db';
import { makeTempDir } from '../../../helpers/temp-dir';

// A cue going live moves only the orders placed from its start on (recordSegment no longer re-derives every order).
// What must hold: the figures equal the ones a fresh store derives from the file alone, whatever the order of events,
// including a segment recorded late (its start before orders already in), a cue visited twice under a new name, and
// refunds of orders that moved.
describe('cue segments: the figures after each cue change equal a derivation from scratch', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.remove()));

  const open = (dir: string) => openLedgerStore(dir);

  it('moves the orders a late segment takes over, renames a revisited cue, and matches a reopened store', () => {
    const temp = makeTempDir('anchor-segments-');
    temps.push(temp);
    const store = open(temp.path);
    const t = 1_800_000_000_000;
    store.recordSegment({ cueId: 'pot', label: 'Teapot', startedAt: t }, t);
    const sku = (s: string, price: number) => [{ sku: s, quantity: 1, unitPrice: price }];
    store.commit([{ source: 'test', events: [
      orderEvent({ eventId: 'a', orderId: 'o1', occurredAt: t + 1_000, items: sku('POT', 10_000) }),
      orderEvent({ eventId: 'b', orderId: 'o2', occurredAt: t + 5_000, items: sku('CUP', 2_000) }),
      orderEvent({ eventId: 'c', orderId: 'o3', occurredAt: t + 9_000, items: sku('CUP', 3_000) }),
    ] }], t + 10_000);
    // Recorded late: the cups cue started at t+4s, after o1 and before o2 and o3.
    store.recordSegment({ cueId: 'cups', label: 'Cups', startedAt: t + 4_000 }, t + 11_000);
    let figures = store.current.tallies;
    expect(figures.bySegment.pot).toMatchObject({ gmv: 10_000, orders: 1 });
    expect(figures.bySegment.cups).toMatchObject({ gmv: 5_000, orders: 2, label: 'Cups' });
    // A refund of a moved order stays with the cue that sold it.
    store.commit([{ source: 'test', events: [orderEvent({ eventId: 'd', orderId: 'o3', status: 'refunded', occurredAt: t + 12_000, items: sku('CUP', 3_000) })] }], t + 12_000);
    // The teapot cue again, renamed; a cue going live now moves nothing but names the cue anew.
    store.recordSegment({ cueId: 'pot', label: 'Teapot, last call', startedAt: t + 13_000 }, t + 13_000);
    figures = store.current.tallies;
    expect(figures.bySegment.pot).toMatchObject({ gmv: 10_000, label: 'Teapot, last call' });
    expect(figures.bySegment.cups).toMatchObject({ gmv: 2_000, refunded: 3_000 });
    expect(open(temp.path).current.tallies).toEqual(figures);
  });
});
