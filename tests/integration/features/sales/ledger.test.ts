import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TALLY_EVENT, type TallyEvent } from '../../../../electron/features/sales/protocol/sales-events';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { CATCH_UP_PAGE_BYTES } from '../../../../electron/features/sales/hub/ledger/tally-log';
import { connectClient, postCommand, sendCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { followTallies, getTallies, orderEvent, postOrdersOk, postSignedOrders } from '../../../helpers/orders';
import { makeTempDir } from '../../../helpers/temp-dir';
import { nextEvent } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

const hubs: TestHub[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.stop();
  for (const c of cleanups.splice(0)) c();
});

async function hub(options: Parameters<typeof startTestHub>[0] = {}) {
  const h = await startTestHub(options);
  hubs.push(h);
  return { hub: h, secret: loadOrdersSecret(h.dataDir) };
}

function countEntries(dataDir: string): number {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('sales ledger over HTTP', () => {
  it('stores a signed order, answers after commit, and the tallies show it', async () => {
    const { hub: h, secret } = await hub();
    const res = await postSignedOrders(h.url, secret, orderEvent({ eventId: 'e1', orderId: 'o1', items: [{ sku: 'TEA-1', quantity: 2, unitPrice: 1999 }] }));
    expect(res).toMatchObject({ status: 200, body: { ok: true, accepted: 1, duplicates: 0 } });
    const tallies = await getTallies(h.url, h.anchorToken);
    expect(tallies).toMatchObject({ currency: 'CNY', ordersPaid: 1, gmv: 3998, unitsPaid: 2, bySku: { 'TEA-1': { units: 2, gmv: 3998 } } });
    expect(tallies.chain.entries).toBe(1);
    expect(countEntries(h.dataDir)).toBe(1);
  });

  it('counts redelivered, reordered and batched events exactly once', async () => {
    const { hub: h, secret } = await hub();
    const t = Date.now() - 60_000;
    const created = orderEvent({ eventId: 'c1', orderId: 'o1', status: 'created', occurredAt: t });
    const paid = orderEvent({ eventId: 'p1', orderId: 'o1', status: 'paid', occurredAt: t + 1000 });
    const refunded = orderEvent({ eventId: 'r1', orderId: 'o1', status: 'refunded', occurredAt: t + 2000 });
    const other = orderEvent({ eventId: 'p2', orderId: 'o2', status: 'paid', occurredAt: t + 500, platform: 'shopify' });
    expect((await postSignedOrders(h.url, secret, { events: [paid, paid, other] })).body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect((await postSignedOrders(h.url, secret, created)).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 2, gmv: 3998, byPlatform: { douyin: { orders: 1 }, shopify: { orders: 1 } } });
    expect((await postSignedOrders(h.url, secret, { events: [refunded, created, other] })).body).toMatchObject({ accepted: 1, duplicates: 2 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 1, gmv: 1999, refundedOrders: 1, refundedAmount: 1999 });
    // A late "paid" (older than the refund) does not resurrect the order.
    const latePaid = orderEvent({ eventId: 'p1-again', orderId: 'o1', status: 'paid', occurredAt: t + 1500 });
    expect((await postSignedOrders(h.url, secret, latePaid)).body).toMatchObject({ accepted: 1 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 1, refundedOrders: 1 });
    expect(countEntries(h.dataDir)).toBe(5);
  });

  it('refuses bad signatures, stale timestamps, schema violations and oversize bodies, and stores nothing', async () => {
    const { hub: h, secret } = await hub();
    const good = orderEvent({ eventId: 'e1', orderId: 'o1' });
    const bad = await postSignedOrders(h.url, secret, good, { signature: 'sha256=' + '0'.repeat(64) });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toMatch(/X-Anchor-Signature/);
    expect(JSON.stringify(bad.body)).not.toContain(secret);
    const stale = await postSignedOrders(h.url, secret, good, { timestampSeconds: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toMatch(/5 minutes/);
    const floatPrice = await postSignedOrders(h.url, secret, { events: [good, { ...good, eventId: 'e2', items: [{ sku: 'A', quantity: 1, unitPrice: 19.99 }] }] });
    expect(floatPrice.status).toBe(400);
    expect(floatPrice.body.error.message).toMatch(/events\.1\.items\.0\.unitPrice: unitPrice must be whole minor units/);
    const missing = await postSignedOrders(h.url, secret, { ...good, status: 'shipped' } as never);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/status/);
    const notJson = await postSignedOrders(h.url, secret, '{"eventId":');
    expect(notJson.status).toBe(400);
    const huge = await postSignedOrders(h.url, secret, Buffer.alloc(1024 * 1024 + 10, 0x20));
    expect(huge.status).toBe(413);
    expect(countEntries(h.dataDir)).toBe(0);
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ seq: 0, ordersPaid: 0, chain: { entries: 0 } });
  });

  it('GET /api/v1/tallies needs the token of a role that reads sales', async () => {
    const { hub: h } = await hub();
    expect((await fetch(`${h.url}/api/v1/tallies`)).status).toBe(401);
    const viewer = h.tokens.issue({ id: 'v', role: 'viewer', name: 'Viewer' });
    expect((await fetch(`${h.url}/api/v1/tallies`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(403);
    const moderator = h.tokens.issue({ id: 'm', role: 'moderator', name: 'Moderator' });
    expect((await fetch(`${h.url}/api/v1/tallies`, { headers: { Authorization: `Bearer ${moderator}` } })).status).toBe(200);
  });

  it('attributes orders to the cue segment live when they were placed, including segments recorded later', async () => {
    const { hub: h, secret } = await hub();
    const t0 = Date.now() - 10 * 60_000;
    await postOrdersOk(h.url, secret, {
      events: [
        orderEvent({ eventId: 'a', orderId: 'a', occurredAt: t0 + 30_000 }),
        orderEvent({ eventId: 'b', orderId: 'b', occurredAt: t0 + 90_000, items: [{ sku: 'CUP', quantity: 3, unitPrice: 500 }] }),
        orderEvent({ eventId: 'c', orderId: 'c', occurredAt: t0 - 30_000 }),
      ],
    });
    expect((await postCommand(h.url, h.anchorToken, 'segment.start', { cueId: 'teapot', label: 'Teapot', startedAt: t0 })).status).toBe(200);
    expect((await postCommand(h.url, h.anchorToken, 'segment.start', { cueId: 'cups', label: 'Cups', startedAt: t0 + 60_000 })).status).toBe(200);
    const tallies = await getTallies(h.url, h.anchorToken);
    const sold = (gmv: number, units: number) => ({ placed: 1, orders: 1, paid: gmv, refunded: 0, gmv, units });
    expect(tallies.bySegment).toEqual({ teapot: { label: 'Teapot', ...sold(1999, 1) }, cups: { label: 'Cups', ...sold(1500, 3) } });
    expect(tallies.unattributed).toEqual(sold(1999, 1));
  });

  it('decrements stock on paid orders and alerts producers when it runs low', async () => {
    const { hub: h, secret } = await hub();
    const producerToken = h.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' });
    const producer = await connectClient(h.url, producerToken);
    cleanups.push(() => producer.close());
    expect(await sendCommand(producer, 'sales.setStock', { sku: 'TEA-1', initial: 5, lowAt: 2 })).toMatchObject({ ok: true });
    expect(await sendCommand(producer, 'sales.setTarget', { gmv: 100_000, orders: 10 })).toMatchObject({ ok: true });
    const alert = nextEvent(producer as any, 'stock.low', QUICK_MS, 'the low-stock alert');
    await postOrdersOk(h.url, secret, orderEvent({ eventId: 'e1', orderId: 'o1', items: [{ sku: 'TEA-1', quantity: 3, unitPrice: 100 }] }));
    expect(await alert).toEqual({ sku: 'TEA-1', left: 2, lowAt: 2, at: expect.any(Number) });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({
      stock: { 'TEA-1': { initial: 5, left: 2, isLow: true } },
      target: { gmv: 100_000, orders: 10 },
    });
  });

  it('records a manual order through order.record with the same dedupe', async () => {
    const { hub: h } = await hub();
    const event = orderEvent({ eventId: 'manual-1', orderId: 'm1', platform: 'manual' });
    expect((await postCommand(h.url, h.anchorToken, 'order.record', event)).body).toMatchObject({ ok: true });
    expect((await postCommand(h.url, h.anchorToken, 'order.record', event)).body).toMatchObject({ ok: true });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 1 });
    const viewer = h.tokens.issue({ id: 'v', role: 'viewer', name: 'Viewer' });
    expect((await postCommand(h.url, viewer, 'order.record', event)).status).toBe(403);
  });

  it('imports a CSV of order lines, all or nothing', async () => {
    const { hub: h } = await hub();
    const post = (csv: string) =>
      fetch(`${h.url}/api/v1/orders/import`, { method: 'POST', headers: { Authorization: `Bearer ${h.anchorToken}`, 'Content-Type': 'text/csv' }, body: csv });
    const header = 'eventId,platform,orderId,status,occurredAt,currency,sku,quantity,unitPrice\n';
    const bad = await post(header + 'x1,taobao,o9,paid,2026-11-21T10:00:00Z,CNY,TEA,1,1999\nx2,taobao,o8,paid,2026-11-21T10:00:00Z,CNY,TEA,one,1999\n');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/Order event 2 .*quantity.*Nothing was imported/);
    const ok = await post(header + 'x1,taobao,o9,paid,2026-11-21T10:00:00Z,CNY,TEA,1,1999\nx1,taobao,o9,paid,2026-11-21T10:00:00Z,CNY,"CUP, white",2,500\n');
    expect(await ok.json()).toMatchObject({ ok: true, accepted: 1 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 1, gmv: 2999, bySku: { TEA: { units: 1 }, 'CUP, white': { units: 2 } } });
  });
});

