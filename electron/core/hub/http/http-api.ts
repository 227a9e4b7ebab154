import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS, type ErrorCode } from '../../protocol';
import type { CommandBus } from '../command-bus';
import { BodyTooLargeError, readBody, requestUrl } from './http-body';
import type { Logger } from '../logger';
import type { StateStore } from '../state-store';
import { bearerToken, type Principal, type TokenRegistry } from '../auth/tokens';
import { stateForRole } from '../../domain/role-view';
import { rateLimitMessage, type CommandAllowance, type RateLimits } from '../rate-limit';

/** Largest command body accepted over HTTP. */
export const MAX_COMMAND_BODY = 64 * 1024;

/** What the HTTP API needs from the hub. */
export interface HttpApiDeps {
  tokens: TokenRegistry;
  bus: CommandBus;
  store: StateStore;
  log: Logger;
  startedAt: number;
  /** The command allowance of a rate-limited principal (core/hub/rate-limit.ts); null: not limited. */
  allowanceOf(principal: Principal): CommandAllowance | null;
  /** Its limits, for the refusal's words. */
  commandRate: RateLimits;
}

/** Handles `/healthz` and `/api/v1/*`; returns false when the path is not an API path. */
export async function handleApi(deps: HttpApiDeps, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = requestUrl(req);
  const path = url.pathname;
  if (path === '/healthz') {
    if (req.method !== 'GET') return sendError(res, 405, 'invalid', 'Use GET /healthz.'), true;
    sendJson(res, 200, { ok: true, uptimeMs: Date.now() - deps.startedAt });
    return true;
  }
  if (!path.startsWith('/api/')) return false;

  const principal = authenticate(deps, req);
  if (!principal) {
    sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>" with a token from the studio.');
    return true;
  }

  if (path === '/api/v1/state') {
    if (req.method !== 'GET') return sendError(res, 405, 'invalid', 'Use GET /api/v1/state.'), true;
    sendJson(res, 200, stateForRole(principal.role, deps.store.current));
    return true;
  }

  const commandMatch = /^\/api\/v1\/commands\/([^/]+)$/.exec(path);
  if (commandMatch) {
    if (req.method !== 'POST') return sendError(res, 405, 'invalid', 'Commands take POST with a JSON body.'), true;
    let name: string;
    try {
      name = decodeURIComponent(commandMatch[1]!);
    } catch {
      sendError(res, 400, 'invalid', 'The command name in the URL is not valid percent-encoding. Use a name like show.rename.');
      return true;
    }
    await handleCommand(deps, principal, name, req, res);
    return true;
  }

  sendError(res, 404, 'unknown_command', `No API endpoint at ${req.method} ${path}. See docs/api.md.`);
  return true;
}

async function handleCommand(deps: HttpApiDeps, principal: Principal, name: string, req: IncomingMessage, res: ServerResponse) {
  // Refused before the body is read: cheap, and no audit row.
  if (deps.allowanceOf(principal)?.admit() === false) {
    res.setHeader('Retry-After', '1');
    return sendError(res, 429, 'rate_limited', rateLimitMessage(deps.commandRate));
  }
  let payload: unknown;
  try {
    const body = await readBody(req, MAX_COMMAND_BODY);
    const text = body.toString('utf8').trim();
    payload = text === '' ? {} : JSON.parse(text);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      return sendError(res, 413, 'payload_too_large', `Command body is over ${MAX_COMMAND_BODY} bytes. Send a smaller payload.`);
    }
    return sendError(res, 400, 'invalid', 'Body is not valid JSON. Send a JSON object with the command payload.');
  }
  const header = req.headers['x-anchor-expected-revision'];
  const expectedRevision = typeof header === 'string' && header.trim() !== '' ? Number(header) : undefined;
  const result = await deps.bus.execute(principal, name, payload, { expectedRevision });
  if (result.ok) sendJson(res, 200, result);
  else sendJson(res, HTTP_STATUS[result.error.code], result);
}

function authenticate(deps: HttpApiDeps, req: IncomingMessage): Principal | null {
  return deps.tokens.resolve(bearerToken(req.headers.authorization));
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** Sends the protocol's error shape: `{ ok: false, error: { code, message } }`. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}
