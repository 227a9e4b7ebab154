import type { OrderEvent } from './ledger';

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
 * The exact text an entry's hash is taken over (SHA-256, by whoever checks the chain: the studio's ledger, its verify
 * tool, an agency receiving it): the previous hash and a canonical encoding of every stored field, so editing any
 * field of any row, or removing/reordering rows, breaks the chain from there on.
 */
export function entryHashInput(prevHash: string, entry: LedgerEntry): string {
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
  return `${prevHash}\n${JSON.stringify(fields)}`;
}

/** A ledger entry with its place in the chain, as a studio sends it to whoever keeps a copy (an agency). */
export interface ChainedEntry extends LedgerEntry {
  prevHash: string;
  hash: string;
}
