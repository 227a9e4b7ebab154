import { ORDER_SIMULATOR_EVENT, SHOW_SUMMARY_EVENT, STOCK_LOW_EVENT, TALLY_EVENT, TALLY_PATCH_EVENT } from '@shared/features/sales/protocol/sales-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/**
 * Feeds the hub's tally events into the store. Wired right after the hub client is created, so the snapshot the hub
 * sends on connect cannot arrive before anyone listens. The hub sends the newest tally event (a full snapshot) on
 * every connect, so a reconnect catches up without asking, then patches on it. Returns the unsubscribe function.
 */
export function wireSales(hub: HubClient, store: AppStore): () => void {
  const dispatch = store.getState().onSalesEvent;
  const offs = [
    // hello precedes the snapshot on every (re)connect: from here the next tally event is the resync.
    hub.onReady(() => dispatch({ type: 'reconnected' })),
    hub.on(TALLY_EVENT, (p) => dispatch({ type: 'tally', event: p })),
    hub.on(TALLY_PATCH_EVENT, (p) => dispatch({ type: 'tallyPatch', event: p })),
    hub.on(STOCK_LOW_EVENT, (p) => dispatch({ type: 'stockLow', alert: p })),
    hub.on(ORDER_SIMULATOR_EVENT, (p) => dispatch({ type: 'simulator', status: p })),
    hub.on(SHOW_SUMMARY_EVENT, (p) => dispatch({ type: 'summary', summary: p.summary })),
  ];
  return () => offs.forEach((off) => off());
}
