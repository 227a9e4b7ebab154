import type { Tallies } from '../../domain/tallies';
import { applyTalliesPatch, diffTallies, mapEntries, type TalliesPatch } from '../../domain/tallies-patch';
import type { TallyEvent } from '../../protocol/sales-events';
import type { Db } from '../../../../core/hub/storage';

/** Tally events kept for catch-up; older ones are pruned. */
export const TALLY_EVENTS_KEPT = 2000;
/** Every this many events one is stored whole, so the newest tallies are rebuilt from at most this many patches. */
const SNAPSHOT_EVERY = 100;

/** A tally event as stored: whole (its tallies) or as a patch on the stored event before it. */
type StoredTallyEvent = Omit<TallyEvent, 'tallies'> & ({ tallies: Tallies } | { patch: TalliesPatch });

/**
 * The ledger's tally events in `tally_events`, written in the transaction of the commit they come from. With a full
 * catalog an event's tallies are ~340 kB (a figure and a stock line per product) and a busy show commits hundreds of
 * times a minute: storing each whole cost more than the rest of the commit and grew the file by ~700 MB over the
 * events kept. So most are stored as the patch on the one before, and one in SNAPSHOT_EVERY whole.
 */
export class TallyLog {
  /** Seq of the newest stored event (0 when none). */
  readonly lastSeq: number;
  private readonly insert;
  private readonly prune;
  private readonly findBase;
  /**
   * Whether a whole event is stored, so the next can be a patch. Only a yes read from the file is kept: one written
   * by a transaction that then failed must not count (its patches would have nothing to build on).
   */
  private isBaseStored = false;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO tally_events (seq, at, body, is_snapshot) VALUES (?, ?, ?, ?)');
    this.prune = db.prepare('DELETE FROM tally_events WHERE seq <= ?');
    this.findBase = db.prepare('SELECT 1 FROM tally_events WHERE is_snapshot = 1 LIMIT 1');
    this.lastSeq = (db.prepare('SELECT MAX(seq) AS seq FROM tally_events').get() as { seq: number | null }).seq ?? 0;
  }

  /** Stores `event` in the caller's transaction; `before` is the tallies of the stored event before it. */
  append(event: TallyEvent, before: Tallies): void {
    const { tallies, ...rest } = event;
    this.isBaseStored ||= this.findBase.get() !== undefined;
    const patch = this.isBaseStored && event.seq % SNAPSHOT_EVERY !== 0 ? diffTallies(before, tallies) : null;
    // A patch that changes most entries (a re-derivation replaces them all) is no smaller than the whole.
    const stored: StoredTallyEvent = patch && mapEntries(patch) * 2 <= mapEntries(tallies) ? { ...rest, patch } : event;
    this.insert.run(event.seq, event.at, JSON.stringify(stored), 'tallies' in stored ? 1 : 0);
    // Keeps the whole event the oldest kept patches build on (it is TALLY_EVENTS_KEPT back, a multiple of 100).
    if (event.seq % SNAPSHOT_EVERY === 0) this.prune.run(event.seq - TALLY_EVENTS_KEPT - 1);
  }
}

/** Rebuilds whole events from stored rows in seq order, the first of them whole. */
function* rebuild(rows: Iterable<{ body: string }>): Generator<TallyEvent> {
  let previous: Tallies | null = null;
  for (const row of rows) {
    const stored = JSON.parse(row.body) as StoredTallyEvent;
    if ('tallies' in stored) previous = stored.tallies;
    else if (previous) previous = applyTalliesPatch(previous, stored.patch);
    else throw new Error(`Tally event ${stored.seq} is a patch with no whole event before it.`);
    const event = { ...stored, tallies: previous } as TallyEvent & { patch?: TalliesPatch };
    delete event.patch;
    yield event;
  }
}

/** The newest stored tally event with its whole tallies, or null when none is stored whole. */
export function readNewestTallyEvent(db: Db): TallyEvent | null {
  const base = db.prepare('SELECT seq FROM tally_events WHERE is_snapshot = 1 ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined;
  if (!base) return null;
  let newest: TallyEvent | null = null;
  for (const event of rebuild(db.prepare('SELECT body FROM tally_events WHERE seq >= ? ORDER BY seq').iterate(base.seq) as Iterable<{ body: string }>)) newest = event;
  return newest;
}

/**
 * JSON a page of catch-up events stops after (at least one event): 25-45 whole events with 2,000 products (190-340 kB
 * each), the 500 a page allows with a few dozen. Pages of 500 whole events were up to ~170 MB built in the hub's heap.
 */
export const CATCH_UP_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * Stored events from `afterSeq + 1` to `lastSeq`, whole, oldest first, stopping once they make `maxBytes` of JSON
 * (`hasMore` then); null when no whole event reaches back that far.
 */
export function readTallyEventsBetween(db: Db, afterSeq: number, lastSeq: number, maxBytes = CATCH_UP_PAGE_BYTES): { events: TallyEvent[]; hasMore: boolean } | null {
  const base = db.prepare('SELECT seq FROM tally_events WHERE is_snapshot = 1 AND seq <= ? ORDER BY seq DESC LIMIT 1').get(afterSeq + 1) as { seq: number } | undefined;
  if (!base) return null;
  const rows = db.prepare('SELECT body FROM tally_events WHERE seq >= ? AND seq <= ? ORDER BY seq').iterate(base.seq, lastSeq) as Iterable<{ body: string }>;
  const events: TallyEvent[] = [];
  let bytes = 0;
  for (const event of rebuild(rows)) {
    if (event.seq <= afterSeq) continue;
    bytes += JSON.stringify(event).length;
    if (events.length > 0 && bytes > maxBytes) return { events, hasMore: true };
    events.push(event);
  }
  return { events, hasMore: false };
}
