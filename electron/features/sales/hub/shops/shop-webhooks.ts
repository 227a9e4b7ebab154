/**
 * The shops' own order webhooks: Shopify (orders and refunds) and TikTok Shop (order status changes, with the order
 * read back from the Shop API). Each has its own secret, checked in constant time, and its own dedupe key; every
 * notice it makes passes the same schema as `POST /api/v1/orders`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderEvent } from '../../domain/ledger';
import { sendError, sendJson } from '../../../../core/hub/http/http-api';
import { headerOf } from '../../../../core/hub/http/http-body';
import { validateMapped } from '../order-body';
import { SHOPIFY_MAX_AGE_MS, shopifyToEvents, verifyShopifyHmac } from './shopify-orders';
import { tiktokShopFromEnv, type TikTokShop } from './tiktok-shop';

/** What the webhook routes need from the sales feature. */
export interface ShopWebhookDeps {
  /** Commits notices and answers the request with the outcome. */
  ingest(res: ServerResponse, events: OrderEvent[], source: string): Promise<void>;
  /** Reads a body of at most 1 MiB, answering 413 itself (null) when larger. */
  readLimited(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null>;
  /** Keeps a secret out of every log line. */
  addSecret(secret: string): void;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

function parseJson(raw: Buffer): unknown | undefined {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The routes, configured from the environment (`ANCHOR_SHOPIFY_SECRET`, `ANCHOR_TIKTOK_*`). */
export function shopWebhookRoutes(deps: ShopWebhookDeps): Record<string, Route> {
  const shopifySecret = process.env.ANCHOR_SHOPIFY_SECRET?.trim() || null;
  if (shopifySecret) deps.addSecret(shopifySecret);
  const tiktok: TikTokShop | null = tiktokShopFromEnv(process.env);
  if (tiktok) for (const secret of tiktok.secrets) deps.addSecret(secret);

  const accept = async (res: ServerResponse, events: OrderEvent[], shop: string, source: string) => {
    const checked = validateMapped(events, shop);
    if (!checked.ok) return sendError(res, 400, 'invalid', checked.message);
    await deps.ingest(res, checked.value, source);
  };

  return {
    'POST /api/v1/webhooks/shopify/orders': async (req, res) => {
      const raw = await deps.readLimited(req, res);
      if (!raw) return;
      if (!shopifySecret) {
        return sendError(res, 503, 'unavailable', 'Shopify webhooks are not set up: set ANCHOR_SHOPIFY_SECRET to the app client secret and restart the hub.');
      }
      // Classic webhooks send X-Shopify-*; Shopify's newer event subscriptions send the same headers without "X-".
      const shopify = (name: string) => headerOf(req, `x-shopify-${name}`) ?? headerOf(req, `shopify-${name}`);
      if (!verifyShopifyHmac(shopifySecret, raw, shopify('hmac-sha256'))) {
        return sendError(res, 401, 'unauthorized', 'Bad X-Shopify-Hmac-Sha256: check that ANCHOR_SHOPIFY_SECRET is the Shopify app client secret.');
      }
      const eventId = shopify('event-id') ?? shopify('webhook-id');
      if (!eventId) return sendError(res, 400, 'invalid', 'Missing X-Shopify-Event-Id (and X-Shopify-Webhook-Id): the ledger dedupes Shopify deliveries on it.');
      const triggered = shopify('triggered-at');
      const triggeredAt = triggered ? Date.parse(triggered) : NaN;
      if (Number.isFinite(triggeredAt) && Date.now() - triggeredAt > SHOPIFY_MAX_AGE_MS) {
        return sendError(res, 401, 'unauthorized', 'X-Shopify-Triggered-At is more than 24 h old; import older orders with the CSV import.');
      }
      const body = parseJson(raw);
      if (body === undefined) return sendError(res, 400, 'invalid', 'Body is not valid JSON.');
      const mapped = shopifyToEvents(shopify('topic') ?? '', eventId, Number.isFinite(triggeredAt) ? triggeredAt : null, body);
      // Other topics and refunds that moved no money are answered 200 so Shopify does not retry them for hours.
      if ('ignored' in mapped) return sendJson(res, 200, { ok: true, accepted: 0, duplicates: 0, ignored: mapped.ignored });
      if ('error' in mapped) return sendError(res, 400, 'invalid', mapped.error);
      await accept(res, mapped.events, 'Shopify', 'shopify');
    },
    'POST /api/v1/webhooks/tiktok': async (req, res) => {
      const raw = await deps.readLimited(req, res);
      if (!raw) return;
      if (!tiktok) {
        return sendError(res, 503, 'unavailable', 'TikTok Shop webhooks are not set up: set ANCHOR_TIKTOK_APP_KEY, ANCHOR_TIKTOK_APP_SECRET and ANCHOR_TIKTOK_ACCESS_TOKEN and restart the hub.');
      }
      if (!tiktok.verifyWebhook(raw, headerOf(req, 'authorization'))) {
        return sendError(res, 401, 'unauthorized', 'Bad Authorization signature: check that ANCHOR_TIKTOK_APP_KEY and ANCHOR_TIKTOK_APP_SECRET are this app\'s key and secret.');
      }
      const body = parseJson(raw);
      if (body === undefined) return sendError(res, 400, 'invalid', 'Body is not valid JSON.');
      const mapped = await tiktok.toEvents(body);
      if ('ignored' in mapped) return sendJson(res, 200, { ok: true, accepted: 0, duplicates: 0, ignored: mapped.ignored });
      // The Shop API could not be read: 503 makes TikTok deliver the notice again later (2 min, 30 min, 3 h, 12 h).
      if ('unavailable' in mapped) return sendError(res, 503, 'unavailable', mapped.unavailable);
      if ('error' in mapped) return sendError(res, 400, 'invalid', mapped.error);
      await accept(res, mapped.events, 'TikTok Shop', 'tiktok');
    },
  };
}
