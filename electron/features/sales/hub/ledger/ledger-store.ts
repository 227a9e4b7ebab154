import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, eventKey, orderKey, type CueSegment, type LedgerSettings, type OrderEvent, type OrderState } from '../../domain/ledger';
import { addContribution, deriveTallies, deriveWindowTallies, forkTallies, lastLabel, refreshStock, segmentAt, sortSegments, type Tallies } from '../../domain/tallies';
import type { OrderChange, StockLowEvent, TallyEvent } from '../../protocol/sales-events';
import { orderMoney } from '../../domain/order-money';
import type { Reconciliation } from '../../domain/reconciliation';
import { canonicalJson, entryHash, GENESIS_HASH } from './ledger-chain';
import { encodeItems, encodeRefund, encodeRefunds } from './ledger-rows';
import { OrderStates } from './order-states';
import { readNewestTallyEvent, readTallyEventsBetween, TallyLog } from './tally-log';
import type { Db, Migration } from '../../../../core/hub/storage';

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
