import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { postCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { getTallies } from '../../../helpers/orders';

/**
 * Shopify's own webhooks against a real hub over HTTP, signed as Shopify signs (base64 HMAC-SHA256 of the raw body with
 * the app's client secret). The bodies follow Shopify's REST Order and Refund samples (shopify-app-js REST fixtures:
 * order 450789469, line items 466157049 and 518995019, refund 929361472 with a "refund"/"success" transaction).
 */

const SECRET = 'shpss_' + 'w'.repeat(32);
const ORDER_ID = 450789469;
const hubs: TestHub[] = [];
let previousSecret: string | undefined;

afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  if (previousSecret === undefined) delete process.env.ANCHOR_SHOPIFY_SECRET;
  else process.env.ANCHOR_SHOPIFY_SECRET = previousSecret;
});

async function shopifyHub(): Promise<TestHub> {
  previousSecret = process.env.ANCHOR_SHOPIFY_SECRET;
  process.env.ANCHOR_SHOPIFY_SECRET = SECRET;
  const h = await startTestHub();
  hubs.push(h);
  await postCommand(h.url, h.anchorToken, 'sales.setTarget', { gmv: null, orders: null, currency: 'USD' });
  return h;
}

/** An order as the REST Order sample has it: one green iPod at 199.00 and two red ones. */
function order(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ORDER_ID,
    test: false,
    financial_status: 'pending',
    currency: 'USD',
    presentment_currency: 'USD',
    total_price: '597.00',
    created_at: '2026-12-04T10:00:00-05:00',
    processed_at: '2026-12-04T10:00:00-05:00',
    updated_at: '2026-12-04T10:01:00-05:00',
    cancelled_at: null,
    cancel_reason: null,
    line_items: [
      { id: 466157049, sku: 'IPOD2008GREEN', variant_id: 39072856, product_id: 632910392, quantity: 1, price: '199.00' },
      { id: 518995019, sku: 'IPOD2008RED', variant_id: 49148385, product_id: 632910392, quantity: 2, price: '199.00' },
    ],
    ...overrides,
  };
}

/** A refund of `quantity` red iPods for `amount`, shaped like the REST Refund sample. */
function refund(amount: string, quantity: number, restockType = 'return', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 929361472,
    order_id: ORDER_ID,
    created_at: '2026-12-04T10:30:00-05:00',
    processed_at: '2026-12-04T10:30:00-05:00',
    note: 'wrong size',
    restock: false,
    order_adjustments: [],
    refund_line_items: quantity
      ? [
          {
            id: 1058498320,
            line_item_id: 518995019,
            quantity,
            restock_type: restockType,
            subtotal: 199.0 * quantity,
            total_tax: 0,
            line_item: { id: 518995019, variant_id: 49148385, sku: 'IPOD2008RED', product_id: 632910392, price: '199.00', quantity: 2 },
          },
        ]
      : [],
    transactions: [{ id: 1068278526, order_id: ORDER_ID, kind: 'refund', gateway: 'bogus', status: 'success', amount, currency: 'USD' }],
    ...overrides,
  };
}

interface Delivery {
  topic: string;
  eventId?: string;
  webhookId?: string;
  body: unknown;
  /** Shopify's newer event subscriptions: the same headers without the X- prefix. */
  newHeaders?: boolean;
  hmac?: string;
}

async function deliver(h: TestHub, d: Delivery): Promise<{ status: number; body: any }> {
  const raw = JSON.stringify(d.body);
  const prefix = d.newHeaders ? 'Shopify-' : 'X-Shopify-';
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [`${prefix}Topic`]: d.topic,
    [`${prefix}Hmac-Sha256`]: d.hmac ?? createHmac('sha256', SECRET).update(raw).digest('base64'),
    [`${prefix}Triggered-At`]: new Date().toISOString(),
  };
  if (d.eventId) headers[`${prefix}Event-Id`] = d.eventId;
  if (d.webhookId) headers[`${prefix}Webhook-Id`] = d.webhookId;
  const res = await fetch(`${h.url}/api/v1/webhooks/shopify/orders`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.json() };
}

