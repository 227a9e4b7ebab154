import { AGENCY_LINK_EVENT } from '@shared/features/agency/protocol/agency-events';
import type { HubClient } from '../../hub/hub-client';
import type { AppStore } from '../../store/studio-store';

/** Feeds the studio's agency link (anchor windows only) into the store; returns the unsubscribe function. */
export function wireAgency(hub: HubClient, store: AppStore): () => void {
  const { onAgencyLink } = store.getState();
  return hub.on(AGENCY_LINK_EVENT, (event) => onAgencyLink(event?.link ?? null));
}
