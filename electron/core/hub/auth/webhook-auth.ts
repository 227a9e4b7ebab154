import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Oldest accepted `X-Anchor-Timestamp`, and how far in the future a clock may run. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60 * 1000;

/** Why a signed request was refused; each says what to fix. */
export type WebhookRefusal = { status: 401; message: string };

/** Signature header value for a body: `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex')}`;
}

/**
 * Verifies a signed webhook (chat, orders): the timestamp is recent and the signature matches the raw body.
 * Returns null when valid. Compares in constant time; never echoes the secret or the expected signature.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  nowMs: number,
  /** How the refusal names the secret to sign with. */
  secretName = 'chat ingest secret',
): WebhookRefusal | null {
  if (!headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) {
    return { status: 401, message: 'Missing or malformed X-Anchor-Timestamp: send the current time in epoch seconds.' };
  }
  const ageMs = nowMs - Number(headers.timestamp) * 1000;
  if (ageMs > WEBHOOK_MAX_AGE_MS || ageMs < -WEBHOOK_MAX_AGE_MS) {
    return { status: 401, message: 'X-Anchor-Timestamp is more than 5 minutes away from the studio clock: re-sign with the current time (check the bridge clock).' };
  }
  const given = headers.signature ?? '';
  const expected = signWebhook(secret, Number(headers.timestamp), rawBody);
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return { status: 401, message: `Bad X-Anchor-Signature: expected sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> with the ${secretName}.` };
  }
  return null;
}

/** The chat bridges' secret: env `ANCHOR_INGEST_SECRET`, else one generated once and kept in a 0600 file. */
export function loadIngestSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return loadSecret(dataDir, 'ingest-secret', env.ANCHOR_INGEST_SECRET);
}

/**
 * The orders endpoint's own secret: env `ANCHOR_ORDERS_SECRET`, else one generated once and kept in a 0600 file. Not
 * the chat bridges' one: a leaked chat secret (every bridge holds it, often a browser extension) must not post paid
 * orders.
 */
export function loadOrdersSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return loadSecret(dataDir, 'orders-secret', env.ANCHOR_ORDERS_SECRET);
}

/** A secret from the environment, else from its 0600 file in the data dir, else a new one written there. */
function loadSecret(dataDir: string, fileName: string, fromEnv: string | undefined): string {
  if (fromEnv?.trim()) return fromEnv.trim();
  const file = join(dataDir, fileName);
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