describe('Shopify webhooks, complete', () => {
  it('a partial refund of one line lowers net GMV by exactly that line, delivered twice and out of order', async () => {
    const h = await shopifyHub();
    const paid = order({ financial_status: 'paid' });
    // The refund arrives first, then orders/paid (twice), then orders/create last of all.
    expect((await deliver(h, { topic: 'refunds/create', eventId: 'ev-refund', body: refund('199.00', 1) })).body).toMatchObject({ accepted: 1 });
    expect((await getTallies(h.url, h.anchorToken)) as any).toMatchObject({ placedOrders: 0, gmv: 0, refundedAmount: 0 });
    expect((await deliver(h, { topic: 'orders/paid', eventId: 'ev-paid', body: paid })).body).toMatchObject({ accepted: 1 });
    expect((await deliver(h, { topic: 'orders/paid', eventId: 'ev-paid', body: paid })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await deliver(h, { topic: 'refunds/create', eventId: 'ev-refund', body: refund('199.00', 1) })).body).toMatchObject({ duplicates: 1 });
    expect((await deliver(h, { topic: 'orders/create', eventId: 'ev-create', body: order() })).body).toMatchObject({ accepted: 1 });
    const tallies = (await getTallies(h.url, h.anchorToken)) as any;
    expect(tallies).toMatchObject({ currency: 'USD', placedOrders: 1, ordersPaid: 1, paidAmount: 59_700, refundedAmount: 19_900, gmv: 39_800, refundedOrders: 1, unitsPaid: 2 });
    expect(tallies.bySku.IPOD2008RED).toMatchObject({ paid: 39_800, refunded: 19_900, gmv: 19_900, units: 1 });
    expect(tallies.bySku.IPOD2008GREEN).toMatchObject({ paid: 19_900, refunded: 0, gmv: 19_900, units: 1 });
    expect(tallies.byPlatform.shopify).toMatchObject({ paid: 59_700, refunded: 19_900, gmv: 39_800 });
  });

  it('a test order is kept but in no figure; an order created already paid counts at once', async () => {
    const h = await shopifyHub();
    await deliver(h, { topic: 'orders/create', eventId: 'ev-test', body: order({ id: 1, test: true, financial_status: 'paid' }) });
    // Its refund (which never says "test") stays out too: the order is a test order.
    await deliver(h, { topic: 'refunds/create', eventId: 'ev-test-refund', body: refund('199.00', 1, 'return', { order_id: 1 }) });
    expect((await getTallies(h.url, h.anchorToken)) as any).toMatchObject({ testOrders: 1, placedOrders: 0, paidAmount: 0, gmv: 0, refundedAmount: 0, bySku: {} });
    await deliver(h, { topic: 'orders/create', eventId: 'ev-real', body: order({ id: 2, financial_status: 'paid' }) });
    expect((await getTallies(h.url, h.anchorToken)) as any).toMatchObject({ testOrders: 1, placedOrders: 1, ordersPaid: 1, gmv: 59_700, pendingOrders: 0 });
  });

  it('a cancellation after payment gives the money back once, also when its refund follows', async () => {
    const h = await shopifyHub();
    await deliver(h, { topic: 'orders/paid', eventId: 'ev-paid', body: order({ financial_status: 'paid' }) });
    await deliver(h, { topic: 'orders/cancelled', eventId: 'ev-cancel', body: order({ financial_status: 'refunded', cancelled_at: '2026-12-04T10:20:00-05:00', cancel_reason: 'customer' }) });
    const afterCancel = { paidAmount: 59_700, refundedAmount: 59_700, gmv: 0, cancelledOrders: 0, refundedOrders: 1, ordersPaid: 0 };
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject(afterCancel);
    const whole = refund('597.00', 0, 'cancel', {
      refund_line_items: [
        { quantity: 1, restock_type: 'cancel', line_item: { sku: 'IPOD2008GREEN', price: '199.00' } },
        { quantity: 2, restock_type: 'cancel', line_item: { sku: 'IPOD2008RED', price: '199.00' } },
      ],
    });
    await deliver(h, { topic: 'refunds/create', eventId: 'ev-refund', body: whole });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject(afterCancel);
  });

  it('takes the newer header names and the webhook id when there is no event id', async () => {
    const h = await shopifyHub();
    expect((await deliver(h, { topic: 'orders/paid', webhookId: 'wh-1', body: order({ financial_status: 'paid' }), newHeaders: true })).body).toMatchObject({ accepted: 1 });
    expect((await deliver(h, { topic: 'orders/paid', webhookId: 'wh-1', body: order({ financial_status: 'paid' }) })).body).toMatchObject({ duplicates: 1 });
    expect((await deliver(h, { topic: 'orders/paid', webhookId: 'wh-2', body: order(), newHeaders: true, hmac: 'AAAA' })).status).toBe(401);
    const missing = await deliver(h, { topic: 'orders/paid', body: order() });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/X-Shopify-Event-Id/);
  });

  it('answers a refund that moved no money 200 without counting it, and refuses a malformed one saying what is wrong', async () => {
    const h = await shopifyHub();
    await deliver(h, { topic: 'orders/paid', eventId: 'ev-paid', body: order({ financial_status: 'paid' }) });
    const pending = refund('199.00', 1, 'return', { transactions: [{ kind: 'refund', status: 'pending', amount: '199.00', currency: 'USD' }] });
    const ignored = await deliver(h, { topic: 'refunds/create', eventId: 'ev-pending', body: pending });
    expect(ignored).toMatchObject({ status: 200, body: { accepted: 0, ignored: expect.stringMatching(/no money/) } });
    const bad = await deliver(h, { topic: 'refunds/create', eventId: 'ev-bad', body: refund('19.9.0', 1) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/transactions\.0\.amount must be a decimal string/);
    const noLine = await deliver(h, { topic: 'refunds/create', eventId: 'ev-noline', body: refund('1.00', 0, 'return', { refund_line_items: [{ quantity: 1 }] }) });
    expect(noLine.body.error.message).toMatch(/refund_line_items\.0 needs a line_item/);
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ paidAmount: 59_700, refundedAmount: 0, gmv: 59_700 });
  });
});
