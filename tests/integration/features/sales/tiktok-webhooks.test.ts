import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TikTokShop } from '../../../../electron/features/sales/hub/shops/tiktok-shop';
import { postCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { getTallies } from '../../../helpers/orders';

/**
 * TikTok Shop against a real hub, as TikTok's Partner Center documents it: the webhook body is the documented type-1
 * sample, signed in `Authorization` (hex HMAC-SHA256 of app key + body, keyed by the app secret); the hub then reads the
 * order with Get Order Detail from a local stand-in of the Shop API, which checks the request signature with its own
 * code (secret + path + sorted params + secret) and answers a recorded response in the documented shape.
 */

const APP_KEY = '6a1b2c3d4e5f';
const APP_SECRET = 'tts-secret-' + 's'.repeat(24);
const ACCESS_TOKEN = 'ROW_token_' + 't'.repeat(24);
const ORDER_ID = '576486316948490001';
const T = 1_764_846_000; // seconds, as TikTok sends times

const hubs: TestHub[] = [];
const servers: Server[] = [];
const saved = { ...process.env };
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  for (const key of Object.keys(process.env)) if (key.startsWith('ANCHOR_TIKTOK_')) delete process.env[key];
  Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([k]) => k.startsWith('ANCHOR_TIKTOK_'))));
});

/** The order as Get Order Detail (202309) describes it: one line item per unit, money as decimal strings. */
function orderDetail(status: string, extra: Record<string, unknown> = {}) {
  const item = (id: string, sku: string, price: string) => ({ id, sku_id: `17290${id}`, product_id: '1729', product_name: 'Teaware', seller_sku: sku, sale_price: price, original_price: price, currency: 'USD' });
  return {
    id: ORDER_ID,
    status,
    create_time: T,
    update_time: T + 120,
    ...(status === 'UNPAID' ? {} : { paid_time: T + 60 }),
    payment: { currency: 'USD', sub_total: '33.60', total_amount: '33.60', original_total_product_price: '33.60' },
    line_items: [item('1', 'TEA-1', '12.80'), item('2', 'TEA-1', '12.80'), item('3', 'CUP-2', '8.00')],
    ...extra,
  };
}

/** A stand-in for the Shop API that serves `orders` and records what it was asked. */
async function shopApi(orders: { current: Record<string, unknown> | null }): Promise<{ url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://api');
    requests.push(url);
    const params = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'sign'));
    const base = APP_SECRET + url.pathname + Object.keys(params).sort().map((k) => k + params[k]).join('') + APP_SECRET;
    const expected = createHmac('sha256', APP_SECRET).update(base).digest('hex');
    const answer = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname !== '/order/202309/orders' || url.searchParams.get('sign') !== expected || req.headers['x-tts-access-token'] !== ACCESS_TOKEN) {
      return answer({ code: 106001, message: 'Invalid credentials', request_id: 'r-1', data: null });
    }
    answer({ code: 0, message: 'Success', request_id: 'r-2', data: { orders: orders.current ? [orders.current] : [] } });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function tiktokHub(apiBase: string): Promise<TestHub> {
  Object.assign(process.env, { ANCHOR_TIKTOK_APP_KEY: APP_KEY, ANCHOR_TIKTOK_APP_SECRET: APP_SECRET, ANCHOR_TIKTOK_ACCESS_TOKEN: ACCESS_TOKEN, ANCHOR_TIKTOK_API_BASE: apiBase });
  const h = await startTestHub();
  hubs.push(h);
  await postCommand(h.url, h.anchorToken, 'sales.setTarget', { gmv: null, orders: null, currency: 'USD' });
  return h;
}

