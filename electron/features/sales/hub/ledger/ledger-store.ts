import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, eventKey, orderKey, type CueSegment, type LedgerSettings, type OrderEvent, type OrderState } from '../../domain/ledger';
import { addContribution, deriveTallies, deriveWindowTallies, forkTallies, lastLabel, refreshStock, segmentAt, sortSegments, type Tallies } from '../../domain/tallies';
import type { OrderChange, StockLowEvent, TallyEvent } from '../../protocol/sales-events';
import { orderMoney } from '../../domain/order-money';
import type { Reconciliation } from '../../domain/reconciliation';
import { canonicalJson, entryHash, GENESIS_HASH } from './ledger-chain';
import { encodeItems, encodeRefund, encodeRefunds } from './ledger-rows';
import { OrderStates } from './order-states';
import { readNewestTallyEvent, readTallyEventsBetween, TallyLog } from './tally-log';
import type { Db } from '../../../../core/hub/storage';

/** Schema of `ledger.db`: see ledger-schema.ts. */
export { LEDGER_MIGRATIONS } from './ledger-schema';

/** Changes listed per tally event; the rest are only counted. */
const MAX_CHANGES_PER_EVENT = 50;

/** One ingest request's events and where they came from. */
export interface IngestBatch {
  events: OrderEvent[];
  source: string;
}

/** What happened to one batch. */
export interface IngestOutcome {
  accepted: number;
  duplicates: number;
}

/** Result of one committed transaction. */
export interface CommitResult {
  outcomes: IngestOutcome[];
  /** The tally event written, or null when nothing changed (all duplicates). */
  event: TallyEvent | null;
  lowStock: StockLowEvent[];
}

/** The products a change is about: those a new refund's lines name, else every product of the order. */
function changedProducts(before: OrderState | undefined, after: OrderState): { skus: string[] } {
  const known = new Set(before?.refunds.map((r) => r.eventId));
  const refunded = after.refunds.filter((r) => !known.has(r.eventId)).flatMap((r) => r.items.map((i) => i.sku));
  return { skus: [...new Set(refunded.length ? refunded : after.items.map((i) => i.sku))] };
}

/** Reads the settings row (defaults for a fresh ledger). */
export function readSettings(db: Db): LedgerSettings {
  const row = db.prepare('SELECT value FROM ledger_settings WHERE id = 1').get() as { value: string } | undefined;
  // Settings saved by an older version lack newer fields: the defaults fill them in.
  return { ...structuredClone(DEFAULT_LEDGER_SETTINGS), ...(row ? (JSON.parse(row.value) as Partial<LedgerSettings>) : {}) };
}

/** Reads every cue segment, sorted for attribution. */
export function readSegments(db: Db): CueSegment[] {
  const rows = db.prepare('SELECT cue_id, label, started_at FROM segments ORDER BY started_at, id').all() as {
    cue_id: string;
    label: string;
    started_at: number;
  }[];
  return sortSegments(rows.map((r) => ({ cueId: r.cue_id, label: r.label, startedAt: r.started_at })));
}

/**
 * The ledger's single writer: the SQLite file plus the current tallies in memory (the orders stay in the file, see
 * order-states.ts). Every change is one transaction that stores the entries, the changed order rows and the resulting
 * tally event; the tallies move only after the commit succeeded, so a failed commit leaves both as they were.
 */
