import { mkdirSync } from 'node:fs';

/** What pg's pool and its clients both offer (typed loosely: pg's overloads do not narrow here). */
interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Runs SQL with `$1`-style parameters and returns the rows. */
export interface Sql {
  query<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements, without parameters (a migration step). */
  exec(script: string): Promise<void>;
}

/** The agency's database: PostgreSQL itself, or PGlite (Postgres in the process) on one machine. */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the database: `url` (a `postgres://` DATABASE_URL) for a cluster of nodes, else PGlite in `dataDir` (nothing
 * to install, one node). The drivers load only when used, so one mode never needs the other's package.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  type Connection = Pick<typeof db, 'query' | 'exec'>;
  const sqlOf = (c: Connection): Sql => ({
    query: async <R>(text: string, params: readonly unknown[] = []) => (await c.query<R>(text, [...params])).rows,
    exec: async (script) => void (await c.exec(script)),
  });
  return {
    kind: 'pglite',
    ...sqlOf(db),
    transaction: (work) => db.transaction((tx) => work(sqlOf(tx))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // BIGINT columns hold epoch ms and sequence numbers: far below 2^53, so they read back as plain numbers.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A pooled connection that the server drops (restart, failover) must not take the node down with it.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const sqlOf = (c: PgQueryable): Sql => ({
    query: async <R>(text: string, params: readonly unknown[] = []) => (await c.query(text, [...params])).rows as R[],
    // Without parameters pg uses the simple query protocol, which takes several statements.
    exec: async (script) => void (await c.query(script)),
  });
  return {
    kind: 'postgres',
    ...sqlOf(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(sqlOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
