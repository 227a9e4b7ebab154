import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatEntry, ChatMessage } from '../domain/chat';
import { chatIngestSchema } from '../protocol/chat-commands';
import type { ChatIntake } from '../protocol/chat-service';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, headerOf, readBody } from '../../../core/hub/http/http-body';
import { bearerToken, type TokenRegistry } from '../../../core/hub/auth/tokens';
import { verifyWebhook } from '../../../core/hub/auth/webhook-auth';
import type { Logger } from '../../../core/hub/logger';

/** Largest ingest body. */
export const MAX_CHAT_BODY = 1024 * 1024;
/** Largest `limit` for `GET /api/v1/chat/recent`. */
export const CHAT_RECENT_MAX = 500;

/** What the chat routes need from the feature. */
export interface ChatHttpDeps {
  ingestSecret: string;
  tokens: TokenRegistry;
  log: Logger;
  /** The chat pipeline (dedupe, filters, lane, batch). */
  accept(messages: readonly ChatMessage[]): ChatIntake;
  /** The newest visible messages, oldest first. */
  recent(limit: number): ChatEntry[];
}

/** Chat's HTTP routes: the signed ingest `POST /api/v1/chat` and `GET /api/v1/chat/recent`; false for other paths. */
export function chatHttpRoutes(deps: ChatHttpDeps) {
  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req, MAX_CHAT_BODY);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        return sendError(res, 413, 'payload_too_large', `Chat batch is over ${MAX_CHAT_BODY} bytes (1 MiB): send smaller batches.`);
      }
      throw err;
    }
    const refusal = verifyWebhook(
      deps.ingestSecret,
      { timestamp: headerOf(req, 'x-anchor-timestamp'), signature: headerOf(req, 'x-anchor-signature') },
      body,
      Date.now(),
    );
    if (refusal) {
      deps.log.info('chat ingest refused', { status: 401, reason: refusal.message });
      return sendError(res, 401, 'unauthorized', refusal.message);
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, 'invalid', 'Body is not valid JSON: send {"messages":[{"id","platform","user":{"id","name"},"text","ts","kind"}]}.');
    }
    const parsed = chatIngestSchema.safeParse(json);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
        .join('; ');
      return sendError(res, 400, 'invalid', `Chat batch breaks the schema (nothing was stored): ${reason}. See docs/api.md.`);
    }
    sendJson(res, 200, { ok: true, ...deps.accept(parsed.data.messages) });
  }

  function recent(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!deps.tokens.resolve(bearerToken(req.headers.authorization))) {
      return sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>" with a token from the studio.');
    }
    const raw = url.searchParams.get('limit') ?? '100';
    const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= CHAT_RECENT_MAX)) {
      return sendError(res, 400, 'invalid', `limit must be a whole number from 1 to ${CHAT_RECENT_MAX}, got "${raw.slice(0, 20)}".`);
    }
    sendJson(res, 200, { ok: true, messages: deps.recent(limit) });
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname === '/api/v1/chat') {
      if (req.method !== 'POST') sendError(res, 405, 'invalid', 'Use POST /api/v1/chat with a signed JSON batch.');
      else await ingest(req, res);
      return true;
    }
    if (url.pathname === '/api/v1/chat/recent') {
      if (req.method !== 'GET') sendError(res, 405, 'invalid', 'Use GET /api/v1/chat/recent?limit=N.');
      else recent(req, res, url);
      return true;
    }
    return false;
  };
}
