import type { OrderEvent } from '../../electron/features/sales/domain/ledger';
import { applyTalliesPatch } from '../../electron/features/sales/domain/tallies-patch';
import { TALLY_EVENT, TALLY_PATCH_EVENT, type TallyEvent, type TallyPatchEvent } from '../../electron/features/sales/protocol/sales-events';
import { postSigned, type SignatureOverrides } from './signed-post';

/** POSTs a signed order body to a hub like a platform bridge does; returns status and parsed body. */
export async function postSignedOrders(
  url: string,
  secret: string,
  body: OrderEvent | { events: OrderEvent[] } | string | Buffer,
  options: SignatureOverrides = {},
): Promise<{ status: number; body: any }> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return postSigned(`${url}/api/v1/orders`, secret, raw, options);
}

/** POSTs a signed order body that must be accepted: throws with the hub's answer otherwise (a wrong secret, a bad body). */
export async function postOrdersOk(
  url: string,
  secret: string,
  body: OrderEvent | { events: OrderEvent[] } | string | Buffer,
): Promise<{ status: number; body: any }> {
  const answer = await postSignedOrders(url, secret, body);
  if (answer.status !== 200) throw new Error(`POST /api/v1/orders answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

/**
 * The tally events a socket receives, rebuilt whole as a window does: the whole ones as they come, each patch applied
 * to the event it was made from (one on another seq is left out, as a window waits for the next whole one).
 */
export function followTallies(socket: { on(event: string, listener: (payload: any) => void): unknown }): TallyEvent[] {
  const held: TallyEvent[] = [];
  socket.on(TALLY_EVENT, (event: TallyEvent) => held.push(event));
  socket.on(TALLY_PATCH_EVENT, ({ baseSeq, patch, ...rest }: TallyPatchEvent) => {
    const base = held.at(-1);
    if (base?.seq === baseSeq) held.push({ ...rest, tallies: applyTalliesPatch(base.tallies, patch) });
  });
  return held;
}

/** GETs the live tallies with a bearer token. */
export async function getTallies(url: string, token: string): Promise<any> {
  const res = await fetch(`${url}/api/v1/tallies`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/v1/tallies answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Polls GET /api/v1/tallies until `check` holds; rejects with the last tallies after `timeoutMs`. */
export async function waitForTallies(url: string, token: string, check: (tallies: any) => boolean, what: string, timeoutMs = 30_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const tallies = await getTallies(url, token);
    if (check(tallies)) return tallies;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last tallies: ${JSON.stringify(tallies).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Orders of a busy show numbered from `firstSeq` (ids `o<seq>`): each paid, one in `refundEvery` refunded in full,
 * 1-3 units at varied prices; `skuOf` picks each order's product. The soak's and the memory bench's load.
 */
export function busyShowOrders(firstSeq: number, count: number, skuOf: (seq: number) => string, refundEvery: number): OrderEvent[] {
  const events: OrderEvent[] = [];
  for (let seq = firstSeq; seq < firstSeq + count; seq++) {
    const id = `o${seq}`;
    const items = [{ sku: skuOf(seq), quantity: 1 + (seq % 3), unitPrice: 1_000 + (seq % 50) * 100 }];
    events.push({ eventId: `${id}-paid`, orderId: id, platform: 'douyin', status: 'paid', occurredAt: Date.now(), currency: 'CNY', items });
    if (seq % refundEvery === 0) events.push({ eventId: `${id}-refund`, orderId: id, platform: 'douyin', status: 'refunded', occurredAt: Date.now(), currency: 'CNY', items });
  }
  return events;
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

/** The orders endpoint's own secret, as the anchor reads it (`orders.ingestInfo`). */
export async function ordersSecret(url: string, anchorToken: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/commands/orders.ingestInfo`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${anchorToken}` },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; data?: { secret: string } };
  if (!body.ok || !body.data) throw new Error(`orders.ingestInfo answered ${res.status}: ${JSON.stringify(body)}`);
  return body.data.secret;
}