describe('a new show', () => {
  it('starts the figures from zero; a late refund of the last show stays there; the report covers this show only', async () => {
    const { hub: h, secret } = await hub();
    const items = [{ sku: 'TEA-1', quantity: 1, unitPrice: 10_000 }];
    const earlier = Date.now() - 3 * 60 * 60_000;
    await postOrdersOk(h.url, secret, { events: [orderEvent({ eventId: 'a', orderId: 'o1', occurredAt: earlier, items }), orderEvent({ eventId: 'b', orderId: 'o2', occurredAt: earlier, items })] });
    await postCommand(h.url, h.anchorToken, 'segment.start', { cueId: 'old-cue', label: 'Last show', startedAt: earlier });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 2, gmv: 20_000 });

    const producer = h.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' });
    expect((await postCommand(h.url, producer, 'sales.newShow', {})).status).toBe(403);
    expect((await postCommand(h.url, h.anchorToken, 'sales.newShow', {})).body).toMatchObject({ ok: true });
    const fresh = await getTallies(h.url, h.anchorToken);
    expect(fresh).toMatchObject({ ordersPaid: 0, gmv: 0, byMinute: {}, showStartedAt: expect.any(Number) });

    // The last show's order refunded now, and a sale of this show: only the sale counts here.
    await postOrdersOk(h.url, secret, { events: [orderEvent({ eventId: 'c', orderId: 'o1', status: 'refunded', items }), orderEvent({ eventId: 'd', orderId: 'o3', items })] });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ ordersPaid: 1, gmv: 10_000, refundedOrders: 0 });
    expect(countEntries(h.dataDir)).toBe(4);

    const res = await fetch(`${h.url}/api/v1/reports/timeline.json`, { headers: { Authorization: `Bearer ${h.anchorToken}` } });
    const { timeline } = (await res.json()) as { timeline: { from: number; minutes: unknown[] } };
    // The window opens in the minute the new show started, not three hours back with the last show's orders.
    expect(timeline.from).toBe(fresh.showStartedAt - (fresh.showStartedAt % 60_000));
  });
});

