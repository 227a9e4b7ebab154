import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import type { AgencyLinkView } from '../domain/agency-link';

/** Event carrying the studio's agency link to the anchor's windows (on connect and on every change). */
export const AGENCY_LINK_EVENT = 'agency.link';

/** `agency.link`: the link, or null when the studio is not linked to an agency. */
export interface AgencyLinkEvent {
  link: AgencyLinkView | null;
}

/** Linking the studio to an MCN agency: the anchor's alone (it sends the studio's sales and status out). */
export const AGENCY_COMMANDS = {
  'agency.link': defineCommand({
    payload: z.strictObject({
      url: z.string().trim().min(1, 'the agency address is empty').max(500),
      token: z.string().trim().min(1, 'the studio token is empty').max(200),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Link the studio to an agency (its address and the studio token it issued): the ledger and the room's status are sent to it.",
  }),
  'agency.permit': defineCommand({
    payload: z.strictObject({ allowCommands: z.boolean() }),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Let the agency's producers send producer commands to this studio (off by default); each is still checked as any producer's would be.",
  }),
  'agency.unlink': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Unlink the studio from its agency: nothing more is sent, and the token is forgotten.',
  }),
} as const;

/** The agency feature's events (part of the protocol's feature events map). */
export interface AgencyEvents {
  'agency.link': AgencyLinkEvent;
}
