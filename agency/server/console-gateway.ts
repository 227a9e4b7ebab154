import { randomUUID } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { GENESIS_HASH } from '../../electron/features/sales/domain/ledger-entry';
import { CONSOLE_POWERS, type ConsoleRole } from '../shared/agency-roles';
import {
  CONSOLE_REQUESTS,
  type ConsoleAnswer,
  type ConsoleAnswers,
  type ConsoleClientEvents,
  type ConsoleRequestName,
  type ConsoleServerEvents,
  type CredentialView,
} from '../shared/console-protocol';
import type { LinkNamespace } from './link-gateway';
import type { Database } from './database';
import { alertItemOf, consoleAudience } from './room-publisher';
import { readRoom, readRooms } from './rooms';
import { audit, credentialOf, issueToken, revokeToken, type Credential } from './tokens';

/** Sentence for a console whose token the agency does not accept. */
export const CONSOLE_TOKEN_REFUSED = 'This sign-in link is not valid (unknown or revoked). Ask the agency admin for a new one.';

/** How long a room's studio has to answer a command from the console. */
const COMMAND_ANSWER_MS = 10_000;

/** What a note or a command to a room without a linked studio is told. */
const ROOM_NOT_LINKED = "The room's studio is not linked right now, so nothing was sent. Try again once the room shows linked.";

/** Alerts a console gets when it connects. */
const RECENT_ALERTS = 50;

type ConsoleSocket = Socket<ConsoleClientEvents, ConsoleServerEvents, Record<string, never>, { credential?: Credential }>;

/** The `/console` namespace, typed by the console protocol. */
export type ConsoleNamespace = Namespace<ConsoleClientEvents, ConsoleServerEvents, Record<string, never>, { credential?: Credential }>;
type Handler<N extends ConsoleRequestName> = (payload: import('zod').infer<(typeof CONSOLE_REQUESTS)[N]>, who: Credential) => Promise<ConsoleAnswers[N] | string>;

/**
 * The consoles' side of a node: signs users in by token, sends each the rooms its role may see, and runs their
 * requests (rooms and tokens for the admin, notes for producers), each checked against the role and audited.
 */
