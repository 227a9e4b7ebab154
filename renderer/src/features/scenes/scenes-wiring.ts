import { THUMBNAILS_EVENT, type ThumbnailsEvent } from '@shared/features/scenes/protocol/thumbnail-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/** Feeds the hub's volatile scene thumbnails into the store; returns the unsubscribe function. */
export function wireScenes(hub: HubClient, store: AppStore): () => void {
  const { onThumbnails } = store.getState();
  return hub.on(THUMBNAILS_EVENT, (payload) => {
    const event = payload as ThumbnailsEvent;
    // The hub validated the engine's batch; still refuse anything that is not a thumbnail batch shape.
    if (typeof event?.at !== 'number' || typeof event.images !== 'object' || event.images === null) return;
    onThumbnails(event);
  });
}
