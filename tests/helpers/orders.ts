import type { OrderEvent } from '../../electron/domain/ledger';
import { signWebhook } from '../../electron/hub/webhook-auth';

/** POSTs a signed order body to a hub like a platform bridge does; returns status and parsed body. */
export async function postSignedOrders(
  url: string,
  secret: string,
  body: OrderEvent | { events: OrderEvent[] } | string | Buffer,
  options: { timestampSeconds?: number; signature?: string } = {},
): Promise<{ status: number; body: any }> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const ts = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${url}/api/v1/orders`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Anchor-Timestamp': String(ts),
      'X-Anchor-Signature': options.signature ?? signWebhook(secret, ts, raw),
    },
    body: new Uint8Array(raw),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** GETs the live tallies with a bearer token. */
export async function getTallies(url: string, token: string): Promise<any> {
  const res = await fetch(`${url}/api/v1/tallies`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/v1/tallies answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** A paid-or-other order event with sensible defaults. */
export function orderEvent(overrides: Partial<OrderEvent> & Pick<OrderEvent, 'eventId' | 'orderId'>): OrderEvent {
  return {
    platform: 'douyin',
    status: 'paid',
    occurredAt: Date.now(),
    currency: 'CNY',
    items: [{ sku: 'TEA-1', quantity: 1, unitPrice: 1999 }],
    ...overrides,
  };
}
