/**
 * The sales ledger's money rules, restated plainly from docs/api.md ("Orders and sales tallies", "Rehearsal orders",
 * `sales.newShow`) as a shop owner would say them. It imports types only from the ledger and shares none of its code,
 * so a bug in the ledger's fold or tally arithmetic cannot hide here too. It recomputes everything from the notices
 * kept, the slow obvious way, on every call.
 */
import type { BucketTally, CueSegment, LedgerSettings, OrderEvent, OrderStatus, Tallies } from '../../electron/features/sales/domain/ledger';

/** Later in an order's life wins when two notices carry the same time (docs/api.md). */
const LIFECYCLE: readonly OrderStatus[] = ['created', 'paid', 'cancelled', 'refunded'];

/** The simulator's platform name, written out rather than imported so the model owns its rules. */
const REHEARSAL = 'rehearsal';

/** One order as the shop owner sees it: what its newest notice says, and when the buyer first ordered. */
interface Order {
  latest: OrderEvent;
  placedAt: number;
}

/** Is notice `a` newer than `b`? Later time; same time: later in the lifecycle; then the larger event id. */
function isNewer(a: OrderEvent, b: OrderEvent): boolean {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt > b.occurredAt;
  if (a.status !== b.status) return LIFECYCLE.indexOf(a.status) > LIFECYCLE.indexOf(b.status);
  return a.eventId > b.eventId;
}

/** Adds one paid order to a bucket (platform, minute, cue, other currency). */
function addTo(buckets: Record<string, BucketTally>, key: string, money: number, units: number): void {
  const b = (buckets[key] ??= { orders: 0, gmv: 0, units: 0 });
  b.orders += 1;
  b.gmv += money;
  b.units += units;
}

/** The reference ledger: keeps every distinct notice and the producer's settings and cues; figures are recomputed. */
export class LedgerModel {
  private readonly notices = new Map<string, OrderEvent>();
  private readonly cues: CueSegment[] = [];

  constructor(public settings: LedgerSettings) {}

  /** A platform delivers a notice; false when that platform already sent this event id (the first one stands). */
  receive(notice: OrderEvent): boolean {
    const key = JSON.stringify([notice.platform, notice.eventId]);
    if (this.notices.has(key)) return false;
    this.notices.set(key, notice);
    return true;
  }

  /** A cue went live at `cue.startedAt`. */
  cueWentLive(cue: CueSegment): void {
    this.cues.push(cue);
  }

  /** Every order, from all its notices: the newest one describes it, the earliest time is when it was placed. */
  orders(): Order[] {
    const byOrder = new Map<string, Order>();
    for (const n of this.notices.values()) {
      const key = JSON.stringify([n.platform, n.orderId]);
      const o = byOrder.get(key);
      if (!o) byOrder.set(key, { latest: n, placedAt: n.occurredAt });
      else byOrder.set(key, { latest: isNewer(n, o.latest) ? n : o.latest, placedAt: Math.min(o.placedAt, n.occurredAt) });
    }
    return [...byOrder.values()];
  }

  /** The figures the panel and the report show. */
  figures(): Tallies {
    const s = this.settings;
    const t: Tallies = {
      currency: s.currency, ordersPaid: 0, gmv: 0, unitsPaid: 0, refundedOrders: 0, refundedAmount: 0, cancelledOrders: 0,
      pendingOrders: 0, bySku: {}, byPlatform: {}, bySegment: {}, unattributed: { orders: 0, gmv: 0, units: 0 }, byMinute: {},
      otherCurrencies: {}, target: { ...s.target }, stock: {}, rehearsal: { orders: 0, clearedAt: s.rehearsalClearedAt },
      showStartedAt: s.showStartedAt,
    };
    for (const { latest: o, placedAt } of this.orders()) {
      // An order placed before this show started belongs to an earlier show, whatever happens to it later.
      if (s.showStartedAt !== null && placedAt < s.showStartedAt) continue;
      if (o.platform === REHEARSAL) {
        // Clearing the rehearsal drops every rehearsal order placed up to that instant, whatever its status.
        if (s.rehearsalClearedAt !== null && placedAt <= s.rehearsalClearedAt) continue;
        t.rehearsal.orders += 1;
      }
      const money = o.items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
      const units = o.items.reduce((sum, i) => sum + i.quantity, 0);
      const inTallyCurrency = o.currency === s.currency;
      if (o.status === 'created') t.pendingOrders += 1;
      if (o.status === 'cancelled') t.cancelledOrders += 1;
      // Refunds are money too: counted and summed in the tally currency only, at what the refund notice says.
      if (o.status === 'refunded' && inTallyCurrency) {
        t.refundedOrders += 1;
        t.refundedAmount += money;
      }
      if (o.status !== 'paid') continue;
      // Per product, every paid order counts (stock is units, whatever the currency); its money only in tally currency.
      for (const sku of new Set(o.items.map((i) => i.sku))) {
        const lines = o.items.filter((i) => i.sku === sku);
        const p = (t.bySku[sku] ??= { units: 0, gmv: 0, orders: 0 });
        p.orders += 1;
        p.units += lines.reduce((sum, i) => sum + i.quantity, 0);
        if (inTallyCurrency) p.gmv += lines.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
      }
      if (!inTallyCurrency) {
        addTo(t.otherCurrencies, o.currency, money, units);
        continue;
      }
      t.ordersPaid += 1;
      t.gmv += money;
      t.unitsPaid += units;
      addTo(t.byPlatform, o.platform, money, units);
      addTo(t.byMinute, String(Math.floor(placedAt / 60_000) * 60_000), money, units);
      // The cue live when the buyer ordered: the last one that went live at or before that moment.
      const live = this.cues.filter((c) => c.startedAt <= placedAt).sort((a, b) => a.startedAt - b.startedAt).at(-1);
      if (!live) {
        t.unattributed.orders += 1;
        t.unattributed.gmv += money;
        t.unattributed.units += units;
        continue;
      }
      // A cue's row carries the label it had when it last went live.
      const label = this.cues.filter((c) => c.cueId === live.cueId).sort((a, b) => a.startedAt - b.startedAt).at(-1)!.label;
      const row = (t.bySegment[live.cueId] ??= { orders: 0, gmv: 0, units: 0, label });
      row.orders += 1;
      row.gmv += money;
      row.units += units;
    }
    for (const [sku, { initial, lowAt }] of Object.entries(s.stock)) {
      const left = initial - (t.bySku[sku]?.units ?? 0);
      t.stock[sku] = { initial, left, lowAt, isLow: left <= lowAt };
    }
    return t;
  }
}
