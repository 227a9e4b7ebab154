import { createHash } from 'node:crypto';
import { entryHashInput, type ChainedEntry } from '../../electron/features/sales/domain/ledger-entry';
import type { LinkEntriesAck } from '../../electron/features/agency/protocol/link-protocol';
import type { Database } from './database';

/** What a batch of a studio's entries did to the agency's copy: the answer for the studio, and the entries new here. */
export interface IntakeResult {
  ack: LinkEntriesAck;
  stored: ChainedEntry[];
}

/** Columns of one stored entry, in the INSERT's order. */
const COLUMNS = ['studio_id', 'seq', 'event', 'source', 'received_at', 'prev_hash', 'hash', 'stored_at'] as const;

/**
 * Takes a batch of a studio's ledger entries into the agency's copy, exactly once and only as an unbroken chain: each
 * entry must follow the last one held (seq and previous hash) and hash to what it says. Entries already held (a batch
 * sent again after a lost answer, or by a studio reconnecting through another node) are skipped. The studio's row is
 * locked for the batch, so two nodes never interleave one studio's entries; a broken batch keeps nothing.
 */
export async function takeEntries(db: Database, studioId: string, entries: readonly ChainedEntry[], now = Date.now()): Promise<IntakeResult> {
  return db.transaction(async (tx) => {
    const [studio] = await tx.query<{ last_seq: number; last_hash: string }>('SELECT last_seq, last_hash FROM studios WHERE id = $1 FOR UPDATE', [studioId]);
    if (!studio) return refused('invalid', 'This room no longer exists at the agency.', 0);
    let seq = Number(studio.last_seq);
    let head = studio.last_hash;
    const fresh: ChainedEntry[] = [];
    for (const entry of entries) {
      if (entry.seq <= seq) continue;
      if (entry.seq !== seq + 1) return refused('broken-chain', `Entry ${entry.seq} came right after entry ${seq}: the entries between are missing.`, Number(studio.last_seq));
      if (entry.prevHash !== head) {
        return refused('broken-chain', `Entry ${entry.seq} does not link to entry ${seq} the agency holds: this studio's ledger is not the one linked before.`, Number(studio.last_seq));
      }
      if (createHash('sha256').update(entryHashInput(entry.prevHash, entry)).digest('hex') !== entry.hash) {
        return refused('broken-chain', `Entry ${entry.seq} does not hash to what it says: it was changed after it was written.`, Number(studio.last_seq));
      }
      fresh.push(entry);
      seq = entry.seq;
      head = entry.hash;
    }
    if (fresh.length) {
      const params: unknown[] = [];
      const rows = fresh.map((e) => {
        const values = [studioId, e.seq, JSON.stringify(e.event), e.source, e.receivedAt, e.prevHash, e.hash, now];
        params.push(...values);
        return `(${values.map((_, i) => `$${params.length - values.length + i + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO ledger_entries (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, params);
      await tx.query('UPDATE studios SET last_seq = $2, last_hash = $3, last_seen_at = $4 WHERE id = $1', [studioId, seq, head, now]);
    }
    return { ack: { ok: true, lastSeq: seq }, stored: fresh };
  });
}

function refused(code: 'invalid' | 'broken-chain', message: string, lastSeq: number): IntakeResult {
  return { ack: { ok: false, code, message, lastSeq }, stored: [] };
}
