import { createHash } from 'node:crypto';
import type { OrderEvent } from '../../domain/ledger';

/** `prev_hash` of the first ledger entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one ledger entry records: the event as received, where from, when, and its place in the chain. */
export interface LedgerEntry {
  seq: number;
  event: OrderEvent;
  /** Which ingest path stored it: `http`, `shopify`, `csv`, `manual`. */
  source: string;
  receivedAt: number;
}

/**
 * Hash of an entry: SHA-256 over the previous hash and a canonical encoding of every stored field, so editing any
 * field of any row, or removing/reordering rows, breaks the chain from there on.
 */
export function entryHash(prevHash: string, entry: LedgerEntry): string {
  const e = entry.event;
  const fields: unknown[] = [
    entry.seq,
    e.platform,
    e.eventId,
    e.orderId,
    e.status,
    e.occurredAt,
    e.currency,
    e.items.map((i) => [i.sku, i.quantity, i.unitPrice]),
    entry.source,
    entry.receivedAt,
  ];
  // Fields newer than the chain are added only when set, so every entry written before them keeps its hash.
  if (e.refund || e.test) fields.push(e.refund ? [e.refund.amount, e.refund.restock] : null, e.test === true);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** JSON with every object's keys sorted: two values print the same exactly when they hold the same data. */
export function canonicalJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sorted(value));
}
