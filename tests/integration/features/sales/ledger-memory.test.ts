import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../../electron/features/sales/domain/ledger';
import { orderEvent } from '../../../helpers/orders';
import { openLedgerStore } from '../../../helpers/ledger-db';
import { makeTempDir } from '../../../helpers/temp-dir';

// A seven-hour show is ~50,000 orders. The ledger's figures come from every order, but the orders themselves live in
// ledger.db: the hub's heap must not grow with them (it did: an in-memory copy of every order's state, ~430 B each,
// 22 MB by the end of such a show, and more than that again in garbage the heap kept room for).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after full collections, bytes. */
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('ledger memory', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => temps.splice(0).forEach((t) => t.remove()));

  it('keeps no per-order state in memory: 20,000 more orders (each paid, one in ten refunded) add under 100 B each', () => {
    const temp = makeTempDir('anchor-ledger-memory-');
    temps.push(temp);
    const store = openLedgerStore(temp.path);
    const t = 1_800_000_000_000;
    let n = 0;
    // Orders of one minute over 20 products: the figures' own size (minutes, products) stays the same throughout.
    const commitOrders = (count: number) => {
      for (let done = 0; done < count; done += 100) {
        const events: OrderEvent[] = [];
        for (let i = 0; i < 100; i++, n++) {
          const base = { orderId: `o-${n}`, occurredAt: t + (n % 60_000), items: [{ sku: `SKU-${n % 20}`, quantity: 1, unitPrice: 1_990 }] };
          events.push(orderEvent({ ...base, eventId: `c-${n}`, status: 'created' }), orderEvent({ ...base, eventId: `p-${n}`, status: 'paid' }));
          if (n % 10 === 0) events.push(orderEvent({ ...base, eventId: `r-${n}`, status: 'refunded' }));
        }
        store.commit([{ source: 'test', events }], t + 60_000);
      }
    };
    commitOrders(2_000);
    const before = heapAfterGc();
    commitOrders(20_000);
    const after = heapAfterGc();
    expect(store.current.tallies.ordersPaid).toBe(22_000 - 2_200);
    const perOrder = (after - before) / 20_000;
    expect(perOrder, `heap grew ${((after - before) / 1e6).toFixed(1)} MB`).toBeLessThan(100);
  });
});
