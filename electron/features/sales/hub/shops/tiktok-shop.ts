/**
 * TikTok Shop, as its Partner Center documents it: webhooks signed in the `Authorization` header (hex HMAC-SHA256 of
 * app key + raw body, keyed by the app secret), and Get Order Detail (`GET /order/202309/orders?ids=`), signed per
 * request, to read what a status-change notice is about (the notice carries no money or lines).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OrderEvent, OrderItem, OrderStatus } from '../../domain/ledger';
import { decimalToMinor } from './shopify-orders';

/** The Shop API host when `ANCHOR_TIKTOK_API_BASE` does not say otherwise. */
export const TIKTOK_API_BASE = 'https://open-api.tiktokglobalshop.com';

/** Get Order Detail, version 202309. */
export const TIKTOK_ORDER_DETAIL_PATH = '/order/202309/orders';

/** How long the hub waits for the Shop API before answering 503 (TikTok wants an answer within about 3 s). */
const API_TIMEOUT_MS = 2_500;

/** Webhook types that mean an order changed: order status (1) and cancellation status (11). */
const ORDER_TYPES = new Set([1, 11]);

/** Order Detail `status` values and what they mean for the ledger (any status after payment is paid). */
const STATUS: Readonly<Record<string, OrderStatus>> = {
  UNPAID: 'created',
  ON_HOLD: 'paid',
  PARTIALLY_SHIPPING: 'paid',
  AWAITING_SHIPMENT: 'paid',
  AWAITING_COLLECTION: 'paid',
  IN_TRANSIT: 'paid',
  DELIVERED: 'paid',
  COMPLETED: 'paid',
  CANCELLED: 'cancelled',
};

/** What a TikTok webhook means for the ledger. */
export type TikTokMapping = { events: OrderEvent[] } | { ignored: string } | { unavailable: string } | { error: string };

/** The app's credentials and where its Shop API is. */
export interface TikTokShopConfig {
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** Required by the API for cross-border shops; empty otherwise. */
  shopCipher: string;
  apiBase: string;
}

/**
 * A request signature: hex HMAC-SHA256, keyed by the app secret, of secret + path + the query parameters sorted by
 * name as name+value (without `sign` and `access_token`) + the body + secret.
 */
export function signTikTokRequest(secret: string, path: string, params: Readonly<Record<string, string>>, body = ''): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'access_token')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHmac('sha256', secret).update(`${secret}${path}${sorted}${body}${secret}`).digest('hex');
}

interface OrderDetail {
  id?: unknown;
  status?: unknown;
  create_time?: unknown;
  paid_time?: unknown;
  update_time?: unknown;
  cancel_time?: unknown;
  payment?: { currency?: unknown };
  line_items?: { seller_sku?: unknown; sku_id?: unknown; sale_price?: unknown; quantity?: unknown }[];
}

const seconds = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : null);

/**
 * The notices an order's detail gives: placed at `create_time`, and its status now at that status's own time. Their
 * ids come from the order and the status (`<order>:created`, `<order>:paid`...), so the same fact told by several
 * notifications is one ledger entry.
 */
export function tiktokOrderToEvents(order: OrderDetail): { events: OrderEvent[] } | { error: string } {
  const orderId = typeof order.id === 'string' || typeof order.id === 'number' ? String(order.id) : '';
  const status = typeof order.status === 'string' ? STATUS[order.status] : undefined;
  if (!orderId || !status) return { error: `The TikTok order ${orderId || '(no id)'} has a status the ledger does not know (${String(order.status)}).` };
  const currency = typeof order.payment?.currency === 'string' ? order.payment.currency : '';
  if (!/^[A-Z]{3}$/.test(currency)) return { error: `The TikTok order ${orderId} has no payment.currency.` };
  // One line item per unit sold (the detail has no quantity; a quantity given is honoured): same SKU, same price, one line.
  const lines = new Map<string, OrderItem>();
  for (const [index, item] of (order.line_items ?? []).entries()) {
    const sku = typeof item.seller_sku === 'string' && item.seller_sku ? item.seller_sku : typeof item.sku_id === 'string' ? `sku-${item.sku_id}` : '';
    const unitPrice = typeof item.sale_price === 'string' ? decimalToMinor(item.sale_price, currency) : null;
    if (!sku || unitPrice === null) return { error: `line_items.${index} of TikTok order ${orderId} needs a seller_sku or sku_id and a sale_price.` };
    const quantity = Number.isInteger(item.quantity) && (item.quantity as number) > 0 ? (item.quantity as number) : 1;
    const key = `${sku}\u0000${unitPrice}`;
    const line = lines.get(key);
    if (line) line.quantity += quantity;
    else lines.set(key, { sku, quantity, unitPrice });
  }
  if (lines.size === 0) return { error: `The TikTok order ${orderId} has no line_items.` };
  const items = [...lines.values()];
  const createdAt = seconds(order.create_time);
  if (createdAt === null) return { error: `The TikTok order ${orderId} has no create_time.` };
  const base = { platform: 'tiktok', orderId, currency, items };
  const events: OrderEvent[] = [{ ...base, eventId: `${orderId}:created`, status: 'created', occurredAt: createdAt }];
  const paidAt = seconds(order.paid_time);
  if (status === 'paid' || (status === 'cancelled' && paidAt !== null)) {
    events.push({ ...base, eventId: `${orderId}:paid`, status: 'paid', occurredAt: paidAt ?? seconds(order.update_time) ?? createdAt });
  }
  if (status === 'cancelled') {
    events.push({ ...base, eventId: `${orderId}:cancelled`, status: 'cancelled', occurredAt: seconds(order.cancel_time) ?? seconds(order.update_time) ?? createdAt });
  }
  return { events };
}

