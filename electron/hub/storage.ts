import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The studio database handle. */
export type Db = Database.Database;

/** One schema step; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  sql: string;
}

/** Schema of the foundation; features append their own migrations with higher versions. */
export const MIGRATIONS: Migration[] = [
  {
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

/** Opens (creating if needed) the studio database in `dataDir` with WAL and applies pending migrations. */
export function openDatabase(dataDir: string, migrations: Migration[] = MIGRATIONS): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'studio.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/** Applies migrations newer than the database's `user_version`. */
export function migrate(db: Db, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
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
