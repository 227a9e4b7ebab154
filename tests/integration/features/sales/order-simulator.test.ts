import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REHEARSAL_PLATFORM } from '../../../../electron/features/sales/domain/ledger';
import { DEFAULT_ORDER_SIMULATION } from '../../../../electron/features/sales/domain/order-simulation';
import { LEDGER_FILE } from '../../../../electron/features/sales/hub/sales-feature';
import { verifyLedger } from '../../../../electron/features/sales/hub/ledger/ledger-verify';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { ORDER_SIMULATOR_EVENT, type OrderSimulatorStatus } from '../../../../electron/features/sales/protocol/sales-events';
import { connectClient, sendOk as ok, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { getTallies, orderEvent, postSignedOrders, waitForTallies } from '../../../helpers/orders';
import { product, productCue } from '../../../helpers/rundown';

describe('rehearsal order simulator on a real hub (signed POST /api/v1/orders, real SQLite)', () => {
  let hub: TestHub | undefined;
  let anchor: ConnectedClient | undefined;
  afterEach(async () => {
    anchor?.close();
    await hub?.stop();
    hub = anchor = undefined;
  });

  it('refuses to start with nothing to sell, and refuses a moderator', async () => {
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    const empty = await sendCommand(anchor, 'sales.simulator.start', DEFAULT_ORDER_SIMULATION);
    expect(empty).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringContaining('add product cues first') } });
    const moderator = await connectClient(hub.url, hub.tokens.issue({ id: 'm', role: 'moderator', name: 'Mod' }));
    const refused = await sendCommand(moderator, 'sales.simulator.start', DEFAULT_ORDER_SIMULATION);
    moderator.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sells the live cue through the signed path, messily delivered yet counted exactly; clearing stops counting it', async () => {
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    const statuses: OrderSimulatorStatus[] = [];
    anchor.on(ORDER_SIMULATOR_EVENT as never, (s: OrderSimulatorStatus) => void statuses.push(s));
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-1', { stock: 10_000 }), product('CUP-2', { price: 3_900, listPrice: null, stock: 10_000 })] });
    await ok(anchor, 'cue.add', { cue: productCue('c-tea', 'TEA-1') });
    await ok(anchor, 'cue.add', { cue: productCue('c-cup', 'CUP-2') });
    await ok(anchor, 'cue.goto', { id: 'c-tea' });

    const settings = { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: 3_000, duplicateShare: 0.3, lateShare: 0.2 };
    await ok(anchor, 'sales.simulator.start', settings);
    expect(statuses.at(-1)).toEqual({ settings });
    const during = await waitForTallies(hub.url, hub.anchorToken, (t) => t.ordersPaid >= 20, '20 paid rehearsal orders');
    await ok(anchor, 'sales.simulator.stop', {});
    expect(statuses.at(-1)).toEqual({ settings: null });

    // Only the simulator sold, on its own platform, mostly the live cue's product, at catalog prices.
    expect(Object.keys(during.byPlatform)).toEqual([REHEARSAL_PLATFORM]);
    expect(during.bySegment['c-tea'].orders).toBe(during.ordersPaid);
    expect(during.bySku['TEA-1'].units).toBeGreaterThan(during.bySku['CUP-2']?.units ?? 0);
    expect(during.bySku['TEA-1'].gmv % 12_800).toBe(0);
    expect(during.rehearsal.orders).toBeGreaterThanOrEqual(during.ordersPaid);
    expect(during.stock['TEA-1'].left).toBe(10_000 - during.bySku['TEA-1'].units);

    // The stop is answered once the posts in flight have landed (no sleep): the tallies no longer move, and the ledger
    // is checked the way `npm run ledger:verify` does.
    const settled = await getTallies(hub.url, hub.anchorToken);
    const db = new Database(join(hub.dataDir, LEDGER_FILE), { readonly: true });
    const verdict = verifyLedger(db);
    const later = await getTallies(hub.url, hub.anchorToken);
    expect({ entries: later.chain.entries, orders: later.ordersPaid + later.pendingOrders + later.cancelledOrders }, 'an order landed after the stop was answered').toEqual({
      entries: settled.chain.entries,
      orders: settled.ordersPaid + settled.pendingOrders + settled.cancelledOrders,
    });
    const sources = db.prepare('SELECT DISTINCT source FROM ledger_entries').all();
    db.close();
    expect(verdict.problems).toEqual([]);
    expect(sources).toEqual([{ source: 'http' }]);

    await ok(anchor, 'sales.clearRehearsal', {});
    const cleared = await getTallies(hub.url, hub.anchorToken);
    expect(cleared).toMatchObject({ ordersPaid: 0, gmv: 0, pendingOrders: 0, cancelledOrders: 0, byPlatform: {}, rehearsal: { orders: 0 } });
    expect(cleared.stock['TEA-1'].left).toBe(10_000);
    // The entries stay in the ledger (nothing is ever deleted); they just no longer count.
    expect(cleared.chain.entries).toBe(settled.chain.entries);

    const secret = loadOrdersSecret(hub.dataDir);
    const real = await postSignedOrders(hub.url, secret, orderEvent({ eventId: 'real-1', orderId: 'real-1', items: [{ sku: 'TEA-1', quantity: 1, unitPrice: 12_800 }] }));
    expect(real.status).toBe(200);
    expect(await getTallies(hub.url, hub.anchorToken)).toMatchObject({ ordersPaid: 1, gmv: 12_800, byPlatform: { douyin: { orders: 1 } } });
  }, 60_000);

  it('sells a product with stock 12 out and never below zero, at most 10 of them at a limited flash price (issue #21)', async () => {
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-SET', { stock: 12 })] });
    await ok(anchor, 'cue.add', { cue: productCue('c-set', 'TEA-SET') });
    await ok(anchor, 'cue.goto', { id: 'c-set' });
    await ok(anchor, 'flash.start', { sku: 'TEA-SET', price: 9_900, durationMs: 600_000, limit: 10 });
    // Buyers far faster than payments: dozens of orders are placed before the first one is paid.
    await ok(anchor, 'sales.simulator.start', { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: 3_000, refundShare: 0 });
    await waitForTallies(hub.url, hub.anchorToken, (t) => t.stock['TEA-SET'].left === 0 && t.pendingOrders === 0, 'the tea set sold out', 60_000);
    await ok(anchor, 'sales.simulator.stop', {});

    // Every tally the ledger ever published (each commit's, not only the throttled broadcasts) showed stock >= 0.
    const res = await fetch(`${hub.url}/api/v1/tallies/events?after=0`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } });
    const { events, isComplete } = (await res.json()) as { events: { tallies: { stock: Record<string, { left: number }> } }[]; isComplete: boolean };
    expect(isComplete).toBe(true);
    const lowest = Math.min(...events.map((e) => e.tallies.stock['TEA-SET']?.left ?? Infinity));
    expect(lowest).toBe(0);
    const db = new Database(join(hub.dataDir, LEDGER_FILE), { readonly: true });
    const rows = db.prepare("SELECT items, status FROM orders WHERE platform = 'rehearsal'").all() as { items: string; status: string }[];
    db.close();
    const lines = rows.map((r) => ({ status: r.status, line: (JSON.parse(r.items) as [string, number, number][])[0]! }));
    const atFlashPrice = lines.filter((l) => l.line[2] === 9_900).reduce((n, l) => n + l.line[1], 0);
    expect(atFlashPrice).toBeGreaterThan(0);
    expect(atFlashPrice).toBeLessThanOrEqual(10);
    expect(lines.filter((l) => l.status === 'paid').reduce((n, l) => n + l.line[1], 0)).toBe(12);
  }, 90_000);
});
