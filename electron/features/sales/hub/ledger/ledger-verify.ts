import { orderKey } from '../../domain/ledger';
import { deriveTallies } from '../../domain/tallies';
import { MemoryLedger } from '../../domain/memory-ledger';
import { canonicalJson, entryHash, GENESIS_HASH } from './ledger-chain';
import { readSegments, readSettings } from './ledger-store';
import { rowToOrder } from './ledger-rows';
import { rowToEntry, type EntryRow } from './ledger-entries';
import { readNewestTallyEvent } from './tally-log';
import Database from 'better-sqlite3';
import type { Db } from '../../../../core/hub/storage';

/** What `ledger:verify` found. */
export interface LedgerVerification {
  isValid: boolean;
  entries: number;
  /** Hash of the last entry (the chain head the report prints). */
  head: string;
  /** Plain-words problems, first ones first; empty when valid. */
  problems: string[];
}


const MAX_PROBLEMS = 20;

/** Rows checked between two turns of the event loop when the hub checks its ledger for a report (tens of ms each). */
const ROWS_PER_STEP = 2_000;

/**
 * Checks a ledger database: the hash chain links every entry to the previous one and each hash matches its row;
 * replaying the entries reproduces every current-state row; the newest tally event matches the tallies derived from
 * them and names the same chain head (so removing the last entries is caught too).
 */
export function verifyLedger(db: Db): LedgerVerification {
  const steps = verificationSteps(db);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * verifyLedger for a running hub: reads the ledger file through its own read-only connection, in one read transaction
 * (a snapshot: orders committed meanwhile are neither half-seen nor reported as tampering), and gives the event loop a
 * turn every ROWS_PER_STEP rows. A show's ledger of 100k entries takes seconds to check: done in one go it would hold
 * up order acknowledgements and chat for all that time.
 */
export async function verifyLedgerFile(file: string): Promise<LedgerVerification> {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    reader.exec('BEGIN');
    const steps = verificationSteps(reader);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    if (reader.inTransaction) reader.exec('ROLLBACK');
    reader.close();
  }
}

/** The checks of verifyLedger, pausing (yield) every ROWS_PER_STEP rows read. */
function* verificationSteps(db: Db): Generator<void, LedgerVerification> {
  let rows = 0;
  const problems: string[] = [];
  const note = (p: string) => problems.length < MAX_PROBLEMS && problems.push(p);
  const replay = new MemoryLedger();
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM ledger_entries ORDER BY seq').iterate() as IterableIterator<EntryRow>) {
    if (row.seq !== expectedSeq) note(`Entry ${expectedSeq} is missing (next is ${row.seq}): rows were deleted.`);
    if (row.prev_hash !== prev) note(`Entry ${row.seq} does not link to the entry before it: the chain was cut or reordered there.`);
    const entry = rowToEntry(row);
    const hash = entryHash(row.prev_hash, entry);
    if (hash !== row.hash) note(`Entry ${row.seq} (${row.platform} order ${row.order_id}) was edited after it was written: its hash does not match its content.`);
    replay.ingest(entry.event);
    prev = row.hash;
    expectedSeq = row.seq + 1;
    entries = row.seq;
    if (++rows % ROWS_PER_STEP === 0) yield;
  }

  const stored = new Map<string, ReturnType<typeof rowToOrder>>();
  for (const row of db.prepare('SELECT * FROM orders').iterate() as IterableIterator<Parameters<typeof rowToOrder>[0]>) {
    const order = rowToOrder(row);
    stored.set(orderKey(order.platform, order.orderId), order);
    if (++rows % ROWS_PER_STEP === 0) yield;
  }
  for (const [key, expected] of replay.orders) {
    const actual = stored.get(key);
    if (!actual) note(`Order ${expected.platform}/${expected.orderId} is in the entries but has no current-state row.`);
    else if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      note(`Order ${expected.platform}/${expected.orderId}: its current-state row differs from the replayed entries (edited row).`);
    }
    if (++rows % ROWS_PER_STEP === 0) yield;
  }
  for (const [key, actual] of stored) {
    if (!replay.orders.has(key)) note(`Order ${actual.platform}/${actual.orderId} has a current-state row but no entries (inserted row).`);
  }

  const event = readNewestTallyEvent(db);
  if (event) {
    if (event.chain.entries !== entries || event.chain.head !== prev) {
      note(`The newest tally event was made at entry ${event.chain.entries} but the chain ends at entry ${entries}: entries were removed or added afterwards.`);
    }
    const derived = deriveTallies(replay.orders.values(), readSegments(db), readSettings(db));
    if (canonicalJson(derived) !== canonicalJson(event.tallies)) {
      note('The newest published tallies differ from the tallies derived from the entries.');
    }
  } else if (entries > 0) note('There are entries but no tally event stored whole: the tally table was emptied.');

  return { isValid: problems.length === 0, entries, head: prev, problems };
}
