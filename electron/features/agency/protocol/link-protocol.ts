import { z } from 'zod';
import type { ChainedEntry } from '../../sales/domain/ledger-entry';
import { orderEventSchema } from '../../sales/protocol/sales-commands';
import { OBS_STATUSES } from '../../../core/domain/studio-state';
import { MAX_STATUS_CUES, MAX_STATUS_QUESTIONS, ROOM_ALERT_CODES, type RoomStatus } from '../domain/room-status';

/**
 * The studio link: a studio's hub connects out to its agency (socket.io, namespace `/link`, `auth: { token }` with the
 * studio token the agency issued) and replicates its ledger entries and its room status. Nothing listens on the studio.
 * Every message is validated on arrival by the schemas below, on both sides.
 */
export const LINK_NAMESPACE = '/link';

/** Version of the link protocol; an agency refuses a studio that speaks another. */
export const LINK_PROTOCOL_VERSION = 1;

/** Most entries in one `link.entries` batch. */
export const MAX_LINK_BATCH = 500;

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a hash is 64 lowercase hex digits');
const text = (max: number) => z.string().max(max);

/** One ledger entry with its place in the studio's chain. */
export const chainedEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  event: orderEventSchema,
  source: text(32),
  receivedAt: z.number().int().min(0),
  prevHash: hash,
  hash,
}) satisfies z.ZodType<ChainedEntry>;

/** `link.entries`: the next entries of the studio's ledger, in order, starting right after the agency's last one. */
export const linkEntriesSchema = z.strictObject({ entries: z.array(chainedEntrySchema).min(1).max(MAX_LINK_BATCH) });

/** `link.status`: the room's whole status (latest wins). */
export const roomStatusSchema = z.strictObject({
  at: z.number().int().min(0),
  title: text(200),
  phase: z.enum(['rehearsal', 'live', 'ended']),
  liveSince: z.number().int().min(0).nullable(),
  cue: z.strictObject({ id: text(64), label: text(200) }).nullable(),
  cues: z.array(z.strictObject({ id: text(64), label: text(200) })).max(MAX_STATUS_CUES),
  obs: z.enum(OBS_STATUSES),
  destinations: z
    .array(z.strictObject({
      name: text(120),
      platform: text(64),
      status: z.enum(['idle', 'connecting', 'live', 'reconnecting', 'failed', 'stopped']),
    }))
    .max(20),
  alerts: z
    .array(z.strictObject({ code: z.enum(ROOM_ALERT_CODES), detail: text(200) }))
    .max(100),
  openQuestions: z.strictObject({
    count: z.number().int().min(0),
    newest: z
      .array(z.strictObject({ author: text(120), text: text(500), askCount: z.number().int().min(1), at: z.number().int().min(0) }))
      .max(MAX_STATUS_QUESTIONS),
  }),
  sales: z.strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    showStartedAt: z.number().int().min(0).nullable(),
    rehearsalClearedAt: z.number().int().min(0).nullable(),
  }),
}) satisfies z.ZodType<RoomStatus>;

/** `link.welcome` (agency -> studio, first on every connection): which room this is and where the agency's copy ends. */
export interface LinkWelcome {
  protocol: number;
  agencyName: string;
  roomName: string;
  /** Seq and hash of the last entry the agency holds (0 and the genesis hash when none): the studio sends from there. */
  lastSeq: number;
  lastHash: string;
}

/** The agency's answer to a batch: where its copy now ends, or why it refused the batch (nothing of it kept). */
export type LinkEntriesAck =
  | { ok: true; lastSeq: number }
  | { ok: false; code: 'invalid' | 'broken-chain' | 'unavailable'; message: string; lastSeq: number };

/** A producer's note from the agency console to the room's windows. */
export interface LinkNote {
  from: string;
  text: string;
  at: number;
}

/** A producer command from the agency console, for the studio to run as that producer would (role and policy checked). */
export interface LinkCommand {
  name: string;
  payload: unknown;
  from: string;
}

/** The studio's answer to a command from the agency: done, or its sentence why not. */
export type LinkCommandAnswer = { ok: true } | { ok: false; message: string };

/** Events the studio sends on the link. */
export interface LinkStudioToAgency {
  'link.entries': (batch: z.infer<typeof linkEntriesSchema>, ack: (answer: LinkEntriesAck) => void) => void;
  'link.status': (status: RoomStatus) => void;
}

/** Events the agency sends on the link. */
export interface LinkAgencyToStudio {
  'link.welcome': (welcome: LinkWelcome) => void;
  'link.note': (note: LinkNote) => void;
  'link.command': (command: LinkCommand, ack: (answer: LinkCommandAnswer) => void) => void;
}

/** The handshake a studio presents: its token and the link protocol it speaks. */
export interface LinkAuth {
  token: string;
  protocol: number;
}