/** One app's TikTok Shop: checks its webhooks and reads the orders they are about. */
export class TikTokShop {
  constructor(private readonly config: TikTokShopConfig) {}

  /** Secrets to keep out of logs. */
  get secrets(): string[] {
    return [this.config.appSecret, this.config.accessToken];
  }

  /** True when `Authorization` is the hex HMAC-SHA256 of app key + raw body with the app secret (constant time). */
  verifyWebhook(raw: Buffer, header: string | undefined): boolean {
    if (!header || !/^[0-9a-fA-F]{64}$/.test(header.trim())) return false;
    const expected = createHmac('sha256', this.config.appSecret).update(this.config.appKey).update(raw).digest();
    return timingSafeEqual(Buffer.from(header.trim(), 'hex'), expected);
  }

  /** A webhook body to ledger notices: order notices read the order from the Shop API; other types are ignored. */
  async toEvents(body: unknown): Promise<TikTokMapping> {
    const notice = body as { type?: unknown; data?: { order_id?: unknown } } | null;
    if (!notice || typeof notice !== 'object' || typeof notice.type !== 'number') return { error: 'The body is not a TikTok Shop webhook: it has no numeric type.' };
    if (!ORDER_TYPES.has(notice.type)) return { ignored: `Webhook type ${notice.type} is not an order change (the ledger reads types 1 and 11).` };
    const orderId = notice.data?.order_id;
    if (typeof orderId !== 'string' || !orderId) return { error: 'The webhook has no data.order_id.' };
    const detail = await this.orderDetail(orderId);
    if ('unavailable' in detail) return detail;
    return tiktokOrderToEvents(detail.order);
  }

  /** Reads one order with Get Order Detail; `unavailable` says why it could not (never with a secret in it). */
  async orderDetail(orderId: string): Promise<{ order: OrderDetail } | { unavailable: string }> {
    const params: Record<string, string> = { app_key: this.config.appKey, timestamp: String(Math.floor(Date.now() / 1000)), ids: orderId };
    if (this.config.shopCipher) params.shop_cipher = this.config.shopCipher;
    const query = new URLSearchParams({ ...params, sign: signTikTokRequest(this.config.appSecret, TIKTOK_ORDER_DETAIL_PATH, params) });
    let res: Response;
    try {
      res = await fetch(`${this.config.apiBase}${TIKTOK_ORDER_DETAIL_PATH}?${query}`, {
        headers: { 'x-tts-access-token': this.config.accessToken, 'Content-Type': 'application/json' },
        signal: AbortSignal.timeout(API_TIMEOUT_MS),
      });
    } catch {
      return { unavailable: `The TikTok Shop API did not answer within ${API_TIMEOUT_MS / 1000} s; TikTok will deliver the notice again.` };
    }
    const json = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown; data?: { orders?: OrderDetail[] } } | null;
    if (!res.ok || !json || json.code !== 0) {
      const reason = json && typeof json.message === 'string' ? `${String(json.code)} ${json.message}` : `HTTP ${res.status}`;
      return { unavailable: `The TikTok Shop API refused Get Order Detail (${reason.slice(0, 200)}): check the access token and shop cipher.` };
    }
    const order = json.data?.orders?.find((o) => String(o.id) === orderId);
    return order ? { order } : { unavailable: `The TikTok Shop API does not know order ${orderId} (yet).` };
  }
}

/** The shop from `ANCHOR_TIKTOK_APP_KEY`, `_APP_SECRET`, `_ACCESS_TOKEN`, `_SHOP_CIPHER`, `_API_BASE`; null when not set up. */
export function tiktokShopFromEnv(env: NodeJS.ProcessEnv): TikTokShop | null {
  const appKey = env.ANCHOR_TIKTOK_APP_KEY?.trim();
  const appSecret = env.ANCHOR_TIKTOK_APP_SECRET?.trim();
  const accessToken = env.ANCHOR_TIKTOK_ACCESS_TOKEN?.trim();
  if (!appKey || !appSecret || !accessToken) return null;
  const apiBase = (env.ANCHOR_TIKTOK_API_BASE?.trim() || TIKTOK_API_BASE).replace(/\/+$/, '');
  return new TikTokShop({ appKey, appSecret, accessToken, shopCipher: env.ANCHOR_TIKTOK_SHOP_CIPHER?.trim() ?? '', apiBase });
}
