import { CATALOG_EVENT, type CatalogEvent } from '../../../../electron/protocol/catalog-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/** Feeds the hub's catalog events into the store (the hub sends the whole catalog on every connect). */
export function wireCatalog(hub: HubClient, store: AppStore): () => void {
  return hub.on(CATALOG_EVENT, (p) => store.getState().onCatalogEvent(p as CatalogEvent));
}
