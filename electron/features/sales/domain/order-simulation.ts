import type { Product } from '../../catalog/domain/catalog';
import { seededRandom } from '../../chat/domain/chat-simulation';
import { REHEARSAL_PLATFORM, type OrderEvent, type OrderStatus, type StockTally } from './ledger';
import { isFlashActive, type FlashSale } from '../../rundown/domain/rundown';

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

/** A product buyers can order in the rehearsal, with how likely it is picked relative to the others. */
export interface SimulatedProduct {
  sku: string;
  /** Price per unit now (the flash price during a flash sale), minor units. */
  unitPrice: number;
  currency: string;
  weight: number;
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

/**
 * Generates rehearsal orders as a platform would deliver them: each order is created, then paid or cancelled, some
 * paid ones refunded; some deliveries repeat and some arrive late. Events are stamped with the time they happened
 * (`occurredAt`) and handed out when due, so the ledger sees the same disorder it sees from real platforms.
 */
export function createOrderSimulation(settings: OrderSimulationSettings, runId: string, seed = 1) {
  const random = seededRandom(seed);
  const between = ([low, high]: readonly [number, number]) => low + Math.floor(random() * (high - low));
  const queue: Delivery[] = [];
  let counter = 0;

  const schedule = (event: OrderEvent) => {
    const deliverAt = event.occurredAt + (random() < settings.lateShare ? between(LATE_BY_MS) : 0);
    queue.push({ deliverAt, event });
    if (random() < settings.duplicateShare) queue.push({ deliverAt: deliverAt + between(REPEAT_AFTER_MS), event });
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

  return {
    /** Places `count` new orders at `now` for products picked by weight; nothing when there are no products. */
    place(count: number, now: number, products: readonly SimulatedProduct[]): void {
      if (products.every((p) => p.weight <= 0)) return;
      for (let i = 0; i < count; i += 1) {
        counter += 1;
        const product = pickProduct(products);
        const orderId = `${runId}-${counter}`;
        // Most buyers take one; a few take two or three.
        const quantity = random() < 0.8 ? 1 : 2 + Math.floor(random() * 2);
        const items = [{ sku: product.sku, quantity, unitPrice: product.unitPrice }];
        const event = (status: OrderStatus, occurredAt: number): OrderEvent => ({
          eventId: `${orderId}-${status}`,
          platform: REHEARSAL_PLATFORM,
          orderId,
          status,
          occurredAt,
          currency: product.currency,
          items,
        });
        schedule(event('created', now));
        const settledAt = now + between(PAY_DELAY_MS);
        if (random() < settings.cancelShare) {
          schedule(event('cancelled', settledAt));
          continue;
        }
        schedule(event('paid', settledAt));
        if (random() < settings.refundShare) schedule(event('refunded', settledAt + between(REFUND_DELAY_MS)));
      }
    },
    /** Removes and returns the deliveries due at `now`, in delivery order. */
    due(now: number): OrderEvent[] {
      queue.sort((a, b) => a.deliverAt - b.deliverAt);
      let n = 0;
      while (n < queue.length && queue[n]!.deliverAt <= now) n += 1;
      return queue.splice(0, n).map((d) => d.event);
    },
    /** Deliveries still to come. */
    get pending(): number {
      return queue.length;
    },
  };
}

/** Weight of the live cue's product against any other product of the show: buyers mostly buy what is being shown. */
export const LIVE_PRODUCT_WEIGHT = 6;

/**
 * What rehearsal buyers can order: the show's products at today's price (the flash price while a flash sale runs),
 * the live cue's product far more often than the others. Products with no stock left are left out.
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
    .map((p) => ({
      sku: p.sku,
      unitPrice: flash && flash.sku === p.sku && isFlashActive(flash, now) ? flash.price : p.price,
      currency: p.currency,
      weight: p.sku === liveSku ? LIVE_PRODUCT_WEIGHT : 1,
    }));
}
