import type { Product } from '../../catalog/domain/catalog';
import { seededRandom } from '../../chat/domain/chat-simulation';
import { REHEARSAL_PLATFORM, type OrderEvent, type OrderStatus } from './ledger';
import { type StockTally } from './tallies';
import type { FlashSale } from '../../rundown/domain/rundown';
import { priceNow } from '../../rundown/domain/price';

/** How the rehearsal order simulator behaves: how many orders, and how messily platforms deliver them. */
export interface OrderSimulationSettings {
  /** New orders placed per minute. */
  ordersPerMinute: number;
  /** Share of orders cancelled before payment, 0..1. */
  cancelShare: number;
  /** Share of paid orders refunded later, 0..1. */
  refundShare: number;
  /** Share of deliveries sent twice, as platforms do (at least once), 0..1. */
  duplicateShare: number;
  /** Share of deliveries that arrive late, after newer events of the same order, 0..1. */
  lateShare: number;
}

/** A busy rehearsal: an order a second, with the cancels, refunds, repeats and late deliveries of a real show. */
export const DEFAULT_ORDER_SIMULATION: OrderSimulationSettings = {
  ordersPerMinute: 60,
  cancelShare: 0.1,
  refundShare: 0.03,
  duplicateShare: 0.05,
  lateShare: 0.05,
};

/** The flash sale running on a product, as the simulator's buyers meet it. */
export interface SimulatedFlash {
  /** When the sale began: the units it placed at the sale price are counted from here. */
  startedAt: number;
  /** Sale price, minor units. */
  price: number;
  /** When the sale ends (its count of units is forgotten then). */
  endsAt: number;
  /** Units offered at the sale price; null when not limited. */
  limit: number | null;
}

/** A product buyers can order in the rehearsal, with how likely it is picked relative to the others. */
export interface SimulatedProduct {
  sku: string;
  /** Regular price per unit, minor units. */
  unitPrice: number;
  currency: string;
  weight: number;
  /** Units the ledger shows left (initial minus paid); null when the stock is not tracked. */
  stockLeft: number | null;
  /** The flash sale on this product now, or null. */
  flash: SimulatedFlash | null;
}

/** Delays of a simulated order's life, ms: [shortest, longest]. */
const PAY_DELAY_MS = [2_000, 15_000] as const;
const REFUND_DELAY_MS = [20_000, 90_000] as const;
const LATE_BY_MS = [5_000, 20_000] as const;
const REPEAT_AFTER_MS = [500, 10_000] as const;

interface Delivery {
  deliverAt: number;
  event: OrderEvent;
}

/** What the simulator knows of one event of its own: whether the ledger has it, and copies still on their way. */
interface EventTrack {
  status: OrderStatus;
  isStored: boolean;
  /** Copies queued or posted and not answered yet. */
  copiesOnTheWay: number;
}

/** One of the simulator's orders that is not settled yet (some event is still on its way). */
interface TrackedOrder {
  sku: string;
  units: number;
  events: Map<string, EventTrack>;
}

/**
 * Stock the simulator's own orders hold that the ledger's `left` does not show yet. The ledger counts an order's units
 * once its `paid` event is stored and gives them back when a `cancelled` or `refunded` event is stored (see
 * `StockTally`). So an order holds stock beyond the ledger's figure while it is neither counted (paid stored) nor
 * released (cancel or refund stored) and an event of it is still on its way: the ledger may count it any moment.
 * With `left − held` as what buyers may take, every unit is either in the ledger's figure or held here, never in both
 * and never in neither, so the ledger's `left` cannot go below zero because of the simulator.
 */
function heldUnits(order: TrackedOrder): number {
  let isOnTheWay = false;
  for (const e of order.events.values()) {
    if (e.isStored && (e.status === 'paid' || e.status === 'cancelled' || e.status === 'refunded')) return 0;
    if (!e.isStored && e.copiesOnTheWay > 0) isOnTheWay = true;
  }
  return isOnTheWay ? order.units : 0;
}

/** Key of one flash sale: its product and start (a sale started again is a new sale with its own limit). */
function saleKey(sku: string, flash: SimulatedFlash): string {
  return `${sku}\u0000${flash.startedAt}`;
}