/** The documented type-1 notification for our order, signed as TikTok signs. */
async function notify(h: TestHub, type: number, notificationId: string, data: Record<string, unknown>, signature?: string) {
  const raw = JSON.stringify({ type, tts_notification_id: notificationId, shop_id: '7494049642642441621', timestamp: T + 130, data: { order_id: ORDER_ID, ...data } });
  const res = await fetch(`${h.url}/api/v1/webhooks/tiktok`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: signature ?? createHmac('sha256', APP_SECRET).update(APP_KEY + raw).digest('hex') },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('TikTok Shop webhooks', () => {
  it('checks the signature exactly as the documentation\'s worked example', () => {
    const shop = new TikTokShop({ appKey: 'abcdef', appSecret: '123', accessToken: 'x', shopCipher: '', apiBase: 'http://127.0.0.1:1' });
    const payload = '{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}';
    expect(shop.verifyWebhook(Buffer.from(payload), '5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05')).toBe(true);
    expect(shop.verifyWebhook(Buffer.from(payload.replace('UNPAID', 'AWAITING_SHIPMENT')), '5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05')).toBe(false);
  });

  it('reads the order from the Shop API on each status notice, counts it once, and a cancellation after payment gives the money back', async () => {
    const order: { current: Record<string, unknown> | null } = { current: orderDetail('UNPAID') };
    const api = await shopApi(order);
    const h = await tiktokHub(api.url);
    expect((await notify(h, 1, 'n-1', { order_status: 'UNPAID', update_time: T })).body).toMatchObject({ accepted: 1 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ placedOrders: 1, pendingOrders: 1, gmv: 0 });
    expect(api.requests[0]!.searchParams.get('ids')).toBe(ORDER_ID);
    expect(api.requests[0]!.searchParams.get('app_key')).toBe(APP_KEY);
    // The access token travels in its header, never in the URL.
    expect(api.requests[0]!.search).not.toContain(ACCESS_TOKEN);

    order.current = orderDetail('AWAITING_SHIPMENT');
    expect((await notify(h, 1, 'n-2', { order_status: 'AWAITING_SHIPMENT', update_time: T + 60 })).body).toMatchObject({ accepted: 1, duplicates: 1 });
    // A retried notification, or another one telling the same facts: nothing new.
    expect((await notify(h, 1, 'n-2', { order_status: 'AWAITING_SHIPMENT', update_time: T + 60 })).body).toMatchObject({ accepted: 0, duplicates: 2 });
    const paid = (await getTallies(h.url, h.anchorToken)) as any;
    expect(paid).toMatchObject({ placedOrders: 1, ordersPaid: 1, paidAmount: 3_360, gmv: 3_360, unitsPaid: 3 });
    expect(paid.bySku['TEA-1']).toMatchObject({ units: 2, gmv: 2_560 });
    expect(paid.byPlatform.tiktok).toMatchObject({ placed: 1, paid: 3_360 });

    order.current = orderDetail('CANCELLED', { cancel_time: T + 300, update_time: T + 300 });
    await notify(h, 11, 'n-3', { cancellations_role: 'BUYER', cancel_status: 'CANCELLATION_REQUEST_COMPLETE', cancel_id: 'c-1', create_time: T + 280 });
    expect(await getTallies(h.url, h.anchorToken)).toMatchObject({ paidAmount: 3_360, refundedAmount: 3_360, gmv: 0, cancelledOrders: 0 });
  });

  it('refuses a bad signature, ignores other types, and answers 503 (so TikTok retries) when the Shop API refuses', async () => {
    const api = await shopApi({ current: orderDetail('AWAITING_SHIPMENT') });
    const h = await tiktokHub(api.url);
    expect((await notify(h, 1, 'n-1', { order_status: 'UNPAID' }, 'ab'.repeat(32))).status).toBe(401);
    const other = await notify(h, 12, 'n-2', { return_type: 'REFUND', return_status: 'RETURN_OR_REFUND_REQUEST_PENDING' });
    expect(other).toMatchObject({ status: 200, body: { accepted: 0, ignored: expect.stringMatching(/type 12/) } });
    expect(api.requests).toHaveLength(0);

    await hubs.pop()!.stop();
    process.env.ANCHOR_TIKTOK_ACCESS_TOKEN = 'a-revoked-token-' + 'r'.repeat(16);
    const revoked = await startTestHub();
    hubs.push(revoked);
    const refused = await notify(revoked, 1, 'n-3', { order_status: 'AWAITING_SHIPMENT' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe('The TikTok Shop API refused Get Order Detail (106001 Invalid credentials): check the access token and shop cipher.');
    expect(refused.body.error.message).not.toContain('revoked');
  });

  it('says how to set it up when the app is not configured', async () => {
    const h = await startTestHub();
    hubs.push(h);
    const res = await notify(h, 1, 'n-1', { order_status: 'UNPAID' });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/ANCHOR_TIKTOK_APP_KEY, ANCHOR_TIKTOK_APP_SECRET and ANCHOR_TIKTOK_ACCESS_TOKEN/);
  });
});
