import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OrderEvent } from '../../domain/ledger';

/** Shopify topics the ledger reads: the order's lifecycle and its refunds. */
export const SHOPIFY_TOPICS = ['orders/create', 'orders/paid', 'orders/cancelled', 'refunds/create'] as const;

/** `financial_status` values that say an order has been paid (refunds arrive on their own topic). */
const PAID_FINANCIAL_STATUSES = new Set(['paid', 'partially_refunded', 'refunded']);

/** `restock_type` values that put a refunded line back on the shelf (`return`: fulfilled, `cancel`: not yet). */
const RESTOCK_TYPES = new Set(['return', 'cancel', 'legacy_restock']);

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

/** What one Shopify delivery means for the ledger: notices, a reason it carries none, or what is wrong with it. */
export type ShopifyMapping = { events: OrderEvent[] } | { ignored: string } | { error: string };

/** The same product key for an order's line and a refund's line: its SKU, else its variant or product id. */
function lineSku(line: ShopifyLineItem | undefined): string {
  return line?.sku || (line?.variant_id != null ? `variant-${line.variant_id}` : line?.product_id != null ? `product-${line.product_id}` : '');
}

/** The first of the given Shopify timestamps that parses, epoch ms. */
function timeOf(...candidates: unknown[]): number | null {
  for (const value of candidates) {
    const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isFinite(parsed)) return parsed;
  }
  return null;
}

/** True when `body` is an object whose `field` is a Shopify id (number or string). */
function hasId(body: unknown, field: string): body is Record<string, unknown> {
  if (!body || typeof body !== 'object') return false;
  const id = (body as Record<string, unknown>)[field];
  return typeof id === 'number' || typeof id === 'string';
}

/** Maps one Shopify webhook (orders/* or refunds/create) to ledger notices; never throws. */
export function shopifyToEvents(topic: string, eventId: string, triggeredAtMs: number | null, body: unknown): ShopifyMapping {
  if (topic === 'refunds/create') return refundToEvents(eventId, triggeredAtMs, body);
  if (!(SHOPIFY_TOPICS as readonly string[]).includes(topic)) {
    return { ignored: `Topic ${topic} is not one the ledger reads (${SHOPIFY_TOPICS.join(', ')}).` };
  }
  if (!hasId(body, 'id')) return { error: 'The body is not a Shopify order: it has no id.' };
  const order = body as { id: number | string; currency?: unknown; line_items?: unknown; financial_status?: unknown; test?: unknown } & Record<string, unknown>;
  const currency = typeof order.currency === 'string' ? order.currency : '';
  if (!/^[A-Z]{3}$/.test(currency)) return { error: 'The Shopify order has no ISO currency.' };
  if (!Array.isArray(order.line_items) || order.line_items.length === 0) return { error: 'The Shopify order has no line_items.' };
  const items = [];
  for (const [index, raw] of (order.line_items as ShopifyLineItem[]).entries()) {
    const unitPrice = typeof raw?.price === 'string' ? decimalToMinor(raw.price, currency) : null;
    const sku = lineSku(raw);
    if (unitPrice === null || !sku || !Number.isInteger(raw.quantity)) {
      return { error: `line_items.${index} needs a sku or variant_id, an integer quantity and a decimal price.` };
    }
    items.push({ sku, quantity: raw.quantity as number, unitPrice });
  }
  // An order created already paid (a card checkout) says so at once; orders/paid may follow and changes nothing.
  const isPaid = topic === 'orders/paid' || (topic === 'orders/create' && PAID_FINANCIAL_STATUSES.has(String(order.financial_status)));
  const status = topic === 'orders/cancelled' ? 'cancelled' : isPaid ? 'paid' : 'created';
  const occurredAt = timeOf(topic === 'orders/create' ? order.created_at : topic === 'orders/cancelled' ? order.cancelled_at : order.updated_at) ?? triggeredAtMs;
  if (occurredAt === null) return { error: 'The Shopify order has no usable time for this topic and no X-Shopify-Triggered-At.' };
  const event: OrderEvent = { eventId, platform: 'shopify', orderId: String(order.id), status, occurredAt, currency, items };
  if (order.test === true) event.test = true;
  return { events: [event] };
}

interface ShopifyRefundLine {
  quantity?: number;
  restock_type?: string;
  line_item?: ShopifyLineItem;
}

interface ShopifyTransaction {
  kind?: string;
  status?: string;
  amount?: string;
  currency?: string;
}

/**
 * Maps a refunds/create body (a REST Refund: `order_id`, `refund_line_items`, `transactions`) to one refund notice. The
 * money is what the successful refund transactions moved; the lines say which products went back.
 */
function refundToEvents(eventId: string, triggeredAtMs: number | null, body: unknown): ShopifyMapping {
  if (!hasId(body, 'order_id')) return { error: 'The body is not a Shopify refund: it has no order_id.' };
  const refund = body as { order_id: number | string; refund_line_items?: unknown; transactions?: unknown; restock?: unknown } & Record<string, unknown>;
  const transactions = (Array.isArray(refund.transactions) ? refund.transactions : []) as ShopifyTransaction[];
  const moved = transactions.filter((t) => t?.kind === 'refund' && t.status === 'success');
  if (moved.length === 0) return { ignored: 'The refund moved no money (no successful refund transaction); nothing changes in the figures.' };
  const currency = moved[0]!.currency ?? '';
  if (!/^[A-Z]{3}$/.test(currency) || moved.some((t) => t.currency !== currency)) {
    return { error: 'The refund transactions need one ISO currency (transactions[].currency).' };
  }
  let amount = 0;
  for (const [index, t] of moved.entries()) {
    const minor = typeof t.amount === 'string' ? decimalToMinor(t.amount, currency) : null;
    if (minor === null) return { error: `transactions.${index}.amount must be a decimal string like "12.30".` };
    amount += minor;
  }
  if (amount === 0) return { ignored: 'The refund moved no money (its transactions add up to 0); nothing changes in the figures.' };
  const lines = (Array.isArray(refund.refund_line_items) ? refund.refund_line_items : []) as ShopifyRefundLine[];
  const items = [];
  for (const [index, line] of lines.entries()) {
    const sku = lineSku(line?.line_item);
    const unitPrice = typeof line?.line_item?.price === 'string' ? decimalToMinor(line.line_item.price, currency) : null;
    if (!sku || unitPrice === null || !Number.isInteger(line.quantity) || (line.quantity as number) < 1) {
      return { error: `refund_line_items.${index} needs a line_item with a sku or variant_id and a decimal price, and a quantity of at least 1.` };
    }
    items.push({ sku, quantity: line.quantity as number, unitPrice });
  }
  // Back on the shelf when every refunded line is restocked (or the older refund-wide flag says so).
  const restock = refund.restock === true || (lines.length > 0 && lines.every((l) => RESTOCK_TYPES.has(String(l.restock_type))));
  const occurredAt = timeOf(refund.processed_at, refund.created_at) ?? triggeredAtMs;
  if (occurredAt === null) return { error: 'The Shopify refund has no processed_at or created_at and no X-Shopify-Triggered-At.' };
  return {
    events: [{ eventId, platform: 'shopify', orderId: String(refund.order_id), status: 'refunded', occurredAt, currency, items, refund: { amount, restock } }],
  };
}
