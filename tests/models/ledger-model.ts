/**
 * The sales ledger's money rules, restated plainly from docs/api.md ("Orders and sales tallies", "Money: paid,
 * refunded, net", "Rehearsal orders", `sales.newShow`) as a shop owner would say them. It imports types only from the
 * ledger and shares none of its code, so a bug in the ledger's fold or tally arithmetic cannot hide here too. It
 * recomputes everything from the notices kept, the slow obvious way, on every call.
 */
import type { CueSegment, LedgerSettings, OrderEvent, OrderStatus } from '../../electron/features/sales/domain/ledger';
import type { BucketTally, SkuTally, Tallies } from '../../electron/features/sales/domain/tallies';

/** Later in an order's life wins when two notices carry the same time (docs/api.md). */
const LIFECYCLE: readonly OrderStatus[] = ['created', 'paid', 'cancelled', 'refunded'];

/** The simulator's platform name, written out rather than imported so the model owns its rules. */
const REHEARSAL = 'rehearsal';

/** One order as the shop owner sees it: its newest lifecycle notice, its refunds, when it was placed. */
interface Order {
  /** Newest notice that is not a refund; null while only refunds have come. */
  latest: OrderEvent | null;
  refunds: OrderEvent[];
  placedAt: number;
  /** Some notice said paid (or refunded in full, which means it had been paid). */
  wasEverPaid: boolean;
  isTest: boolean;
}

/** Is notice `a` newer than `b`? Later time; same time: later in the lifecycle; then the larger event id. */
function isNewer(a: OrderEvent, b: OrderEvent): boolean {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt > b.occurredAt;
  if (a.status !== b.status) return LIFECYCLE.indexOf(a.status) > LIFECYCLE.indexOf(b.status);
  return a.eventId > b.eventId;
}

function zero(): BucketTally {
  return { placed: 0, orders: 0, paid: 0, refunded: 0, gmv: 0, units: 0 };
}

/** Adds one order's figures to a bucket (platform, minute, cue, other currency). */
function addTo(bucket: BucketTally, order: BucketTally): void {
  bucket.placed += order.placed;
  bucket.orders += order.orders;
  bucket.paid += order.paid;
  bucket.refunded += order.refunded;
  bucket.gmv += order.gmv;
  bucket.units += order.units;
}

function isZero(b: BucketTally): boolean {
  return b.placed === 0 && b.orders === 0 && b.paid === 0 && b.refunded === 0 && b.gmv === 0 && b.units === 0;
}

/** Products of some lines in the order they first appear, with their units and value. */
function productsOf(lines: OrderEvent['items']): { sku: string; units: number; value: number }[] {
  const out: { sku: string; units: number; value: number }[] = [];
  for (const line of lines) {
    let p = out.find((x) => x.sku === line.sku);
    if (!p) out.push((p = { sku: line.sku, units: 0, value: 0 }));
    p.units += line.quantity;
    p.value += line.quantity * line.unitPrice;
  }
  return out;
}

/**
 * Shares `amount` out by value, in whole minor units: each gets the whole part of its exact share, then the units left
 * go one each to the largest leftover fractions (the first listed wins a tie).
 */
