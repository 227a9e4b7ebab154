import { CATALOG_EVENT } from '@shared/features/catalog/protocol/catalog-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/**
 * Feeds the hub's catalog events into the store. Wired right after the hub client is created, so the snapshot the
 * hub sends on every connect cannot arrive before anyone listens. Returns the unsubscribe function.
 */
export function wireCatalog(hub: HubClient, store: AppStore): () => void {
  const dispatch = store.getState().onCatalogEvent;
  return hub.on(CATALOG_EVENT, (payload) => dispatch(payload));
}
