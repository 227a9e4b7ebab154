import { OBS_HEALTH_EVENT, type ObsHealthEvent } from '@shared/features/health/protocol/health-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/** Feeds OBS's once-a-second health readings into the store; returns the unsubscribe function. */
export function wireHealth(hub: HubClient, store: AppStore): () => void {
  const { onHealth } = store.getState();
  return hub.on(OBS_HEALTH_EVENT, (payload) => {
    const event = payload as ObsHealthEvent;
    if (typeof event !== 'object' || event === null || !('health' in event)) return;
    onHealth(event);
  });
}
