import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { OrderEvent } from '../domain/ledger';
import { orderEventSchema, orderListSchema } from '../protocol/sales-commands';
import { sendError } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, readBody } from '../../../core/hub/http/http-body';

/** Largest order ingest body (`POST /api/v1/orders`, shop webhooks, CSV). */
export const MAX_ORDER_BODY = 1024 * 1024;

type Parsed<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** A schema refusal in a sentence: the first few fields and what is wrong with each. */
export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}

/** Validates an ingest body (one event or `{events}`) with the protocol schema; never throws. */
export function parseOrderBody(raw: Buffer): Parsed<OrderEvent[]> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'Body is not valid JSON. Send one order event or {"events":[...]}.' };
  }
  // Pick the shape the sender meant, so the reason names the exact field (e.g. events.3.items.0.unitPrice).
  const isList = !!json && typeof json === 'object' && !Array.isArray(json) && 'events' in (json as object);
  const parsed = isList ? orderListSchema.safeParse(json) : orderEventSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: 'events' in parsed.data ? parsed.data.events : [parsed.data] };
  return { ok: false, status: 400, message: `Invalid order event: ${describe(parsed.error)}. Nothing was stored; fix and resend the whole request.` };
}

/** Reads an order body of at most 1 MiB; answers 413 itself (and resolves null) when it is larger. */
export async function readLimited(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  try {
    return await readBody(req, MAX_ORDER_BODY);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendError(res, 413, 'payload_too_large', 'Order body is over 1 MiB. Split it into several requests of at most 1000 events.');
      return null;
    }
    throw err;
  }
}


/**
 * Checks notices a shop adapter made against the protocol schema, as if the shop had posted them: the same rules for
 * every door into the ledger. Returns a sentence naming the field when one does not fit.
 */
export function validateMapped(events: readonly OrderEvent[], shop: string): { ok: true; value: OrderEvent[] } | { ok: false; message: string } {
  const value: OrderEvent[] = [];
  for (const event of events) {
    const parsed = orderEventSchema.safeParse(event);
    if (!parsed.success) return { ok: false, message: `The ${shop} ${event.refund ? 'refund' : 'order'} does not fit the ledger: ${describe(parsed.error)}.` };
    value.push(parsed.data);
  }
  return { ok: true, value };
}
