import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, eventKey, orderKey, type CueSegment, type LedgerSettings, type OrderEvent, type OrderState } from './ledger';
import { addContribution, emptyTallies, refreshStock, sortSegments, type Tallies } from './tallies';

/**
 * An in-memory ledger with the hub's semantics: events arrive in any order and any number of times; each distinct
 * event is applied once and the tallies follow incrementally.
 */
export class MemoryLedger {
  /** Seen event keys (the UNIQUE(platform, eventId) of the database). */
  readonly seen = new Set<string>();
  readonly orders = new Map<string, OrderState>();
  readonly tallies: Tallies;
  private readonly segments: CueSegment[];

  constructor(
    private readonly settings: LedgerSettings = DEFAULT_LEDGER_SETTINGS,
    segments: readonly CueSegment[] = [],
  ) {
    this.segments = sortSegments(segments);
    this.tallies = emptyTallies(settings);
  }

  /** Applies one delivery; returns false for a duplicate. */
  ingest(event: OrderEvent): boolean {
    const key = eventKey(event);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    const okey = orderKey(event.platform, event.orderId);
    const before = this.orders.get(okey);
    const after = applyOrderEvent(before, event);
    if (after !== before) {
      if (before) addContribution(this.tallies, before, this.segments, -1);
      addContribution(this.tallies, after, this.segments, 1);
      this.orders.set(okey, after);
      refreshStock(this.tallies, this.settings, [...new Set([...before?.items ?? [], ...after.items].map((i) => i.sku))]);
    }
    return true;
  }
}
