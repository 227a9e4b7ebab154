import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, HTTP_STATUS, roleRefusal, validateCommand, type CommandResult } from '../../../electron/core/protocol';
import type { Role } from '../../../electron/core/domain/roles';
import { connectClient, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../helpers/hub';
import { nearValidCommand, unknownCommandName, validCommand } from '../../helpers/protocol-arbitraries';
import { makeTempDir } from '../../helpers/temp-dir';

/** Runs per property: a few hundred requests in all against one hub, a few seconds on 2 cores. */
const RUNS = 150;
/** Statuses the HTTP command API may answer; 500 (or anything else) means the hub failed on input it should refuse. */
const ALLOWED_STATUSES = new Set([200, 400, 403, 404, 413, 422, 503]);
/** The hub's HTTP body limit (electron/core/hub/http/http-api.ts MAX_COMMAND_BODY) plus a margin. */
const OVERSIZE_BYTES = 64 * 1024 + 1024;
/** socket.io event names the client refuses to emit, so they cannot be fuzzed. */
const RESERVED_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

type Principal = { role: Role; token: string };

/** The status the hub must answer for a command it can parse, derived from the protocol alone. */
function expectedStatuses(role: Role, name: unknown, payload: unknown): number[] {
  const validation = validateCommand(name, payload);
  if (!validation.ok) return [HTTP_STATUS[validation.error.code]];
  if (roleRefusal(role, validation.command.name)) return [HTTP_STATUS.forbidden];
  // No engine is connected in this test: engine commands are refused as unavailable, or rejected by a domain rule first.
  return COMMANDS[validation.command.name].executor === 'engine' ? [HTTP_STATUS.rejected, HTTP_STATUS.unavailable] : [200, HTTP_STATUS.rejected];
}

/** One HTTP request the fuzzer sends: a raw path segment, a body, and the statuses the answer may have. */
interface HttpCase {
  segment: string;
  body: Uint8Array<ArrayBuffer> | string;
  expected: number[];
  what: string;
}

/**
 * The statuses for a body the hub reads as it documents (UTF-8, trimmed, empty means `{}`, otherwise JSON): 400 when
 * it is not JSON, else what the protocol says about that payload. So random bytes only get a 200 when they happen to
 * be a payload the command accepts.
 */
function expectedForBody(role: Role, name: string, body: Uint8Array): number[] {
  const text = Buffer.from(body).toString('utf8').trim();
  let payload: unknown;
  try {
    payload = text === '' ? {} : JSON.parse(text);
  } catch {
    return [HTTP_STATUS.invalid];
  }
  return expectedStatuses(role, name, payload);
}

/**
 * The statuses for a raw path segment under /api/v1/commands/, after fetch normalises the URL as WHATWG URLs do (dot
 * segments resolved, non-ASCII percent-encoded): 404 when it no longer names one command path, 400 when the name is
 * not valid percent-encoding, else what the protocol says about that name with an empty payload.
 */
function expectedForSegment(role: Role, base: string, segment: string): number[] {
  const sent = new URL(`/api/v1/commands/${segment}`, base).pathname;
  const match = /^\/api\/v1\/commands\/([^/]+)$/.exec(sent);
  if (!match) return [HTTP_STATUS.unknown_command];
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return [HTTP_STATUS.invalid];
  }
  return expectedStatuses(role, name, {});
}

const jsonBody = fc.oneof(fc.jsonValue(), fc.object(), nearValidCommand.map((c) => c.payload));

function httpCases(principal: Principal, base: string): fc.Arbitrary<HttpCase> {
  const known = (name: unknown, payload: unknown, what: string): HttpCase => ({
    segment: encodeURIComponent(String(name)),
    body: JSON.stringify(payload) ?? '',
    expected: expectedStatuses(principal.role, String(name), payload === undefined ? {} : JSON.parse(JSON.stringify(payload) ?? '{}')),
    what,
  });
  return fc.oneof(
    validCommand.map(({ name, payload }) => known(name, payload, 'valid payload')),
    nearValidCommand.map(({ name, payload, how }) => known(name, payload, `near-valid (${how})`)),
    fc.tuple(fc.constantFrom(...COMMAND_NAMES), jsonBody).map(([name, payload]) => known(name, payload, 'random JSON for a real command')),
    fc.tuple(unknownCommandName.filter((n) => typeof n === 'string'), jsonBody).map(([name, payload]) => known(name, payload, 'unknown name')),
    // Bytes that are mostly not JSON (a digit, or whitespace, is valid JSON or an empty body: then the protocol decides).
    fc.tuple(fc.constantFrom(...COMMAND_NAMES), fc.uint8Array({ maxLength: 512 })).map(([name, bytes]) => ({
      segment: name,
      // Copy into a plain ArrayBuffer-backed array: fetch's BodyInit type refuses views over a SharedArrayBuffer.
      body: new Uint8Array(bytes),
      expected: expectedForBody(principal.role, name, bytes),
      what: 'random bytes',
    })),
    // Raw, unencoded path segments: percent signs, malformed escapes, dots, unicode.
    fc
      .string({ unit: fc.constantFrom('%', 'E', '0', 'a', 'Z', '.', '-', '~', '2', 'F', 'é', '中'), minLength: 1, maxLength: 12 })
      .map((segment) => ({ segment, body: '{}', expected: expectedForSegment(principal.role, base, segment), what: 'raw path segment' })),
    fc.constantFrom(...COMMAND_NAMES).map((name) => ({
      segment: name,
      body: JSON.stringify({ title: 'x'.repeat(OVERSIZE_BYTES) }),
      expected: [HTTP_STATUS.payload_too_large],
      what: 'oversize body',
    })),
  );
}