describe('Shopify orders webhook', () => {
  const shopifySecret = 'shpss_' + 'k'.repeat(32);
  const sign = (raw: string) => createHmac('sha256', shopifySecret).update(raw).digest('base64');
  const order = (overrides: object = {}) =>
    JSON.stringify({
      id: 820982911946154500,
      currency: 'USD',
      created_at: '2026-11-21T10:00:00-05:00',
      updated_at: '2026-11-21T10:01:00-05:00',
      line_items: [{ sku: 'IPOD-1', variant_id: 1, quantity: 2, price: '199.90' }],
      ...overrides,
    });
  const deliver = (url: string, topic: string, eventId: string, raw: string, hmac = sign(raw)) =>
    fetch(`${url}/api/v1/webhooks/shopify/orders`, {
      method: 'POST',
      headers: { 'X-Shopify-Topic': topic, 'X-Shopify-Event-Id': eventId, 'X-Shopify-Hmac-Sha256': hmac, 'Content-Type': 'application/json' },
      body: raw,
    });

  it('maps create/paid to the ledger, dedupes on X-Shopify-Event-Id and refuses a bad HMAC', async () => {
    const previous = process.env.ANCHOR_SHOPIFY_SECRET;
    process.env.ANCHOR_SHOPIFY_SECRET = shopifySecret;
    cleanups.push(() => (previous === undefined ? delete process.env.ANCHOR_SHOPIFY_SECRET : (process.env.ANCHOR_SHOPIFY_SECRET = previous)));
    const { hub: h } = await hub();
    await postCommand(h.url, h.anchorToken, 'sales.setTarget', { gmv: null, orders: null, currency: 'USD' });
    expect((await deliver(h.url, 'orders/create', 'ev-1', order())).status).toBe(200);
    expect((await deliver(h.url, 'orders/paid', 'ev-2', order())).status).toBe(200);
    const again = await deliver(h.url, 'orders/paid', 'ev-2', order());
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await deliver(h.url, 'orders/paid', 'ev-3', order(), sign('tampered'))).status).toBe(401);
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ currency: 'USD', ordersPaid: 1, gmv: 39980, bySku: { 'IPOD-1': { units: 2 } } });
  });

  it('says how to turn it on when no Shopify secret is configured', async () => {
    const previous = process.env.ANCHOR_SHOPIFY_SECRET;
    delete process.env.ANCHOR_SHOPIFY_SECRET;
    cleanups.push(() => previous !== undefined && (process.env.ANCHOR_SHOPIFY_SECRET = previous));
    const { hub: h } = await hub();
    const res = await deliver(h.url, 'orders/paid', 'ev-1', order());
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.message).toMatch(/ANCHOR_SHOPIFY_SECRET/);
  });
});

