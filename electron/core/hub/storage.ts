import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A studio database handle. */
export type Db = Database.Database;

/** One schema step of one feature; applied once, in order, inside a transaction. */
export interface Migration {
  /** Feature that owns the tables, e.g. `core`, `ledger`, `chat`: versions count per feature. */
  feature: string;
  version: number;
  sql: string;
}

/** How to open a database file. */
export interface DatabaseOptions {
  /** File name inside the data dir (features with different durability needs use separate files). */
  file?: string;
  /** FULL survives power loss after every commit (orders); NORMAL is enough for state and chat. */
  synchronous?: 'NORMAL' | 'FULL';
  migrations?: Migration[];
}

/** Schema of the foundation: key-value state and the audit log. */
export const CORE_MIGRATIONS: Migration[] = [
  {
    feature: 'core',
    version: 1,
    sql: `
      CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        role TEXT NOT NULL,
        command TEXT NOT NULL,
        ok INTEGER NOT NULL,
        detail TEXT
      );
    `,
  },
];

/** Opens (creating if needed) a database in `dataDir` with WAL and applies pending migrations. */
export function openDatabase(dataDir: string, options: DatabaseOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, options.file ?? 'studio.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, options.migrations ?? CORE_MIGRATIONS);
  return db;
}

/** Applies the migrations this database has not seen yet, per feature, in version order. */
export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (feature TEXT NOT NULL, version INTEGER NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (feature, version))',
  );
  const seen = new Set(
    (db.prepare('SELECT feature, version FROM schema_migrations').all() as { feature: string; version: number }[]).map(
      (r) => `${r.feature}:${r.version}`,
    ),
  );
  const pending = migrations
    .filter((m) => !seen.has(`${m.feature}:${m.version}`))
    .sort((a, b) => a.feature.localeCompare(b.feature) || a.version - b.version);
  const record = db.prepare('INSERT INTO schema_migrations (feature, version, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.feature, m.version, Date.now());
    })();
  }
}

/** Reads a JSON value from the key-value table. */
export function readJson<T>(db: Db, key: string): T | null {
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

/** Writes a JSON value to the key-value table. */
export function writeJson(db: Db, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(value), Date.now());
}