/** Envelopes a socket.io client can send as the `command` event: anything JSON-ish, and shaped ones. */
const envelope = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  validCommand,
  nearValidCommand.map(({ name, payload }) => ({ name, payload })),
  fc.record({ name: unknownCommandName, payload: fc.anything({ maxDepth: 2 }) }),
  fc.record({ name: fc.constantFrom(...COMMAND_NAMES) }, { requiredKeys: [] }),
);

function expectErrorShape(body: unknown, context: string) {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code, context).toBe('string');
  expect(typeof error?.message, context).toBe('string');
  expect((error!.message as string).trim().length, context).toBeGreaterThan(0);
}

/** Sends a request with the path exactly as given (fetch would normalise it) and resolves with the status. */
function rawRequest(base: string, method: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: { 'content-length': 0 } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hub under fuzzing (one real hub, HTTP and socket.io)', () => {
  let hub: TestHub;
  const sockets: ConnectedClient[] = [];
  let principals: Principal[];

  beforeAll(async () => {
    // The fuzzer sends far faster than any person; the rate limits have their own test (tests/security/rate-limits).
    hub = await startTestHub({ commandRate: { burst: 1_000_000, perSecond: 1_000_000 } });
    principals = [
      { role: 'anchor', token: hub.anchorToken },
      { role: 'viewer', token: hub.tokens.issue({ id: 'fuzz-viewer', role: 'viewer', name: 'Fuzz viewer' }) },
      { role: 'engine', token: hub.tokens.issue({ id: 'fuzz-engine-http', role: 'engine', name: 'Fuzz engine (HTTP only)' }) },
    ];
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await hub?.stop();
  });

  it('answers every random HTTP command with an allowed status and an error message, never 500', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2).chain((i) => httpCases(principals[i]!, hub.url).map((c) => ({ principal: principals[i]!, c }))),
        async ({ principal, c }) => {
          seen.set(c.what, (seen.get(c.what) ?? 0) + 1);
          const res = await fetch(`${hub.url}/api/v1/commands/${c.segment}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${principal.token}` },
            body: c.body,
          });
          const text = await res.text();
          const context = `${c.what} as ${principal.role}: POST /api/v1/commands/${c.segment.slice(0, 80)} -> ${res.status} ${text.slice(0, 300)}`;
          expect(ALLOWED_STATUSES.has(res.status), context).toBe(true);
          expect(c.expected, context).toContain(res.status);
          const body = JSON.parse(text) as CommandResult;
          if (res.status === 200) expect(body, context).toMatchObject({ ok: true });
          else expectErrorShape(body, context);
        },
      ),
      { numRuns: RUNS },
    );
    // The mix really exercised each kind of input (not only the cheap ones).
    for (const kind of ['valid payload', 'near-valid', 'unknown name', 'random bytes', 'raw path segment', 'oversize body']) {
      expect([...seen.keys()].some((k) => k.startsWith(kind)), `no "${kind}" case ran`).toBe(true);
    }
  });

  it('answers a malformed percent-encoded command name with an error, not 500', async () => {
    for (const segment of ['%', '%E0%A4%A', 'show.rename%']) {
      const res = await fetch(`${hub.url}/api/v1/commands/${segment}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${hub.anchorToken}` },
        body: '{}',
      });
      const text = await res.text();
      expect([400, 404], `POST /api/v1/commands/${segment} -> ${res.status} ${text}`).toContain(res.status);
      expectErrorShape(JSON.parse(text), segment);
    }
  });

  it('refuses a command whose name is an object that cannot become a string (found by the fuzzer: no answer, an unhandled rejection)', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    for (const name of [{ toString: 0 }, { valueOf: null, toString: null }, ['show.rename'], 42]) {
      const result = (await anchor.timeout(5000).emitWithAck('command', { name, payload: {} } as never)) as CommandResult;
      expect(result, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });

  it('answers random socket.io command envelopes with a refusal or a result, and survives ones without an ack', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const viewer = await connectClient(hub.url, hub.tokens.issue({ id: 'fuzz-viewer-ws', role: 'viewer', name: 'Fuzz viewer' }));
    sockets.push(anchor, viewer);
    const clients = [
      { role: 'anchor' as const, socket: anchor },
      { role: 'viewer' as const, socket: viewer },
    ];
    let withoutAck = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...clients), envelope, fc.boolean(), async ({ role, socket }, env, withAck) => {
        if (!withAck) {
          withoutAck += 1;
          (socket.emit.bind(socket) as (event: string, ...rest: unknown[]) => void)('command', env);
          // The hub handles a socket's events in order: a command sent after it is answered only if the hub went past
          // the envelope without an ack and kept this connection.
          const after = (await socket.timeout(5000).emitWithAck('command', { name: 'no.such-command', payload: {} } as never)) as CommandResult;
          expect(after, `after ${JSON.stringify(env)?.slice(0, 300)} without an ack`).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
          return;
        }
        const result = (await socket.timeout(5000).emitWithAck('command', env as never)) as CommandResult;
        const context = `${role}: envelope ${JSON.stringify(env)?.slice(0, 300)} -> ${JSON.stringify(result).slice(0, 300)}`;
        expect(typeof result?.ok, context).toBe('boolean');
        if (!result.ok) {
          expectErrorShape(result, context);
          expect(result.error.code, context).not.toBe('internal');
        }
        // What the hub received is the JSON form of the envelope (undefined travels as null). Anything but an object is
        // refused as such; for an object the protocol's own verdict on its name and payload is the answer.
        const wire = JSON.parse(JSON.stringify(env ?? null) ?? 'null') as { name?: unknown; payload?: unknown } | null;
        if (wire === null || typeof wire !== 'object') {
          expect(result, context).toEqual({ ok: false, error: { code: 'invalid', message: 'A command must be an object { name, payload }.' } });
          return;
        }
        const validation = validateCommand(wire.name, wire.payload);
        if (!validation.ok) expect(result, context).toEqual({ ok: false, error: validation.error });
        else if (roleRefusal(role, validation.command.name)) expect(result, context).toEqual({ ok: false, error: roleRefusal(role, validation.command.name) });
        else expect(['ok', 'rejected', 'unavailable', 'conflict'], context).toContain(result.ok ? 'ok' : result.error.code);
      }),
      { numRuns: RUNS },
    );
    expect(withoutAck, 'no envelope was sent without an ack').toBeGreaterThan(0);
    expect(anchor.connected && viewer.connected).toBe(true);
  });

  it('survives unknown events, extra arguments and non-function acks on socket.io', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }).filter((name) => !RESERVED_EVENTS.has(name)),
        fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
        async (event, args) => {
          // The typed client only allows protocol events; the fuzzer needs the untyped emit.
          const emit = anchor.emit.bind(anchor) as (event: string, ...rest: unknown[]) => void;
          emit(event, ...args);
          // `command` with a non-function second argument: the hub must not try to call it.
          emit('command', { name: 'show.rename', payload: { title: 'x' } }, ...args.filter((a) => typeof a !== 'function'));
        },
      ),
      { numRuns: RUNS / 3 },
    );
    expect(await sendCommand(anchor, 'show.rename', { title: 'still answering' })).toMatchObject({ ok: true });
    expect(anchor.connected).toBe(true);
  });

  it('answers any request path (odd slashes, dots, percent signs, backslashes) without a 500, UI served or not', async () => {
    const ui = makeTempDir('anchor-fuzz-ui-');
    writeFileSync(join(ui.path, 'index.html'), '<div id="root"></div>');
    const withUi = await startTestHub({ staticDir: ui.path });
    try {
      const piece = fc.constantFrom('/', '//', '.', '..', '%', '%2f', '%2F', '%zz', '%00', '\\', '?', '#', ':', '@', ';', '=', '&', '~', 'a', 'api', 'v1', 'commands', 'show.rename', encodeURIComponent('中文'));
      await fc.assert(
        fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('GET', 'HEAD', 'POST'), fc.boolean(), async (parts, method, served) => {
          const path = `/${parts.join('')}`;
          const status = await rawRequest(served ? withUi.url : hub.url, method, path);
          expect(status, `${method} ${path}`).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
      // The path that once answered 500 (`new URL('//', base)` throws).
      expect(await rawRequest(hub.url, 'GET', '//')).toBe(404);
      expect(await rawRequest(withUi.url, 'GET', '//')).toBe(200);
    } finally {
      await withUi.stop();
      ui.remove();
    }
  });

  it('is healthy afterwards: /healthz is 200, a valid command works over HTTP and socket.io, nothing failed inside', async () => {
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    const res = await fetch(`${hub.url}/api/v1/commands/show.rename`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${hub.anchorToken}` },
      body: JSON.stringify({ title: '春季茶具专场' }),
    });
    expect(res.status).toBe(200);
    expect(hub.store.current.show.title).toBe('春季茶具专场');
    const client = await connectClient(hub.url, hub.anchorToken);
    sockets.push(client);
    expect(await sendCommand(client, 'show.rename', { title: 'after the fuzz' })).toMatchObject({ ok: true });
    expect(hub.store.current.show.title).toBe('after the fuzz');
    // Input the hub refuses is logged at info; an error line means some input reached a code path that failed.
    const errors = hub.logLines.filter((line) => (JSON.parse(line) as { level: string }).level === 'error');
    expect(errors).toEqual([]);
  });
});
