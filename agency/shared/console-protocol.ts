import { z } from 'zod';
import type { RoomFigures } from '../../electron/features/agency/domain/room-figures';
import type { RoomAlertCode, RoomStatus } from '../../electron/features/agency/domain/room-status';
import { CONSOLE_ROLES, type ConsoleRole, type TokenRole } from './agency-roles';

/** The cross-room reports every node serves (`GET /api/v1/reports/<group>.<csv|html>`). */
export const REPORT_GROUPS = ['room', 'brand', 'anchor', 'product', 'day'] as const;

/** A report's grouping. */
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Namespace of the console's socket.io connection (`auth: { token }` with a console user's token). */
export const CONSOLE_NAMESPACE = '/console';

/** A room as the console shows it: who, whether its studio is linked now, its latest status and figures. */
export interface RoomSummary {
  id: string;
  name: string;
  brand: string;
  anchor: string;
  /** True while the studio's link is connected to some node of the agency. */
  isLinked: boolean;
  /** Last time the studio was heard from (entries or status), epoch ms; null if never linked. */
  lastSeenAt: number | null;
  status: RoomStatus | null;
  figures: RoomFigures | null;
  /** Ledger entries the agency holds for the room. */
  entries: number;
}

/** One alert of the feed: raised (and maybe cleared) in a room. */
export interface AlertItem {
  id: number;
  roomId: string;
  roomName: string;
  code: RoomAlertCode;
  detail: string;
  raisedAt: number;
  clearedAt: number | null;
}

/** A credential as the admin lists it (never the token). */
export interface CredentialView {
  id: string;
  role: TokenRole;
  name: string;
  brand: string | null;
  roomId: string | null;
  createdAt: number;
  revokedAt: number | null;
}

/** First event of every console connection: who you are, every room you may see, the latest alerts. */
export interface ConsoleSnapshot {
  me: { role: ConsoleRole; name: string; brand: string | null };
  agencyName: string;
  rooms: RoomSummary[];
  alerts: AlertItem[];
}

/** Payloads of the console's requests, validated on arrival. */
export const CONSOLE_REQUESTS = {
  'room.create': z.strictObject({
    name: z.string().trim().min(1, 'name is empty').max(120),
    brand: z.string().trim().max(120),
    anchor: z.string().trim().max(120),
  }),
  'token.create': z.strictObject({
    role: z.enum(CONSOLE_ROLES),
    name: z.string().trim().min(1, 'name is empty').max(120),
    brand: z.string().trim().max(120).optional(),
  }),
  'token.revoke': z.strictObject({ id: z.string().min(1).max(64) }),
  'token.list': z.strictObject({}),
  'room.note': z.strictObject({ roomId: z.string().min(1).max(64), text: z.string().trim().min(1, 'note is empty').max(500) }),
  'room.command': z.strictObject({ roomId: z.string().min(1).max(64), name: z.string().min(1).max(64), payload: z.unknown() }),
} as const;

/** Name of a console request. */
export type ConsoleRequestName = keyof typeof CONSOLE_REQUESTS;

/** What each request answers when it works. */
export interface ConsoleAnswers {
  'room.create': { roomId: string; token: string };
  'token.create': { id: string; token: string };
  'token.revoke': Record<string, never>;
  'token.list': { credentials: CredentialView[] };
  'room.note': Record<string, never>;
  'room.command': Record<string, never>;
}

/** The answer of a request: its data, or a sentence saying what was wrong and what to do. */
export type ConsoleAnswer<N extends ConsoleRequestName> = { ok: true; data: ConsoleAnswers[N] } | { ok: false; message: string };

/** Events the agency sends to consoles. */
export interface ConsoleServerEvents {
  snapshot: (snapshot: ConsoleSnapshot) => void;
  'room.update': (room: RoomSummary) => void;
  'alert.update': (alert: AlertItem) => void;
}

/** Events a console sends: one request channel, typed by name. */
export interface ConsoleClientEvents {
  request: <N extends ConsoleRequestName>(name: N, payload: unknown, ack: (answer: ConsoleAnswer<N>) => void) => void;
}