/**
 * Generates rehearsal orders as a platform would deliver them: each order is created, then paid or cancelled, some
 * paid ones refunded; some deliveries repeat and some arrive late. Events are stamped with the time they happened
 * (`occurredAt`) and handed out when due, so the ledger sees the same disorder it sees from real platforms.
 *
 * It sells like a real shop: never more than the stock the ledger shows minus what its own unsettled orders hold
 * (the poster reports back which events the ledger stored: `delivered` / `lost`), and during a limited flash sale
 * never more units at the sale price than the sale offers (counted from the sale's start; once they are gone buyers pay
 * the regular price). One simulation lives as long as the hub's simulator, across stops and starts, so posts still in
 * flight after a stop keep their stock held until they land.
 */
export function createOrderSimulation(initial: OrderSimulationSettings, runId: string, seed = 1) {
  let settings = initial;
  const random = seededRandom(seed);
  const between = ([low, high]: readonly [number, number]) => low + Math.floor(random() * (high - low));
  let queue: Delivery[] = [];
  const orders = new Map<string, TrackedOrder>();
  /** Units placed at a sale's price, per sale (saleKey), with its end: kept until the sale is over. */
  const flashPlaced = new Map<string, { units: number; endsAt: number }>();
  let counter = 0;

  const trackOf = (event: OrderEvent) => orders.get(event.orderId)?.events.get(event.eventId);
  /** Drops an order once nothing of it is on its way: its status in the ledger is final. */
  const settle = (orderId: string) => {
    const order = orders.get(orderId);
    if (order && [...order.events.values()].every((e) => e.copiesOnTheWay === 0)) orders.delete(orderId);
  };
  const answered = (events: readonly OrderEvent[], isStored: boolean) => {
    for (const event of events) {
      const track = trackOf(event);
      if (!track) continue;
      if (isStored) track.isStored = true;
      track.copiesOnTheWay = Math.max(0, track.copiesOnTheWay - 1);
      settle(event.orderId);
    }
  };

  const schedule = (order: TrackedOrder, event: OrderEvent) => {
    const deliverAt = event.occurredAt + (random() < settings.lateShare ? between(LATE_BY_MS) : 0);
    const track: EventTrack = { status: event.status, isStored: false, copiesOnTheWay: 1 };
    order.events.set(event.eventId, track);
    queue.push({ deliverAt, event });
    if (random() < settings.duplicateShare) {
      track.copiesOnTheWay += 1;
      queue.push({ deliverAt: deliverAt + between(REPEAT_AFTER_MS), event });
    }
  };

  const pickProduct = (products: readonly SimulatedProduct[]): SimulatedProduct => {
    const total = products.reduce((sum, p) => sum + p.weight, 0);
    let roll = random() * total;
    for (const p of products) {
      roll -= p.weight;
      if (roll < 0) return p;
    }
    return products[products.length - 1]!;
  };

  /** Units each SKU's buyers may still take: the ledger's figure minus what unsettled orders hold (no limit untracked). */
  const availability = (products: readonly SimulatedProduct[]): Map<string, number> => {
    const held = new Map<string, number>();
    for (const order of orders.values()) {
      const units = heldUnits(order);
      if (units) held.set(order.sku, (held.get(order.sku) ?? 0) + units);
    }
    return new Map(products.map((p) => [p.sku, p.stockLeft === null ? Infinity : p.stockLeft - (held.get(p.sku) ?? 0)]));
  };

  return {
    /** The settings orders are placed with (a restart with new settings keeps what is on its way). */
    retune(next: OrderSimulationSettings): void {
      settings = next;
    },
    /**
     * Places up to `count` new orders at `now` for products picked by weight, within the stock buyers may still take;
     * nothing when nothing is left to sell.
     */
    place(count: number, now: number, products: readonly SimulatedProduct[]): void {
      const available = availability(products);
      // A sale's count is kept until it ends, even while its product is sold out (a refund must not reopen the limit).
      for (const [key, sale] of flashPlaced) if (sale.endsAt <= now) flashPlaced.delete(key);
      for (let i = 0; i < count; i += 1) {
        const offered = products.filter((p) => p.weight > 0 && available.get(p.sku)! >= 1);
        if (offered.length === 0) return;
        const product = pickProduct(offered);
        // Most buyers take one; a few take two or three, or what is left when that is less.
        const wanted = random() < 0.8 ? 1 : 2 + Math.floor(random() * 2);
        let quantity = Math.min(wanted, available.get(product.sku)!);
        let unitPrice = product.unitPrice;
        const sale = product.flash;
        if (sale) {
          const key = saleKey(product.sku, sale);
          const placed = flashPlaced.get(key)?.units ?? 0;
          const offeredAtSalePrice = sale.limit === null ? Infinity : sale.limit - placed;
          if (offeredAtSalePrice >= 1) {
            quantity = Math.min(quantity, offeredAtSalePrice);
            unitPrice = sale.price;
            flashPlaced.set(key, { units: placed + quantity, endsAt: sale.endsAt });
          }
        }
        available.set(product.sku, available.get(product.sku)! - quantity);
        counter += 1;
        const orderId = `${runId}-${counter}`;
        const order: TrackedOrder = { sku: product.sku, units: quantity, events: new Map() };
        orders.set(orderId, order);
        const items = [{ sku: product.sku, quantity, unitPrice }];
        const event = (status: OrderStatus, occurredAt: number): OrderEvent => ({
          eventId: `${orderId}-${status}`,
          platform: REHEARSAL_PLATFORM,
          orderId,
          status,
          occurredAt,
          currency: product.currency,
          items,
        });
        schedule(order, event('created', now));
        const settledAt = now + between(PAY_DELAY_MS);
        if (random() < settings.cancelShare) {
          schedule(order, event('cancelled', settledAt));
          continue;
        }
        schedule(order, event('paid', settledAt));
        if (random() < settings.refundShare) schedule(order, event('refunded', settledAt + between(REFUND_DELAY_MS)));
      }
    },
    /** Removes and returns the deliveries due at `now`, in delivery order; they stay held until answered. */
    due(now: number): OrderEvent[] {
      queue.sort((a, b) => a.deliverAt - b.deliverAt);
      let n = 0;
      while (n < queue.length && queue[n]!.deliverAt <= now) n += 1;
      return queue.splice(0, n).map((d) => d.event);
    },
    /** The ledger stored these events (the post was answered 200): their orders now count, or gave stock back. */
    delivered(events: readonly OrderEvent[]): void {
      answered(events, true);
    },
    /** These events never reached the ledger (the post failed): their orders hold stock only for what is still coming. */
    lost(events: readonly OrderEvent[]): void {
      answered(events, false);
    },
    /** Drops every delivery not handed out yet (the simulator stopped); posts in flight still answer. */
    stop(): void {
      const dropped = queue;
      queue = [];
      answered(
        dropped.map((d) => d.event),
        false,
      );
    },
    /** Deliveries still to come. */
    get pending(): number {
      return queue.length;
    },
    /** Orders with an event still on their way (queued or posted and not answered). */
    get unsettled(): number {
      return orders.size;
    },
  };
}

