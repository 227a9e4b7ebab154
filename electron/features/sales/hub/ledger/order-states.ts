import type { OrderState } from '../../domain/ledger';
import { rowToOrder, type OrderRow } from './ledger-rows';
import type { Db } from '../../../../core/hub/storage';

/**
 * Orders' current states, read from `ledger.db`'s `orders` table when needed. The ledger keeps none in memory: a
 * seven-hour show has ~50,000 orders, and a copy of each in the heap (~430 B, plus the garbage room V8 keeps in
 * proportion) made the hub grow with the show. A commit reads only the orders its events name (a primary-key lookup).
 *
 * The iterators hold the connection until they finish: consume them without using the database in between.
 */
export class OrderStates {
  private readonly reads: ReturnType<typeof prepareReads>;

  constructor(db: Db) {
    this.reads = prepareReads(db);
  }

  /** One order's state, or undefined when no event of it was stored yet. */
  get(platform: string, orderId: string): OrderState | undefined {
    const row = this.reads.one.get(platform, orderId) as OrderRow | undefined;
    return row ? rowToOrder(row) : undefined;
  }

  /** Every order's state. */
  all(): IterableIterator<OrderState> {
    return decodeRows(this.reads.every.iterate() as IterableIterator<OrderRow>);
  }

  /** The orders placed at or after `at` (what a cue going live at `at` can take over). */
  placedSince(at: number): IterableIterator<OrderState> {
    return decodeRows(this.reads.placedSince.iterate(at) as IterableIterator<OrderRow>);
  }
}

function prepareReads(db: Db) {
  return {
    one: db.prepare('SELECT * FROM orders WHERE platform = ? AND order_id = ?'),
    every: db.prepare('SELECT * FROM orders'),
    placedSince: db.prepare('SELECT * FROM orders WHERE placed_at >= ?'),
  };
}

function* decodeRows(rows: IterableIterator<OrderRow>): IterableIterator<OrderState> {
  for (const row of rows) yield rowToOrder(row);
}