function shareOut(amount: number, byValue: { sku: string; value: number }[]): Map<string, number> {
  const total = byValue.reduce((sum, p) => sum + p.value, 0);
  const out = new Map<string, number>();
  if (total === 0) return out;
  const exact = byValue.map((p, i) => ({ sku: p.sku, i, whole: (BigInt(amount) * BigInt(p.value)) / BigInt(total), rest: (BigInt(amount) * BigInt(p.value)) % BigInt(total) }));
  let left = amount - exact.reduce((sum, e) => sum + Number(e.whole), 0);
  for (const e of exact) out.set(e.sku, (out.get(e.sku) ?? 0) + Number(e.whole));
  const byRest = [...exact].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const e of byRest) {
    if (left === 0) break;
    out.set(e.sku, out.get(e.sku)! + 1);
    left -= 1;
  }
  return out;
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

  /** Every order, from all its notices. */
  orders(): Order[] {
    const byOrder = new Map<string, Order>();
    for (const n of this.notices.values()) {
      const key = JSON.stringify([n.platform, n.orderId]);
      const o = byOrder.get(key) ?? { latest: null, refunds: [], placedAt: n.occurredAt, wasEverPaid: false, isTest: false };
      byOrder.set(key, o);
      o.placedAt = Math.min(o.placedAt, n.occurredAt);
      if (n.test) o.isTest = true;
      if (n.refund) {
        o.refunds.push(n);
        continue;
      }
      if (n.status === 'paid' || n.status === 'refunded') o.wasEverPaid = true;
      if (!o.latest || isNewer(n, o.latest)) o.latest = n;
    }
    return [...byOrder.values()];
  }

  /** The figures the panel and the report show. */
  figures(): Tallies {
    const s = this.settings;
    const t: Tallies = {
      currency: s.currency, placedOrders: 0, ordersPaid: 0, paidAmount: 0, gmv: 0, unitsPaid: 0, refundedOrders: 0, refundedAmount: 0,
      cancelledOrders: 0, pendingOrders: 0, testOrders: 0, bySku: {}, byPlatform: {}, bySegment: {}, unattributed: zero(), byMinute: {},
      otherCurrencies: {}, target: { ...s.target }, stock: {}, rehearsal: { orders: 0, clearedAt: s.rehearsalClearedAt },
      showStartedAt: s.showStartedAt,
    };
    for (const { latest: o, refunds, placedAt, wasEverPaid, isTest } of this.orders()) {
      // Refunds of an order the ledger never heard of count for nothing until the order itself arrives.
      if (!o) continue;
      // An order placed before this show started belongs to an earlier show, whatever happens to it later.
      if (s.showStartedAt !== null && placedAt < s.showStartedAt) continue;
      // A test order is kept but shown only as a test order.
      if (isTest) {
        t.testOrders += 1;
        continue;
      }
      if (o.platform === REHEARSAL) {
        // Clearing the rehearsal drops every rehearsal order placed up to that instant, whatever its status.
        if (s.rehearsalClearedAt !== null && placedAt <= s.rehearsalClearedAt) continue;
        t.rehearsal.orders += 1;
      }
      const inTallyCurrency = o.currency === s.currency;
      // Paid: it says paid or refunded now, or it was cancelled after someone paid for it (then the money goes back).
      const paid = o.status === 'paid' || o.status === 'refunded' || (o.status === 'cancelled' && wasEverPaid);
      t.placedOrders += 1;
      if (o.status === 'created') t.pendingOrders += 1;
      if (o.status === 'cancelled' && !paid) t.cancelledOrders += 1;

      // What goes back, per product: the refunds' own word when there are any, else everything if refunded/cancelled.
      const products = productsOf(o.items);
      const back = new Map(products.map((p) => [p.sku, { money: 0, units: 0, restocked: 0 }]));
      if (paid && refunds.length > 0) {
        const asked = new Map<string, number>();
        for (const r of refunds) {
          const own = productsOf(r.items).filter((p) => back.has(p.sku));
          const basis = own.reduce((sum, p) => sum + p.value, 0) > 0 ? own : products;
          for (const [sku, money] of shareOut(r.refund!.amount, basis)) asked.set(sku, (asked.get(sku) ?? 0) + money);
          for (const p of own) {
            const b = back.get(p.sku)!;
            b.units += p.units;
            if (r.refund!.restock) b.restocked += p.units;
          }
        }
        for (const p of products) {
          const b = back.get(p.sku)!;
          // Never more back than was paid for, nor more units than were bought.
          b.money = Math.min(p.value, asked.get(p.sku) ?? 0);
          b.units = Math.min(p.units, b.units);
          b.restocked = Math.min(p.units, b.restocked);
        }
      } else if (paid && o.status !== 'paid') {
        for (const p of products) back.set(p.sku, { money: p.value, units: p.units, restocked: p.units });
      }

      const order = zero();
      order.placed = 1;
      for (const p of products) {
        const b = back.get(p.sku)!;
        const kept = paid ? p.units - b.units : 0;
        const row: SkuTally = (t.bySku[p.sku] ??= { ...zero(), unitsTaken: 0 });
        row.placed += 1;
        row.units += kept;
        // Stock goes down by what was paid for and comes back by what was restocked, whatever the currency.
        row.unitsTaken += paid ? p.units - b.restocked : 0;
        const paidMoney = paid ? p.value : 0;
        // An order counts for a product while it keeps some of it: units or money.
        if (paid && kept + paidMoney - b.money > 0) row.orders += 1;
        if (inTallyCurrency) {
          row.paid += paidMoney;
          row.refunded += b.money;
          row.gmv += paidMoney - b.money;
        }
        order.units += kept;
        order.paid += paidMoney;
        order.refunded += b.money;
      }
      order.gmv = order.paid - order.refunded;
      const keeps = paid && order.units + order.gmv > 0;
      order.orders = keeps ? 1 : 0;
      if (!inTallyCurrency) {
        addTo((t.otherCurrencies[o.currency] ??= zero()), order);
        continue;
      }
      t.ordersPaid += order.orders;
      t.paidAmount += order.paid;
      t.gmv += order.gmv;
      t.unitsPaid += order.units;
      // Refunded: some money went back, or a paid order kept nothing (a free order refunded in full).
      if (order.refunded > 0 || (paid && !keeps)) t.refundedOrders += 1;
      t.refundedAmount += order.refunded;
      addTo((t.byPlatform[o.platform] ??= zero()), order);
      addTo((t.byMinute[String(Math.floor(placedAt / 60_000) * 60_000)] ??= zero()), order);
      // The cue live when the buyer ordered: the last one that went live at or before that moment. Refunds stay there.
      const live = this.cues.filter((c) => c.startedAt <= placedAt).sort((a, b) => a.startedAt - b.startedAt).at(-1);
      if (!live) {
        addTo(t.unattributed, order);
        continue;
      }
      // A cue's row carries the label it had when it last went live.
      const label = this.cues.filter((c) => c.cueId === live.cueId).sort((a, b) => a.startedAt - b.startedAt).at(-1)!.label;
      addTo((t.bySegment[live.cueId] ??= { ...zero(), label }), order);
    }
    // Rows with nothing in them are not shown.
    for (const map of [t.byPlatform, t.byMinute, t.bySegment, t.otherCurrencies]) for (const [k, b] of Object.entries(map)) if (isZero(b)) delete map[k];
    for (const [sku, b] of Object.entries(t.bySku)) if (isZero(b) && b.unitsTaken === 0) delete t.bySku[sku];
    for (const [sku, { initial, lowAt }] of Object.entries(s.stock)) {
      const left = initial - (t.bySku[sku]?.unitsTaken ?? 0);
      t.stock[sku] = { initial, left, lowAt, isLow: left <= lowAt };
    }
    return t;
  }
}
