import { z } from 'zod';
import { INVITABLE_ROLES, MAX_NOTE_LENGTH, powersWith } from '../domain/cohost';
import type { Role } from '../../../core/domain/roles';
import { defineCommand } from '../../../core/protocol/command-spec';

/** Co-hosting: invites and LAN sharing (anchor only), producer notes, permissions, presence and the audit log. */
/** How long an invite works unless the anchor chooses (days). */
export const DEFAULT_INVITE_DAYS = 30;
/** The longest an invite may work (days). */
export const MAX_INVITE_DAYS = 365;
/** The validities the invite form offers (days). */
export const INVITE_VALIDITY_DAYS = [1, 7, DEFAULT_INVITE_DAYS, 90, MAX_INVITE_DAYS] as const;

export const COHOST_COMMANDS = {
  'permissions.set': defineCommand({
    payload: z.strictObject({
      producerPowers: z.strictObject(powersWith(() => z.boolean().optional())).optional(),
      // All five at once (the one switch of earlier versions; scripts may still send it).
      producerCanControlAir: z.boolean().optional(),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Grant or take back producers\' air powers, each on its own: scenes, cameras, mics, goLive (go live and end), destinations.',
  }),
  'note.send': defineCommand({
    payload: z.strictObject({
      text: z.string().trim().min(1, 'note is empty').max(MAX_NOTE_LENGTH, `note is longer than ${MAX_NOTE_LENGTH} characters`),
    }),
    roles: ['producer'],
    executor: 'hub',
    summary: "Send the anchor a private note (shown on the teleprompter and status bar until acknowledged).",
  }),
  'note.ack': defineCommand({
    payload: z.strictObject({ id: z.string().min(1).max(64) }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Acknowledge a producer note.',
  }),
  'invite.create': defineCommand({
    payload: z.strictObject({
      role: z.enum(INVITABLE_ROLES),
      name: z.string().trim().min(1, 'name is empty').max(60),
      validDays: z.number().int().min(1, 'validDays is at least 1').max(MAX_INVITE_DAYS, `validDays is at most ${MAX_INVITE_DAYS}`).optional(),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary: `Create a personal invite (token, pairing code, QR) for a co-host with a role, valid ${DEFAULT_INVITE_DAYS} days unless validDays says otherwise.`,
  }),
  'invite.list': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'List invites (never their tokens).',
  }),
  'invite.revoke': defineCommand({
    payload: z.strictObject({ principalId: z.string().min(1).max(64) }),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Revoke a co-host's token at once and drop their connections.",
  }),
  'sharing.set': defineCommand({
    payload: z.strictObject({ enabled: z.boolean() }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Turn LAN sharing on (the hub also listens on the LAN) or off (loopback only).',
  }),
  'audit.list': defineCommand({
    payload: z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Read the latest entries of the audit log (who, what, when, result).',
  }),
} as const;

/** One line of the audit log as `audit.list` answers it. */
export interface AuditEntry {
  id: number;
  at: number;
  actorId: string;
  role: string;
  command: string;
  ok: boolean;
  /** The error code of a refused or failed command; null when it worked. */
  detail: string | null;
}

/** Where the hub serves the audit log as CSV for the show report (anchor and producer, bearer token). */
export const AUDIT_CSV_PATH = '/api/v1/reports/audit.csv';

/** An invite as the anchor's list shows it (never with its token). */
export interface InviteSummary {
  principalId: string;
  name: string;
  role: Role;
  createdAt: number;
  /** When the invite stops working (epoch ms); null for invites made before invites expired. */
  expiresAt: number | null;
  isConnected: boolean;
}

/** What `invite.create` answers to the anchor, once: the token travels only here. */
export interface CreatedInvite {
  principalId: string;
  name: string;
  role: Role;
  token: string;
  /** When the invite stops working (epoch ms). */
  expiresAt: number;
  pairingCode: string;
  /** Open-in-browser links: loopback (second window on this PC) and, while sharing is on, the LAN. */
  urls: string[];
  /** QR code (SVG markup) of the first LAN link, or of the loopback link while sharing is off. */
  qrSvg: string;
}
