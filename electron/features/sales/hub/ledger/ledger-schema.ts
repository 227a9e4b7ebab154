import type { Migration } from '../../../../core/hub/storage';

/** Schema of `ledger.db` (its own file, synchronous=FULL). */
export const LEDGER_MIGRATIONS: Migration[] = [
  {
    feature: 'ledger',
    version: 1,
    sql: `
      -- Every distinct order event ever received, hash-chained in arrival order. Never updated.
      CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        event_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        status TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        currency TEXT NOT NULL,
        items TEXT NOT NULL,
        source TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (platform, event_id)
      );
      -- One current state per order, replaced only by an event that supersedes it.
      CREATE TABLE orders (
        platform TEXT NOT NULL,
        order_id TEXT NOT NULL,
        status TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        items TEXT NOT NULL,
        total INTEGER NOT NULL,
        placed_at INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL,
        PRIMARY KEY (platform, order_id)
      ) WITHOUT ROWID;
      -- Which cue was live from when: written by segment.start now, by the run-of-show feature later.
      CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        cue_id TEXT NOT NULL,
        label TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL
      );
      CREATE TABLE ledger_settings (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL);
      -- Sequenced tally events, written in the same transaction as the orders they derive from; the newest are kept.
      CREATE TABLE tally_events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
    `,
  },
  {
    feature: 'ledger',
    version: 2,
    sql: `
      -- Refund notices ({amount, restock} as JSON) and test orders; entries written before have neither.
      ALTER TABLE ledger_entries ADD COLUMN refund TEXT;
      ALTER TABLE ledger_entries ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE orders ADD COLUMN paid_at INTEGER;
      ALTER TABLE orders ADD COLUMN refunds TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE orders ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
      -- When each existing order was first paid, from its entries, as the fold would have recorded it.
      UPDATE orders SET paid_at = (
        SELECT MIN(e.occurred_at) FROM ledger_entries e
        WHERE e.platform = orders.platform AND e.order_id = orders.order_id AND e.status IN ('paid', 'refunded')
      );
    `,
  },
  {
    feature: 'ledger',
    version: 3,
    sql: `
      -- Each check of a shop's order export against the ledger (the report shows the newest of its show).
      CREATE TABLE reconciliations (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
    `,
  },
  {
    feature: 'ledger',
    version: 4,
    sql: `
      -- Tally events stored whole (1) or as a patch on the one before (0, see tally-log.ts); those before were whole.
      ALTER TABLE tally_events ADD COLUMN is_snapshot INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    feature: 'ledger',
    version: 5,
    sql: `
      -- A cue going live re-reads the orders placed since its start (order-states.ts): the rest are never touched.
      CREATE INDEX orders_by_placed_at ON orders (placed_at);
    `,
  },
];