export class LedgerStore {
  private readonly orders: OrderStates;
  private tallies: Tallies;
  private settings: LedgerSettings;
  private segments: CueSegment[];
  private entries = 0;
  private head = GENESIS_HASH;
  private latest: TallyEvent;
  private readonly tallyLog: TallyLog;
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insertEntry: db.prepare(
        `INSERT INTO ledger_entries (seq, platform, event_id, order_id, status, occurred_at, currency, items, refund, test, source, received_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING`,
      ),
      upsertOrder: db.prepare(
        `INSERT INTO orders (platform, order_id, status, occurred_at, event_id, currency, items, total, placed_at, paid_at, refunds, test, updated_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, order_id) DO UPDATE SET status = excluded.status, occurred_at = excluded.occurred_at,
           event_id = excluded.event_id, currency = excluded.currency, items = excluded.items, total = excluded.total,
           placed_at = excluded.placed_at, paid_at = excluded.paid_at, refunds = excluded.refunds, test = excluded.test,
           updated_seq = excluded.updated_seq`,
      ),
    };
    this.tallyLog = new TallyLog(db);
    this.settings = readSettings(db);
    this.segments = readSegments(db);
    this.orders = new OrderStates(db);
    const last = db.prepare('SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    if (last) {
      this.entries = last.seq;
      this.head = last.hash;
    }
    // Tallies are re-derived from the order rows at start, never trusted from a counter.
    this.tallies = deriveTallies(this.orders.all(), this.segments, this.settings);
    const stored = readNewestTallyEvent(db);
    const chain = { entries: this.entries, head: this.head };
    this.latest = stored ?? { seq: this.tallyLog.lastSeq, at: Date.now(), tallies: this.tallies, changes: [], changedCount: 0, chain };
    // Figures that no longer match their orders (a newer version counts more, e.g. refunds) are published anew, so
    // every window and `ledger:verify` see the figures the entries give (stored as a patch on the stored ones).
    if (stored && canonicalJson(stored.tallies) !== canonicalJson(this.tallies)) this.latest = this.writeTallyEvent(this.tallies, [], 0, chain, Date.now());
    else this.latest = { ...this.latest, tallies: this.tallies };
  }

  /** The newest tally event (a complete snapshot). */
  get current(): TallyEvent {
    return this.latest;
  }

  /** Cue segments recorded so far, sorted by start. */
  get currentSegments(): readonly CueSegment[] {
    return this.segments;
  }

  /** The ledger's settings. */
  get currentSettings(): LedgerSettings {
    return this.settings;
  }

  /** Every order's current state, read from the file (consume it before the next use of the ledger). */
  get currentOrders(): Iterable<OrderState> {
    return this.orders.all();
  }

  /** Keeps a reconciliation with the shop's export (the report shows the newest). */
  saveReconciliation(result: Reconciliation): void {
    this.db.prepare('INSERT INTO reconciliations (at, body) VALUES (?, ?)').run(result.checkedAt, JSON.stringify(result));
  }

  /** The newest reconciliation, or null when the shop's export was never checked. */
  latestReconciliation(): Reconciliation | null {
    const row = this.db.prepare('SELECT body FROM reconciliations ORDER BY id DESC LIMIT 1').get() as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Reconciliation) : null;
  }

  /** The figures of the orders placed within an on-air window (see deriveWindowTallies), derived now. */
  talliesWithin(window: { from: number; to: number }): Tallies {
    return deriveWindowTallies(this.orders.all(), this.segments, this.settings, window);
  }

  /** Stores a group of ingest batches in one transaction; duplicates (same platform + eventId) are skipped. */
  commit(batches: readonly IngestBatch[], now = Date.now()): CommitResult {
    const staged = new Map<string, { before: OrderState | undefined; after: OrderState }>();
    const outcomes: IngestOutcome[] = [];
    let entries = this.entries;
    let head = this.head;
    const seenInCommit = new Set<string>();
    const run = this.db.transaction(() => {
      for (const batch of batches) {
        const outcome = { accepted: 0, duplicates: 0 };
        for (const event of batch.events) {
          const key = eventKey(event);
          if (seenInCommit.has(key)) {
            outcome.duplicates += 1;
            continue;
          }
          seenInCommit.add(key);
          const seq = entries + 1;
          const hash = entryHash(head, { seq, event, source: batch.source, receivedAt: now });
          const inserted = this.stmts.insertEntry.run(
            seq, event.platform, event.eventId, event.orderId, event.status, event.occurredAt, event.currency,
            encodeItems(event.items), encodeRefund(event.refund), event.test ? 1 : 0, batch.source, now, head, hash,
          );
          if (inserted.changes === 0) {
            outcome.duplicates += 1;
            continue;
          }
          entries = seq;
          head = hash;
          outcome.accepted += 1;
          const okey = orderKey(event.platform, event.orderId);
          const slot = staged.get(okey);
          const base = slot ? slot.after : this.orders.get(event.platform, event.orderId);
          const after = applyOrderEvent(base, event);
          if (after !== base) staged.set(okey, { before: slot ? slot.before : base, after });
        }
        outcomes.push(outcome);
      }
      if (entries === this.entries) return null;
      const changed = [...staged.values()];
      for (const { after: o } of changed) {
        this.stmts.upsertOrder.run(
          o.platform, o.orderId, o.status, o.occurredAt, o.eventId, o.currency, encodeItems(o.items), o.total, o.placedAt,
          o.paidAt, encodeRefunds(o.refunds), o.test ? 1 : 0, entries,
        );
      }
      const tallies = forkTallies(this.tallies);
      const skus = new Set<string>();
      for (const { before, after } of changed) {
        if (before) addContribution(tallies, before, this.segments, -1);
        addContribution(tallies, after, this.segments, 1);
        for (const i of before?.items ?? []) skus.add(i.sku);
        for (const i of after.items) skus.add(i.sku);
      }
      refreshStock(tallies, this.settings, skus);
      const changes: OrderChange[] = changed.slice(0, MAX_CHANGES_PER_EVENT).map(({ before, after }) => ({
        ...changedProducts(before, after),
        platform: after.platform,
        orderId: after.orderId,
        status: after.status,
        previousStatus: before?.status ?? null,
        total: after.total,
        refunded: orderMoney(after).refunded,
        previousRefunded: before ? orderMoney(before).refunded : 0,
        currency: after.currency,
        placedAt: after.placedAt,
        test: after.test,
      }));
      const event = this.writeTallyEvent(tallies, changes, changed.length, { entries, head }, now);
      return { event, tallies, changed, skus };
    });
    const done = run.immediate();
    if (!done) return { outcomes, event: null, lowStock: [] };
    const lowStock = this.lowStockCrossings(done.tallies, done.skus, now);
    this.tallies = done.tallies;
    this.entries = entries;
    this.head = head;
    this.latest = done.event;
    return { outcomes, event: done.event, lowStock };
  }

  /**
   * Records that a cue went live. Only orders placed from its start on can change cue, so only those move (none for a
   * cue going live now); re-deriving every order cost ~60 ms per cue change at 40,000 orders and grew with the show.
   */
  recordSegment(segment: CueSegment, now = Date.now()): TallyEvent {
    return this.rederive(
      () => {
        this.db.prepare('INSERT INTO segments (cue_id, label, started_at, recorded_at) VALUES (?, ?, ?, ?)').run(segment.cueId, segment.label, segment.startedAt, now);
        return { segments: sortSegments([...this.segments, segment]), settings: this.settings };
      },
      now,
      (next) => this.withSegmentAdded(segment, next.segments),
    );
  }

  /** The current tallies with the orders the new segment takes over moved to it, and its cue's label brought up to date. */
  private withSegmentAdded(segment: CueSegment, segments: readonly CueSegment[]): Tallies {
    const tallies = forkTallies(this.tallies);
    for (const order of this.orders.placedSince(segment.startedAt)) {
      if (segmentAt(this.segments, order.placedAt) === segmentAt(segments, order.placedAt)) continue;
      addContribution(tallies, order, this.segments, -1);
      addContribution(tallies, order, segments, 1);
    }
    const entry = tallies.bySegment[segment.cueId];
    // A copy: the bucket may be shared with the tallies already published.
    if (entry) tallies.bySegment[segment.cueId] = { ...entry, label: lastLabel(segments, segment.cueId) };
    return tallies;
  }

  /** Replaces the settings (targets, currency, stock); re-derives tallies. */
  updateSettings(update: (s: LedgerSettings) => LedgerSettings, now = Date.now()): TallyEvent {
    return this.rederive(() => {
      const settings = update(structuredClone(this.settings));
      this.db.prepare('INSERT INTO ledger_settings (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value').run(JSON.stringify(settings));
      return { segments: this.segments, settings };
    }, now);
  }

  /**
   * Tally events after `afterSeq`, oldest first: one page of at most `limit` events and CATCH_UP_PAGE_BYTES of JSON
   * (`hasMore`: ask again after its last). When the events kept no longer reach back that far, or the client is ahead
   * (it saw a ledger since restored from a backup), just the newest (`isComplete: false`).
   */
  eventsAfter(afterSeq: number, limit = 500): { events: TallyEvent[]; isComplete: boolean; hasMore: boolean } {
    if (this.latest.seq === afterSeq) return { events: [], isComplete: true, hasMore: false };
    const lastSeq = Math.min(this.latest.seq, afterSeq + limit);
    const page = afterSeq < this.latest.seq ? readTallyEventsBetween(this.db, afterSeq, lastSeq) : null;
    if (!page) return { events: [this.latest], isComplete: false, hasMore: false };
    return { events: page.events, isComplete: true, hasMore: page.hasMore || lastSeq < this.latest.seq };
  }

  /** Stores a change of segments or settings with the tallies it leads to (by default derived from every order). */
  private rederive(
    write: () => { segments: CueSegment[]; settings: LedgerSettings },
    now: number,
    derive: (next: { segments: CueSegment[]; settings: LedgerSettings }) => Tallies = (next) => deriveTallies(this.orders.all(), next.segments, next.settings),
  ): TallyEvent {
    const run = this.db.transaction(() => {
      const next = write();
      const tallies = derive(next);
      const event = this.writeTallyEvent(tallies, [], 0, { entries: this.entries, head: this.head }, now);
      return { ...next, tallies, event };
    });
    const done = run.immediate();
    this.segments = done.segments;
    this.settings = done.settings;
    this.tallies = done.tallies;
    this.latest = done.event;
    return done.event;
  }

  private writeTallyEvent(tallies: Tallies, changes: OrderChange[], changedCount: number, chain: TallyEvent['chain'], now: number): TallyEvent {
    const event: TallyEvent = { seq: this.latest.seq + 1, at: now, tallies, changes, changedCount, chain };
    this.tallyLog.append(event, this.latest.tallies);
    return event;
  }

  private lowStockCrossings(next: Tallies, skus: Set<string>, at: number): StockLowEvent[] {
    const alerts: StockLowEvent[] = [];
    for (const sku of skus) {
      const after = next.stock[sku];
      if (after?.isLow && !this.tallies.stock[sku]?.isLow) alerts.push({ sku, left: after.left, lowAt: after.lowAt, at });
    }
    return alerts;
  }
}
