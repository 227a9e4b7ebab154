import type { Product } from '../../catalog/domain/catalog';
import { currentCueOf } from '../../rundown/domain/rundown';
import { rehearsalProducts } from '../domain/order-simulation';
import { failure, type CommandResult } from '../../../core/protocol';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import { CATALOG_READER } from '../../catalog/protocol/catalog-service';
import { LEDGER_READER } from '../protocol/ledger-service';
import { ORDER_SIMULATOR_EVENT, type OrderSimulatorStatus } from '../protocol/sales-events';
import { OrderSimulator } from './order-simulator';

/**
 * The rehearsal order simulator: sells the run of show's products (the live cue's most, at the flash price while a
 * sale runs and its units last, never more than the stock the ledger shows left) through the same signed order endpoint as a real shop, and stops the moment
 * the show goes live.
 */
export const rehearsalOrdersFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  /** The products the cues sell, in cue order. */
  const showProducts = (): Product[] => {
    const catalog = ctx.use(CATALOG_READER);
    const skus = [...new Set(ctx.store.current.rundown.cues.flatMap((c) => (c.sku ? [c.sku] : [])))];
    return skus.flatMap((sku) => catalog.get(sku) ?? []);
  };
  const simulator = new OrderSimulator({
    url: ctx.localUrl,
    secret: ctx.ordersSecret,
    log: ctx.log,
    products: (now) => {
      const rundown = ctx.store.current.rundown;
      // The ledger's own figures, current to the last commit: a post the simulator saw answered is already in them.
      return rehearsalProducts(showProducts(), currentCueOf(rundown)?.sku ?? null, rundown.flash, ctx.use(LEDGER_READER).tallies().stock, now);
    },
  });
  const publish = () => ctx.broadcast(ORDER_SIMULATOR_EVENT, { settings: simulator.settings } satisfies OrderSimulatorStatus);
  const ok = (): CommandResult => ({ ok: true, version: ctx.store.current.version });
  let unsubscribeLive: (() => void) | null = null;

  return {
    name: 'rehearsal-orders',
    start() {
      // Rehearsal orders must never run into a live show.
      unsubscribeLive = ctx.onShowPhase((change) => {
        if (change.to === 'live' && simulator.settings) {
          simulator.stop();
          publish();
        }
      });
    },
    commands: {
      'sales.simulator.start': (settings) => {
        if (ctx.store.current.live.isLive) {
          return failure('rejected', 'The show is live: rehearsal orders would count as sales. End the show to rehearse.');
        }
        if (showProducts().length === 0) return failure('rejected', 'The run of show has no products to order: add product cues first.');
        simulator.start(settings);
        publish();
        return ok();
      },
      'sales.simulator.stop': async () => {
        simulator.stop();
        publish();
        // Answered once the orders already posted have landed: what the operator (or a test) reads next is final.
        await simulator.settled();
        return ok();
      },
    },
    onConnect(send) {
      send(ORDER_SIMULATOR_EVENT, { settings: simulator.settings } satisfies OrderSimulatorStatus);
    },
    close() {
      simulator.stop();
      unsubscribeLive?.();
    },
  };
};
