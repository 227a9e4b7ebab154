import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';

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

