import { allPowers } from '../domain/cohost';
import { answerCors } from '../../../core/hub/http/cors';
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { Role } from '../../../core/domain/roles';
import { failure, type CommandResult } from '../../../core/protocol';
import { AUDIT_CSV_PATH, DEFAULT_INVITE_DAYS, type AuditEntry, type CreatedInvite, type InviteSummary } from '../protocol/cohost-commands';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import { readBody } from '../../../core/hub/http/http-body';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { PairingCodes } from './pairing-codes';
import type { Migration } from '../../../core/hub/storage';
import { csvField } from '../../../core/hub/csv';
import { bearerToken, generateToken, hashToken } from '../../../core/hub/auth/tokens';

const MIGRATIONS: Migration[] = [
  {
    feature: 'cohost',
    version: 1,
    sql: `
      CREATE TABLE principals (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
    `,
  },
  // Invites expire; those made before stay valid until revoked (expires_at NULL).
  { feature: 'cohost', version: 2, sql: 'ALTER TABLE principals ADD COLUMN expires_at INTEGER;' },
];

/** Co-hosting: personal invites with revocable tokens, pairing codes, LAN sharing, notes, permissions, audit. */
export const cohostFeature: HubFeatureFactory = (ctx) => {
  const { db, tokens, store, log } = ctx;
  const codes = new PairingCodes();

  /** The newest audit entries, newest first (who, role, what, when, result). */
  const auditRows = (limit: number): AuditEntry[] =>
    (
      db
        .prepare('SELECT id, at, actor_id AS actorId, role, command, ok, detail FROM audit_log ORDER BY id DESC LIMIT ?')
        .all(limit) as Array<Omit<AuditEntry, 'ok'> & { ok: number }>
    ).map((r) => ({ ...r, ok: r.ok === 1 }));
  const ok = (data?: unknown): CommandResult => ({ ok: true, version: store.current.version, ...(data === undefined ? {} : { data }) });
  const applied = (result: ReturnType<typeof store.apply>): CommandResult =>
    result.ok ? { ok: true, version: result.version } : failure('rejected', result.reason);

  // A LAN link carries the certificate's fingerprint in its fragment (never sent to a server): what the co-host's
  // browser must show for the studio's certificate, and what an app joining by QR can pin.
  const inviteLinks = (token: string) => [
    `${ctx.localUrl()}/?token=${token}`,
    ...ctx.lan.urls.map((base) => `${base}/?token=${token}#fp=${ctx.lan.fingerprint?.replace(/:/g, '') ?? ''}`),
  ];

  return {
    name: 'cohost',
    migrations: MIGRATIONS,
    start() {
      // Co-host tokens survive a hub restart: their hashes are stored, the tokens are not.
      const rows = db.prepare('SELECT id, name, role, token_hash, expires_at FROM principals WHERE revoked_at IS NULL').all() as {
        id: string;
        name: string;
        role: Role;
        token_hash: string;
        expires_at: number | null;
      }[];
      for (const r of rows) tokens.addHashed(r.token_hash, { id: r.id, name: r.name, role: r.role, ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }) });
    },
    commands: {
      'permissions.set': (payload) =>
        applied(
          store.apply({
            name: 'permissions.set',
            payload: { producerPowers: { ...(payload.producerCanControlAir === undefined ? {} : allPowers(payload.producerCanControlAir)), ...payload.producerPowers } },
          }),
        ),
      'note.send': (payload, principal) =>
        applied(
          store.apply({
            name: 'note.add',
            payload: { id: randomUUID(), fromName: principal.name, fromRole: principal.role, text: payload.text, at: Date.now() },
          }),
        ),
      'note.ack': (payload) => applied(store.apply({ name: 'note.ack', payload })),
      'invite.create': async (payload) => {
        const principalId = `${payload.role}-${randomUUID().slice(0, 8)}`;
        const token = generateToken();
        log.addSecret(token);
        const now = tokens.now();
        const expiresAt = now + (payload.validDays ?? DEFAULT_INVITE_DAYS) * 24 * 3600_000;
        db.prepare('INSERT INTO principals (id, name, role, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          principalId,
          payload.name,
          payload.role,
          hashToken(token),
          now,
          expiresAt,
        );
        tokens.add(token, { id: principalId, name: payload.name, role: payload.role, expiresAt });
        const urls = inviteLinks(token);
        const qrTarget = ctx.lan.urls.length ? urls[1]! : urls[0]!;
        const invite: CreatedInvite = {
          principalId,
          name: payload.name,
          role: payload.role,
          token,
          expiresAt,
          pairingCode: codes.issue(token, principalId),
          urls,
          qrSvg: await QRCode.toString(qrTarget, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
        };
        log.info('invite created', { principalId, role: payload.role });
        return ok(invite);
      },
      'invite.list': () => {
        const connected = new Set(store.current.presence.map((p) => p.principalId));
        const rows = db
          .prepare('SELECT id, name, role, created_at, expires_at FROM principals WHERE revoked_at IS NULL ORDER BY created_at')
          .all() as { id: string; name: string; role: Role; created_at: number; expires_at: number | null }[];
        const list: InviteSummary[] = rows.map((r) => ({
          principalId: r.id,
          name: r.name,
          role: r.role,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          isConnected: connected.has(r.id),
        }));
        return ok(list);
      },
      'invite.revoke': (payload) => {
        const changed = db
          .prepare('UPDATE principals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(Date.now(), payload.principalId).changes;
        if (changed === 0) return failure('rejected', 'No active invite with that id. Refresh the invite list.');
        tokens.revoke(payload.principalId);
        codes.forget(payload.principalId);
        ctx.disconnectPrincipal(payload.principalId);
        log.info('invite revoked', { principalId: payload.principalId });
        return ok();
      },
      'sharing.set': async (payload) => {
        try {
          if (payload.enabled) await ctx.lan.enable();
          else await ctx.lan.disable();
        } catch (err) {
          return failure('rejected', (err as Error).message);
        }
        return applied(store.apply({ name: 'sharing.update', payload: { isLanEnabled: payload.enabled, lanUrls: [...ctx.lan.urls], fingerprint: ctx.lan.fingerprint } }));
      },
      'audit.list': (payload) => ok(auditRows(payload.limit ?? 200)),
    },

    async route(req, res, url) {
      if (url.pathname === AUDIT_CSV_PATH) {
        const principal = ctx.tokens.resolve(bearerToken(req.headers.authorization));
        if (!principal) return sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>".'), true;
        if (principal.role !== 'anchor' && principal.role !== 'producer') {
          return sendError(res, 403, 'forbidden', `The ${principal.role} role may not export the audit log; ask the anchor or a producer.`), true;
        }
        if (req.method !== 'GET') return sendError(res, 405, 'invalid', `Use GET ${AUDIT_CSV_PATH}.`), true;
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
          'Cache-Control': 'no-store',
        });
        res.end('\uFEFF' + renderAuditCsv(auditRows(AUDIT_EXPORT_LIMIT).reverse()));
        return true;
      }
      if (url.pathname !== '/api/v1/pair') return false;
      // The desktop app (app://anchor) pairs across origins: JSON makes the browser ask first; answer only known origins.
      if (answerCors(req, res, { origins: ctx.allowedOrigins, methods: 'POST', headers: 'Content-Type' })) return true;
      if (req.method !== 'POST') return sendError(res, 405, 'invalid', 'Use POST /api/v1/pair with {"code":"123456"}.'), true;
      // JSON only: a web page can post text or a form to any address without asking, but not JSON.
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return sendError(res, 415, 'invalid', 'Send the code as JSON: Content-Type application/json, body {"code":"123456"}.'), true;
      }
      let code: unknown;
      try {
        code = (JSON.parse((await readBody(req, 1024)).toString('utf8')) as { code?: unknown }).code;
      } catch {
        return sendError(res, 400, 'invalid', 'Send JSON {"code":"123456"} with the 6-digit pairing code.'), true;
      }
      if (typeof code !== 'string' || !/^\d{6}$/.test(code)) {
        return sendError(res, 400, 'invalid', 'The pairing code is 6 digits, as shown on the anchor screen.'), true;
      }
      const redeemed = codes.redeem(code, req.socket.remoteAddress ?? 'unknown');
      if (redeemed === 'throttled') return sendError(res, 429, 'forbidden', 'Too many wrong codes. Wait a minute and try again.'), true;
      if (!redeemed) return sendError(res, 401, 'unauthorized', 'Unknown or expired pairing code. Ask the anchor for a new invite.'), true;
      const principal = tokens.resolve(redeemed.token);
      if (!principal) return sendError(res, 401, 'unauthorized', 'That invite was revoked. Ask the anchor for a new one.'), true;
      sendJson(res, 200, { token: redeemed.token, role: principal.role, name: principal.name });
      return true;
    },
  };
};

/** Most entries one export holds. */
const AUDIT_EXPORT_LIMIT = 100_000;

/** The audit log as CSV, oldest first, times in UTC ISO and epoch ms. */
export function renderAuditCsv(rows: readonly AuditEntry[]): string {
  const lines = [['id', 'at', 'atMs', 'actor', 'role', 'command', 'result', 'error'].join(',')];
  for (const r of rows) {
    lines.push([r.id, new Date(r.at).toISOString(), r.at, r.actorId, r.role, r.command, r.ok ? 'ok' : 'refused', r.detail ?? ''].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
