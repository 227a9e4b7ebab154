import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OrderEvent, OrderStatus } from '../domain/ledger';

/** Shopify topics the ledger understands, and the status each one reports. */
export const SHOPIFY_TOPICS: Readonly<Record<string, OrderStatus>> = {
  'orders/create': 'created',
  'orders/paid': 'paid',
  'orders/cancelled': 'cancelled',
};

/** Oldest `X-Shopify-Triggered-At` accepted: Shopify retries for about 4 h, so a day leaves room and stops old replays. */
export const SHOPIFY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Currencies whose minor unit is not 1/100 (ISO 4217). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, UGX: 0, XAF: 0, XOF: 0, PYG: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3, IQD: 3, LYD: 3,
};

/** Checks `X-Shopify-Hmac-Sha256` (base64 HMAC-SHA256 of the raw body with the app's secret) in constant time. */
export function verifyShopifyHmac(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Converts a Shopify decimal money string ("12.30") to integer minor units without ever going through a float. */
export function decimalToMinor(amount: string, currency: string): number | null {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return null;
  const fraction = m[2] ?? '';
  // More precision than the currency has is only acceptable when it is zeros ("12.300").
  if (fraction.length > digits && !/^0*$/.test(fraction.slice(digits))) return null;
  return Number(m[1]) * 10 ** digits + Number((fraction.slice(0, digits) || '0').padEnd(digits, '0') || '0');
}

interface ShopifyLineItem {
  sku?: string | null;
  variant_id?: number | string | null;
  product_id?: number | string | null;
  quantity?: number;
  price?: string;
}

/** Maps one Shopify orders webhook to an order event; returns a sentence saying what is wrong instead when it cannot. */
export function shopifyToEvent(
  topic: string,
  eventId: string,
  triggeredAtMs: number | null,
  body: unknown,
): { event: OrderEvent } | { error: string } {
  const status = SHOPIFY_TOPICS[topic];
  if (!status) return { error: `Topic ${topic} is not an order topic the ledger reads (${Object.keys(SHOPIFY_TOPICS).join(', ')}).` };
  const order = body as { id?: unknown; currency?: unknown; line_items?: unknown; created_at?: unknown; updated_at?: unknown; cancelled_at?: unknown };
  if (!order || typeof order !== 'object' || (typeof order.id !== 'number' && typeof order.id !== 'string')) {
    return { error: 'The body is not a Shopify order: it has no id.' };
  }
  const currency = typeof order.currency === 'string' ? order.currency : '';
  if (!/^[A-Z]{3}$/.test(currency)) return { error: 'The Shopify order has no ISO currency.' };
  if (!Array.isArray(order.line_items) || order.line_items.length === 0) return { error: 'The Shopify order has no line_items.' };
  const items = [];
  for (const [index, raw] of (order.line_items as ShopifyLineItem[]).entries()) {
    const unitPrice = typeof raw?.price === 'string' ? decimalToMinor(raw.price, currency) : null;
    const sku = raw?.sku || (raw?.variant_id != null ? `variant-${raw.variant_id}` : raw?.product_id != null ? `product-${raw.product_id}` : '');
    if (unitPrice === null || !sku || !Number.isInteger(raw.quantity)) {
      return { error: `line_items.${index} needs a sku or variant_id, an integer quantity and a decimal price.` };
    }
    items.push({ sku, quantity: raw.quantity as number, unitPrice });
  }
  const when = status === 'created' ? order.created_at : status === 'cancelled' ? order.cancelled_at : order.updated_at;
  const parsed = typeof when === 'string' ? Date.parse(when) : NaN;
  const occurredAt = Number.isFinite(parsed) ? parsed : triggeredAtMs;
  if (occurredAt === null) return { error: 'The Shopify order has no usable time for this topic and no X-Shopify-Triggered-At.' };
  return { event: { eventId, platform: 'shopify', orderId: String(order.id), status, occurredAt, currency, items } };
}
