import { BRIDGES_EVENT } from '@shared/features/bridges/protocol/bridge-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/** Feeds the hub's bridge statuses (anchor and producer windows) into the store; returns the unsubscribe function. */
export function wireBridges(hub: HubClient, store: AppStore): () => void {
  const { onBridges } = store.getState();
  return hub.on(BRIDGES_EVENT, (event) => {
    if (Array.isArray(event?.bridges)) onBridges(event.bridges);
  });
}