describe('live tallies over socket.io', () => {
  it('sends each commit as a sequenced event and catches a reconnecting client up, also across a restart', async () => {
    const temp = makeTempDir('anchor-ledger-');
    cleanups.push(temp.remove);
    const first = await startTestHub({ dataDir: temp.path });
    const secret = loadOrdersSecret(temp.path);
    let seen: TallyEvent[] = [];
    const client = await connectClient(first.url, first.anchorToken, (socket) => void (seen = followTallies(socket as any)));
    await postOrdersOk(first.url, secret, orderEvent({ eventId: 'e1', orderId: 'o1' }));
    await expect.poll(() => seen.at(-1)?.tallies.ordersPaid).toBe(1);
    const lastSeen = seen.at(-1)!.seq;
    expect(seen.at(-1)!.changes).toMatchObject([{ orderId: 'o1', status: 'paid', previousStatus: null, total: 1999 }]);
    client.close();

    await postOrdersOk(first.url, secret, orderEvent({ eventId: 'e2', orderId: 'o2' }));
    await postOrdersOk(first.url, secret, orderEvent({ eventId: 'e3', orderId: 'o3' }));
    await first.close();

    const second = await startTestHub({ dataDir: temp.path });
    hubs.push({ ...second, stop: second.close } as TestHub);
    const { io } = await import('socket.io-client');
    const missed: TallyEvent[] = [];
    const bridge = io(second.url, { auth: { token: second.anchorToken, tallyAfterSeq: lastSeen }, transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => bridge.close());
    bridge.on(TALLY_EVENT, (e: TallyEvent) => missed.push(e));
    await expect.poll(() => missed.length).toBe(2);
    expect(missed.map((e) => e.seq)).toEqual([lastSeen + 1, lastSeen + 2]);
    expect(missed.at(-1)!.tallies).toMatchObject({ ordersPaid: 3, gmv: 3 * 1999 });

    // A UI client (no tallyAfterSeq) gets the newest event on connect: a complete snapshot.
    const ui = io(second.url, { auth: { token: second.anchorToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => ui.close());
    const snapshot = await nextEvent<TallyEvent>(ui as any, TALLY_EVENT, QUICK_MS, 'the tally snapshot');
    expect(snapshot.seq).toBe(lastSeen + 2);
    expect(snapshot.tallies.ordersPaid).toBe(3);

    // A bridge that is ahead of this hub (it saw a ledger since restored from a backup) gets the snapshot, not silence.
    const ahead = io(second.url, { auth: { token: second.anchorToken, tallyAfterSeq: 10_000 }, transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => ahead.close());
    expect((await nextEvent<TallyEvent>(ahead as any, TALLY_EVENT, QUICK_MS, 'the tally snapshot for a bridge ahead')).seq).toBe(lastSeen + 2);
  });
});

describe('live tallies as patches', () => {
  it('gives a window the figures the ledger holds after a burst, in patches a fraction of the whole event', async () => {
    const { hub: h, secret } = await hub();
    const skus = Array.from({ length: 300 }, (_, i) => `SKU-${i}`);
    await postCommand(h.url, h.anchorToken, 'sales.setStocks', { items: skus.map((sku) => ({ sku, initial: 1_000, lowAt: 5 })) });
    const sizes = { patch: [] as number[], whole: [] as number[] };
    let seen: TallyEvent[] = [];
    const client = await connectClient(h.url, h.anchorToken, (socket) => {
      seen = followTallies(socket as any);
      (socket as any).on('tally.patch', (e: { patch: unknown }) => sizes.patch.push(JSON.stringify(e.patch).length));
      (socket as any).on(TALLY_EVENT, (e: TallyEvent) => sizes.whole.push(JSON.stringify(e.tallies).length));
    });
    cleanups.push(() => client.close());
    // Bursts of orders, refunds and cancellations, concurrent: commits group and broadcasts coalesce.
    const t = Date.now() - 60_000;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postOrdersOk(h.url, secret, {
          events: [
            orderEvent({ eventId: `p${i}`, orderId: `o${i}`, occurredAt: t + i, items: [{ sku: skus[(i * 7) % 300]!, quantity: 2, unitPrice: 1_990 }] }),
            orderEvent({ eventId: `q${i}`, orderId: `o${i % 5}`, status: i % 3 ? 'refunded' : 'cancelled', occurredAt: t + 100 + i, items: [{ sku: skus[((i % 5) * 7) % 300]!, quantity: 2, unitPrice: 1_990 }] }),
          ],
        }),
      ),
    );
    const { seq, at: _at, chain: _chain, ...final } = (await getTallies(h.url, h.anchorToken)) as { seq: number; at: number; chain: unknown };
    await expect.poll(() => seen.at(-1)?.seq, { timeout: QUICK_MS }).toBe(seq);
    expect(seen.at(-1)!.tallies).toEqual(final);
    expect(sizes.patch.length).toBeGreaterThan(0);
    // Whole tallies carry a line per product (300 here); a patch only what the commits since the one before changed.
    expect(Math.max(...sizes.patch)).toBeLessThan(sizes.whole[0]! / 2);
    expect(sizes.patch.reduce((a, b) => a + b, 0) / sizes.patch.length).toBeLessThan(sizes.whole[0]! / 5);
  });
});

describe('a bridge catching up with a full catalog', () => {
  it('gets one bounded page of the events it missed, then the newest, and pages through the rest over HTTP', async () => {
    const { hub: h, secret } = await hub();
    const skus = Array.from({ length: 2_000 }, (_, i) => `SKU-${String(i).padStart(5, '0')}`);
    const first = skus.map((sku, i) => orderEvent({ eventId: `a-${i}`, orderId: `a-${i}`, items: [{ sku, quantity: 1, unitPrice: 990 }] }));
    for (let i = 0; i < first.length; i += 1_000) await postOrdersOk(h.url, secret, { events: first.slice(i, i + 1_000) });
    const start = (await getTallies(h.url, h.anchorToken)).seq;
    for (let i = 0; i < 60; i++) await postOrdersOk(h.url, secret, orderEvent({ eventId: `b-${i}`, orderId: `b-${i}`, items: [{ sku: skus[i]!, quantity: 1, unitPrice: 990 }] }));
    const newest = (await getTallies(h.url, h.anchorToken)).seq;
    expect(newest).toBe(start + 60);

    const { io } = await import('socket.io-client');
    const got: TallyEvent[] = [];
    const bridge = io(h.url, { auth: { token: h.anchorToken, tallyAfterSeq: start }, transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => bridge.close());
    bridge.on(TALLY_EVENT, (e: TallyEvent) => got.push(e));
    await expect.poll(() => got.at(-1)?.seq).toBe(newest);
    const page = got.slice(0, -1);
    // ~190 kB per event: a page of at most ~8 MB, far fewer than the 60 missed; the newest closes it.
    expect(page.length).toBeGreaterThan(0);
    expect(page.length).toBeLessThan(60);
    expect(JSON.stringify(page).length).toBeLessThanOrEqual(CATCH_UP_PAGE_BYTES + page.length);
    expect(page.map((e) => e.seq)).toEqual(Array.from({ length: page.length }, (_, i) => start + 1 + i));

    const seqs = page.map((e) => e.seq);
    let after = seqs.at(-1)!;
    for (let more = true; more; ) {
      const res = await fetch(`${h.url}/api/v1/tallies/events?after=${after}`, { headers: { Authorization: `Bearer ${h.anchorToken}` } });
      const body = (await res.json()) as { events: TallyEvent[]; isComplete: boolean; hasMore: boolean };
      expect(body.isComplete).toBe(true);
      seqs.push(...body.events.map((e) => e.seq));
      after = body.events.at(-1)!.seq;
      more = body.hasMore;
    }
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => start + 1 + i));
  });
});
