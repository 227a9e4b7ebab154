import Database from 'better-sqlite3';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LEDGER_SETTINGS, ORDER_STATUSES, type OrderEvent } from '../../../../electron/features/sales/domain/ledger';
import { deriveTallies } from '../../../../electron/features/sales/domain/tallies';
import { modelOrderStates } from '../../../helpers/order-replay';
import { verifyLedger } from '../../../../electron/features/sales/hub/ledger/ledger-verify';
import { freePort } from '../../../helpers/free-port';
import { startHubProcess, type HubProcess } from '../../../helpers/hub-process';
import { getTallies, postSignedOrders } from '../../../helpers/orders';
import { makeTempDir } from '../../../helpers/temp-dir';

const TOKEN = 'crash-test-anchor-token-' + 'x'.repeat(20);
/** The orders endpoint's secret (the chat one is another). */
const SECRET = 'crash-test-orders-secret-' + 'y'.repeat(20);
const running: HubProcess[] = [];
const temps: { remove(): void }[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.kill();
  temps.splice(0).forEach((t) => t.remove());
});

/**
 * Order histories for many orders: created, paid, sometimes cancelled or refunded, with colliding timestamps; some get
 * partial refund notices (one or two, with or without lines), and about one in ten is a test order.
 */
function makeEvents(orders: number, seed: number): OrderEvent[] {
  const now = Date.now();
  const [events] = fc.sample(
    fc.tuple(
      ...Array.from({ length: orders }, (_, o) =>
        fc
          .tuple(
            fc.subarray([...ORDER_STATUSES], { minLength: 1 }),
            fc.integer({ min: now - 3_600_000, max: now }),
            fc.integer({ min: 1, max: 3 }),
            fc.integer({ min: 100, max: 99_900 }),
            fc.constantFrom('TEA-1', 'CUP-2', 'POT-3', 'TRAY-4'),
            fc.constantFrom('douyin', 'taobao', 'shopify'),
            fc.array(fc.record({ amount: fc.integer({ min: 1, max: 50_000 }), withLine: fc.boolean(), restock: fc.boolean() }), { maxLength: 2 }),
            fc.integer({ min: 0, max: 9 }),
          )
          .map(([statuses, at, quantity, unitPrice, sku, platform, refunds, testDie]) => {
            const lifecycle = statuses.map(
              (status, i): OrderEvent => ({
                eventId: `${o}-${status}`,
                platform,
                orderId: `order-${o}`,
                status,
                occurredAt: at + i * 1000 * (i % 2), // every other step shares a timestamp: the status tie rule decides
                currency: 'CNY',
                items: [{ sku, quantity, unitPrice }],
                ...(testDie === 0 ? { test: true } : {}),
              }),
            );
            const refundNotices = refunds.map(
              (r, i): OrderEvent => ({
                eventId: `${o}-refund-${i}`,
                platform,
                orderId: `order-${o}`,
                status: 'refunded',
                occurredAt: at + 5_000 + i,
                currency: 'CNY',
                items: r.withLine ? [{ sku, quantity: 1, unitPrice }] : [],
                refund: { amount: r.amount, restock: r.restock },
              }),
            );
            return [...lifecycle, ...refundNotices];
          }),
      ),
    ),
    { numRuns: 1, seed },
  );
  return events!.flat();
}

/** Splits events into request bodies of 1-5 events, shuffled (platforms deliver out of order). */
function toRequests(events: OrderEvent[], seed: number): OrderEvent[][] {
  const [order] = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed });
  const requests: OrderEvent[][] = [];
  for (let i = 0; i < order!.length; ) {
    const size = 1 + ((i * 7 + seed) % 5);
    requests.push(order!.slice(i, i + size));
    i += size;
  }
  return requests;
}

/** Sends requests with `concurrency` in flight; records which were acknowledged (2xx); stops at the first transport error. */
async function stream(url: string, requests: OrderEvent[][], concurrency: number, onAck: (events: OrderEvent[]) => void) {
  let next = 0;
  let isDown = false;
  const worker = async () => {
    while (!isDown && next < requests.length) {
      const body = requests[next++]!;
      try {
        const res = await postSignedOrders(url, SECRET, { events: body });
        if (res.status !== 200) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
        onAck(body);
      } catch (err) {
        if ((err as Error).message.startsWith('unexpected')) throw err;
        isDown = true; // the hub died mid-request: this one is unacknowledged, which is allowed to be lost or kept
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function storedEventKeys(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
  try {
    return (db.prepare('SELECT platform, event_id FROM ledger_entries').all() as { platform: string; event_id: string }[]).map((r) => `${r.platform}/${r.event_id}`);
  } finally {
    db.close();
  }
}

describe('ledger crash safety (hub as a child process, SIGKILL)', () => {
  it('keeps every acknowledged order exactly once across SIGKILLs, and redelivery gives the model tallies', async () => {
    const temp = makeTempDir('anchor-crash-');
    temps.push(temp);
    const port = await freePort();
    const events = makeEvents(1500, 7);
    const acked = new Set<string>();
    const start = async () => {
      const p = await startHubProcess({ port, dataDir: temp.path, anchorToken: TOKEN, ingestSecret: `${SECRET}-chat`, ordersSecret: SECRET });
      running.push(p);
      return p;
    };

    for (const [cycle, killAfter] of [60, 150, 250].entries()) {
      const hub = await start();
      let acks = 0;
      let killing: Promise<void> | null = null;
      await stream(hub.url, toRequests(events, cycle + 1), 24, (body) => {
        for (const e of body) acked.add(`${e.platform}/${e.eventId}`);
        // Kill while other requests are still in flight, so some are cut mid-commit or mid-answer.
        if (++acks === killAfter) killing = hub.kill();
      });
      await (killing ?? hub.kill());
      running.splice(running.indexOf(hub), 1);
      // Every acknowledged event is on disk, exactly once.
      const stored = storedEventKeys(temp.path);
      expect(new Set(stored).size).toBe(stored.length);
      const missing = [...acked].filter((k) => !new Set(stored).has(k));
      expect(missing).toEqual([]);
    }
    // The kills really cut the stream short: some events were never acknowledged before the redelivery.
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(events.length);

    // Restart and redeliver everything, twice over, in another order.
    const hub = await start();
    await stream(hub.url, [...toRequests(events, 11), ...toRequests(events, 12)], 16, () => {});
    const tallies = await getTallies(hub.url, TOKEN);
    const { seq: _seq, at: _at, chain, ...figures } = tallies;
    expect(figures).toEqual(deriveTallies(modelOrderStates(events).values(), [], DEFAULT_LEDGER_SETTINGS));
    // The histories did exercise partial refunds and test orders.
    expect(figures.refundedAmount).toBeGreaterThan(0);
    expect(figures.testOrders).toBeGreaterThan(0);
    expect(chain.entries).toBe(events.length);
    await hub.stop();
    running.splice(running.indexOf(hub), 1);

    const db = new Database(join(temp.path, 'ledger.db'), { readonly: true });
    try {
      const verification = verifyLedger(db);
      expect(verification.problems).toEqual([]);
      expect(verification.entries).toBe(events.length);
    } finally {
      db.close();
    }
  }, 240_000);
});
