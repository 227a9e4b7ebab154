import type { AgencyLinkView } from '../domain/agency-link';

// The agency feature's events: names and payloads only (no schemas), so a window can listen without loading zod.

/** Event carrying the studio's agency link to the anchor's windows (on connect and on every change). */
export const AGENCY_LINK_EVENT = 'agency.link';

/** `agency.link`: the link, or null when the studio is not linked to an agency. */
export interface AgencyLinkEvent {
  link: AgencyLinkView | null;
}

/** The agency feature's events (part of the protocol's feature events map). */
export interface AgencyEvents {
  'agency.link': AgencyLinkEvent;
}