export function serveConsoles(
  consoles: ConsoleNamespace,
  deps: { db: Database; agencyName: string; links: LinkNamespace },
): void {
  const { db } = deps;

  consoles.use((socket, next) => {
    credentialOf(db, (socket.handshake.auth as { token?: unknown }).token)
      .then(async (credential) => {
        if (!credential || credential.role === 'studio') {
          await audit(db, { actor: `console from ${socket.handshake.address}`, action: 'console.connect', outcome: 'refused: token' }).catch(() => undefined);
          return next(new Error(CONSOLE_TOKEN_REFUSED));
        }
        socket.data.credential = credential;
        next();
      })
      // The database did not answer: open without a credential and close at once as a network failure (below), so the
      // console retries instead of showing a refusal.
      .catch(() => next());
  });

  /** True while some node holds a connection of the room's studio. */
  const isLinked = async (roomId: string) => (await deps.links.in(`room:${roomId}`).fetchSockets()).length > 0;

  const handlers: { [N in ConsoleRequestName]: { allowed: (role: ConsoleRole) => boolean; run: Handler<N> } } = {
    'room.create': {
      allowed: (role) => CONSOLE_POWERS[role].manage,
      run: async ({ name, brand, anchor }) => {
        const roomId = randomUUID();
        // The room and its studio token together, or neither (an admin who retries gets no room without a token).
        const { token } = await db.transaction(async (tx) => {
          await tx.query('INSERT INTO studios (id, name, brand, anchor, created_at, last_hash) VALUES ($1, $2, $3, $4, $5, $6)', [roomId, name, brand, anchor, Date.now(), GENESIS_HASH]);
          return issueToken(tx, { role: 'studio', name: `${name} (studio link)`, brand: brand || null, studioId: roomId });
        });
        const room = await readRoom(db, roomId);
        if (room) consoles.to(consoleAudience(room.brand)).emit('room.update', room);
        return { roomId, token };
      },
    },
    'token.create': {
      allowed: (role) => CONSOLE_POWERS[role].manage,
      run: async ({ role, name, brand }) => {
        if (role === 'brand' && !brand) return 'A brand viewer needs the brand whose rooms they may see.';
        return issueToken(db, { role, name, brand: role === 'brand' ? brand! : null, studioId: null });
      },
    },
    'token.revoke': {
      allowed: (role) => CONSOLE_POWERS[role].manage,
      run: async ({ id }, who) => {
        if (id === who.id) return 'You cannot revoke your own sign-in: ask another admin.';
        if (!(await revokeToken(db, id))) return 'No such credential, or it was already revoked.';
        // Drop its connections on every node at once (the adapter carries this across the cluster).
        consoles.in(`token:${id}`).disconnectSockets(true);
        deps.links.in(`token:${id}`).disconnectSockets(true);
        return {};
      },
    },
    'token.list': {
      allowed: (role) => CONSOLE_POWERS[role].manage,
      run: async () => {
        const rows = await db.query<{ id: string; role: CredentialView['role']; name: string; brand: string | null; studio_id: string | null; created_at: number; revoked_at: number | null }>(
          'SELECT id, role, name, brand, studio_id, created_at, revoked_at FROM tokens ORDER BY created_at',
        );
        return {
          credentials: rows.map((r) => ({ id: r.id, role: r.role, name: r.name, brand: r.brand, roomId: r.studio_id, createdAt: Number(r.created_at), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) })),
        };
      },
    },
    'room.note': {
      allowed: (role) => CONSOLE_POWERS[role].steer,
      run: async ({ roomId, text }, who) => {
        if (!(await isLinked(roomId))) return ROOM_NOT_LINKED;
        deps.links.to(`room:${roomId}`).emit('link.note', { from: who.name, text, at: Date.now() });
        return {};
      },
    },
    'room.command': {
      allowed: (role) => CONSOLE_POWERS[role].steer,
      run: async ({ roomId, name, payload }, who) => {
        if (!(await isLinked(roomId))) return ROOM_NOT_LINKED;
        // The studio's link may sit on any node: the adapter carries the command there and its answer back.
        const answers = await deps.links
          .to(`room:${roomId}`)
          .timeout(COMMAND_ANSWER_MS)
          .emitWithAck('link.command', { name, payload, from: who.name })
          .catch(() => null);
        const answer = answers?.[0];
        if (!answer) return `The studio did not answer within ${COMMAND_ANSWER_MS / 1000} s. Look at the room before sending it again: it may have run.`;
        return answer.ok ? {} : answer.message;
      },
    },
  };

  consoles.on('connection', (socket: ConsoleSocket) => {
    if (!socket.data.credential) return void socket.conn.close();
    const who: Credential = socket.data.credential;
    const role = who.role as ConsoleRole;
    const brand = CONSOLE_POWERS[role].allRooms ? null : (who.brand ?? '');
    void socket.join([brand === null ? 'all' : `brand:${brand}`, `token:${who.id}`]);
    void (async () => {
      const rooms = await readRooms(db, brand);
      const alerts = await db.query<Parameters<typeof alertItemOf>[0] & { brand: string }>(
        `SELECT a.id, a.studio_id, s.name, s.brand, a.code, a.detail, a.raised_at, a.cleared_at FROM alerts a JOIN studios s ON s.id = a.studio_id
         WHERE $1::text IS NULL OR s.brand = $1 ORDER BY a.raised_at DESC, a.id DESC LIMIT ${RECENT_ALERTS}`,
        [brand],
      );
      socket.emit('snapshot', { me: { role, name: who.name, brand: who.brand }, agencyName: deps.agencyName, rooms, alerts: alerts.map(alertItemOf) });
    })().catch(() => socket.conn.close()); // the console retries, as after a network failure

    socket.on('request', (name, payload, ack) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (answer: ConsoleAnswer<ConsoleRequestName>) => void;
      void answer(name, payload).then(reply, () => reply({ ok: false, message: 'The agency could not do this right now (its database is unavailable). Try again in a moment.' }));
    });

    async function answer(name: ConsoleRequestName, payload: unknown): Promise<ConsoleAnswer<ConsoleRequestName>> {
      const handler = typeof name === 'string' && Object.hasOwn(handlers, name) ? (handlers[name] as (typeof handlers)[ConsoleRequestName]) : undefined;
      if (!handler) return { ok: false, message: `Unknown request "${String(name).slice(0, 40)}".` };
      if (!handler.allowed(role)) {
        await audit(db, { actor: who.name, action: name, outcome: 'refused: role' });
        return { ok: false, message: `A ${role} may not do this (${name}); ask an agency admin.` };
      }
      const parsed = CONSOLE_REQUESTS[name].safeParse(payload);
      if (!parsed.success) return { ok: false, message: `${parsed.error.issues[0]?.path.join('.') || 'request'}: ${parsed.error.issues[0]?.message ?? 'not valid'}` };
      const result = await (handler.run as Handler<ConsoleRequestName>)(parsed.data as never, who);
      const target = 'roomId' in parsed.data ? parsed.data.roomId : 'id' in parsed.data ? parsed.data.id : 'name' in parsed.data ? parsed.data.name : null;
      await audit(db, { actor: who.name, action: name, target: typeof target === 'string' ? target : null, outcome: typeof result === 'string' ? `refused: ${result}` : 'ok' });
      return typeof result === 'string' ? { ok: false, message: result } : { ok: true, data: result };
    }
  });
}
