import type { Database } from './database';

/** One step of the agency's schema; steps run once, in order, each in its own transaction. */
interface Migration {
  version: number;
  sql: string;
}

/** The agency's schema. Append only: a node never edits a step another node may already have applied. */
export const AGENCY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Every credential the agency issued: console users (admin, producer, brand viewer) and studio links. Only a
      -- SHA-256 of each token is kept; the token itself is shown once, when issued.
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'producer', 'brand', 'studio')),
        name TEXT NOT NULL,
        brand TEXT,
        studio_id TEXT,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      -- One row per linked studio (a room): who it is, where its copy of the ledger ends, its latest status and figures.
      CREATE TABLE studios (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        brand TEXT NOT NULL,
        anchor TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0,
        last_hash TEXT NOT NULL,
        status JSONB,
        figures JSONB,
        linked_node TEXT,
        last_seen_at BIGINT
      );
      -- The studios' ledger entries, each exactly once (primary key), chain-checked on arrival. Never updated.
      CREATE TABLE ledger_entries (
        studio_id TEXT NOT NULL REFERENCES studios (id),
        seq BIGINT NOT NULL,
        event JSONB NOT NULL,
        source TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        stored_at BIGINT NOT NULL,
        PRIMARY KEY (studio_id, seq)
      );
      -- Alerts as they were raised and cleared, for the console's feed.
      CREATE TABLE alerts (
        id BIGSERIAL PRIMARY KEY,
        studio_id TEXT NOT NULL REFERENCES studios (id),
        code TEXT NOT NULL,
        detail TEXT NOT NULL,
        raised_at BIGINT NOT NULL,
        cleared_at BIGINT
      );
      CREATE INDEX alerts_recent ON alerts (raised_at DESC);
      -- Every action of every console user and every refused credential.
      CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL
      );
    `,
  },
];

/** An arbitrary key for Postgres's advisory lock: nodes starting together apply the migrations one at a time. */
const MIGRATION_LOCK = 7_400_017;

/** Applies the steps this database has not seen; safe when several nodes start at once on one PostgreSQL. */
export async function migrate(db: Database): Promise<number> {
  // Under the lock too: two nodes creating the table at once on an empty database collide in PostgreSQL's catalog.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  });
  let applied = 0;
  for (const step of AGENCY_MIGRATIONS) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [step.version]);
      if (done.length) return;
      await tx.exec(step.sql);
      await tx.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [step.version, Date.now()]);
      applied++;
    });
  }
  return applied;
}
