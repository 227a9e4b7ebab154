import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenRole } from '../shared/agency-roles';
import type { Sql } from './database';

/** A credential as the agency knows it (never the token: only its hash is stored). */
export interface Credential {
  id: string;
  role: TokenRole;
  name: string;
  /** The brand a brand viewer sees; null for other roles. */
  brand: string | null;
  /** The room a studio token links; null for console users. */
  studioId: string | null;
}

/** Prefix of every agency token, so a leaked one is recognisable (and scannable) as such. */
const TOKEN_PREFIX = 'agt_';

/** SHA-256 of a token: what the database keeps and looks tokens up by. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a new credential and returns its token: shown once, never stored. */
export async function issueToken(sql: Sql, input: Omit<Credential, 'id'>, now = Date.now()): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  await sql.query('INSERT INTO tokens (id, hash, role, name, brand, studio_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id,
    tokenHash(token),
    input.role,
    input.name,
    input.brand,
    input.studioId,
    now,
  ]);
  return { id, token };
}

/** The live credential a token belongs to; null for an unknown, malformed or revoked token. */
export async function credentialOf(sql: Sql, token: unknown): Promise<Credential | null> {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const rows = await sql.query<{ id: string; role: TokenRole; name: string; brand: string | null; studio_id: string | null }>(
    'SELECT id, role, name, brand, studio_id FROM tokens WHERE hash = $1 AND revoked_at IS NULL',
    [tokenHash(token)],
  );
  const row = rows[0];
  return row ? { id: row.id, role: row.role, name: row.name, brand: row.brand, studioId: row.studio_id } : null;
}

/** Revokes a credential; false when there is no such live credential. */
export async function revokeToken(sql: Sql, id: string, now = Date.now()): Promise<boolean> {
  const rows = await sql.query('UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id, now]);
  return rows.length > 0;
}

/** Writes one audit row: who did what to what, and how it went. */
export async function audit(sql: Sql, row: { actor: string; action: string; target?: string | null; outcome: string }, now = Date.now()): Promise<void> {
  await sql.query('INSERT INTO audit (at, actor, action, target, outcome) VALUES ($1, $2, $3, $4, $5)', [now, row.actor, row.action, row.target ?? null, row.outcome]);
}
