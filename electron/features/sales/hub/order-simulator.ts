import { randomBytes } from 'node:crypto';
import { createOrderSimulation, DEFAULT_ORDER_SIMULATION, type OrderSimulationSettings, type SimulatedProduct } from '../domain/order-simulation';
import { MAX_EVENTS_PER_REQUEST } from '../protocol/sales-commands';
import type { Logger } from '../../../core/hub/logger';
import { SignedPoster } from '../../../core/hub/auth/signed-poster';

/** How often the simulator places orders and sends what is due. */
const TICK_MS = 250;
/** Posts allowed in flight before a tick sends nothing (deliveries wait in the queue for the next one). */
const MAX_IN_FLIGHT = 8;

/**
 * The rehearsal order simulator: places orders for the show's products and posts their events through the same
 * signed `POST /api/v1/orders` as a platform bridge, with the repeats and late deliveries real platforms produce.
 * Each post's answer goes back to the simulation, so it knows which of its orders the ledger already counts and never
 * sells stock that is gone (see createOrderSimulation).
 */
export class OrderSimulator {
  private timer: NodeJS.Timeout | null = null;
  private current: OrderSimulationSettings | null = null;
  private readonly poster: SignedPoster;
  // One simulation for the simulator's life: a restart must still hold the stock of posts in flight from before.
  private readonly simulation = createOrderSimulation(DEFAULT_ORDER_SIMULATION, `sim-${randomBytes(4).toString('hex')}`, randomBytes(4).readUInt32LE());

  constructor(
    private readonly deps: { url: () => string; secret: string; products: (now: number) => SimulatedProduct[]; log: Logger },
  ) {
    this.poster = new SignedPoster({ url: deps.url, path: '/api/v1/orders', secret: deps.secret, log: deps.log, what: 'order simulator' });
  }

  /** The running settings, or null when stopped. */
  get settings(): OrderSimulationSettings | null {
    return this.current;
  }

  /** Starts (or restarts with new settings); order ids stay unique across restarts. */
  start(settings: OrderSimulationSettings): void {
    this.stop();
    this.simulation.retune(settings);
    let carry = 0;
    this.current = settings;
    this.timer = setInterval(() => {
      const now = Date.now();
      const wanted = (settings.ordersPerMinute * TICK_MS) / 60_000 + carry;
      const count = Math.floor(wanted);
      carry = wanted - count;
      if (count > 0) this.simulation.place(count, now, this.deps.products(now));
      if (this.poster.inFlight >= MAX_IN_FLIGHT) return;
      const events = this.simulation.due(now);
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
        const batch = events.slice(i, i + MAX_EVENTS_PER_REQUEST);
        void this.poster.post({ events: batch }).then((isStored) => (isStored ? this.simulation.delivered(batch) : this.simulation.lost(batch)));
      }
    }, TICK_MS);
  }

  /** Stops: no new orders, deliveries not yet sent are dropped, posts in flight finish. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = null;
    this.simulation.stop();
  }

  /** Resolves once the posts already sent have been answered (after `stop`, nothing more reaches the ledger). */
  settled(): Promise<void> {
    return this.poster.settled();
  }
}
