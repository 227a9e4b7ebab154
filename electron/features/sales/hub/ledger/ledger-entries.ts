import type { OrderStatus } from '../../domain/ledger';
import type { ChainedEntry } from '../../domain/ledger-entry';
import { decodeItems, decodeRefund } from './ledger-rows';
import type { Db } from '../../../../core/hub/storage';

/** One row of `ledger_entries` as SQLite returns it. */
export interface EntryRow {
  seq: number;
  platform: string;
  event_id: string;
  order_id: string;
  status: OrderStatus;
  occurred_at: number;
  currency: string;
  items: string;
  refund: string | null;
  test: number;
  source: string;
  received_at: number;
  prev_hash: string;
  hash: string;
}

/** Reads an entry row back into the entry it records, with its place in the chain. */
export function rowToEntry(row: EntryRow): ChainedEntry {
  return {
    seq: row.seq,
    event: {
      eventId: row.event_id,
      platform: row.platform,
      orderId: row.order_id,
      status: row.status,
      occurredAt: row.occurred_at,
      currency: row.currency,
      items: decodeItems(row.items),
      ...(row.refund !== null ? { refund: decodeRefund(row.refund) } : {}),
      ...(row.test === 1 ? { test: true } : {}),
    },
    source: row.source,
    receivedAt: row.received_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The entries after `afterSeq`, oldest first, at most `limit` of them (a copy catching up reads them in pages). */
export function readEntriesAfter(db: Db, afterSeq: number, limit: number): ChainedEntry[] {
  const rows = db.prepare('SELECT * FROM ledger_entries WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as EntryRow[];
  return rows.map(rowToEntry);
}