/** The order simulation's handle (see createOrderSimulation). */
export type OrderSimulation = ReturnType<typeof createOrderSimulation>;

/** Weight of the live cue's product against any other product of the show: buyers mostly buy what is being shown. */
export const LIVE_PRODUCT_WEIGHT = 6;

/**
 * What rehearsal buyers can order: the show's products at the price the stream card shows at `now` (priceNow: the
 * flash price while a sale runs on one of them, else the regular price), the live cue's product far more often than
 * the others, and the stock the ledger shows left (the simulation keeps within it). Products with no stock left are
 * left out.
 */
export function rehearsalProducts(
  products: readonly Product[],
  liveSku: string | null,
  flash: FlashSale | null,
  stock: Readonly<Record<string, StockTally>>,
  now: number,
): SimulatedProduct[] {
  return products
    .filter((p) => (stock[p.sku]?.left ?? 1) > 0)
    .map((p) => {
      // One price truth with the card, prompter and co-host window: a buyer pays what the stream shows.
      const shown = priceNow(p, flash, now);
      return {
        sku: p.sku,
        unitPrice: p.price,
        currency: p.currency,
        weight: p.sku === liveSku ? LIVE_PRODUCT_WEIGHT : 1,
        stockLeft: stock[p.sku]?.left ?? null,
        flash: shown.flash ? { startedAt: shown.flash.startedAt, endsAt: shown.flash.endsAt, price: shown.price, limit: shown.flash.limit } : null,
      };
    });
}
