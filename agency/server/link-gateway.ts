import type { Namespace, Socket } from 'socket.io';
import {
  LINK_PROTOCOL_VERSION,
  linkEntriesSchema,
  roomStatusSchema,
  type LinkAgencyToStudio,
  type LinkStudioToAgency,
} from '../../electron/features/agency/protocol/link-protocol';
import type { RoomStatus } from '../../electron/features/agency/domain/room-status';
import type { Database } from './database';
import { takeEntries } from './ledger-intake';
import { LinkedOrders } from './rooms';
import { audit, credentialOf, type Credential } from './tokens';
import type { RoomPublisher } from './room-publisher';

/** Sentence for a studio whose token the agency does not accept. */
export const LINK_TOKEN_REFUSED =
  'The agency does not accept this studio token (unknown, revoked, or not a studio token). Ask the agency for a new studio token and paste it in Agency link.';

type LinkSocket = Socket<LinkStudioToAgency, LinkAgencyToStudio, Record<string, never>, { credential: Credential }>;

/** The `/link` namespace, typed by the link protocol. */
export type LinkNamespace = Namespace<LinkStudioToAgency, LinkAgencyToStudio, Record<string, never>, { credential: Credential }>;

/**
 * The studios' side of a node: checks each studio's token, tells it where the agency's copy of its ledger ends, takes
 * its entries exactly once and its status, and keeps the room's figures current for the consoles.
 */
export function serveStudioLinks(
  links: LinkNamespace,
  deps: { db: Database; nodeId: string; agencyName: string; publisher: RoomPublisher },
): { linkedCount(): number } {
  const { db, nodeId, publisher } = deps;
  const orders = new LinkedOrders();
  const statuses = new Map<string, RoomStatus>();

  links.use((socket, next) => {
    const { token, protocol } = socket.handshake.auth as { token?: unknown; protocol?: unknown };
    void credentialOf(db, token).then(
      async (credential) => {
        if (!credential || credential.role !== 'studio' || !credential.studioId) {
          await audit(db, { actor: `link from ${socket.handshake.address}`, action: 'link.connect', outcome: 'refused: token' });
          return next(new Error(LINK_TOKEN_REFUSED));
        }
        if (protocol !== LINK_PROTOCOL_VERSION) {
          return next(new Error(`This studio speaks link protocol ${String(protocol)}; the agency speaks ${LINK_PROTOCOL_VERSION}. Update the studio or the agency so both match.`));
        }
        socket.data.credential = credential;
        next();
      },
      () => next(new Error('The agency could not check the token right now (its database is unavailable). The studio will try again.')),
    );
  });

  links.on('connection', (socket: LinkSocket) => {
    const roomId = socket.data.credential.studioId!;
    void socket.join([`room:${roomId}`, `token:${socket.data.credential.id}`]);
    // Entries of one studio are taken one batch at a time, in order, even if the studio sends the next one early.
    let intake = Promise.resolve();
    const opened = (async () => {
      await db.query('UPDATE studios SET linked_node = $2, last_seen_at = $3 WHERE id = $1', [roomId, nodeId, Date.now()]);
      await orders.load(db, roomId);
      const [row] = await db.query<{ name: string; last_seq: number; last_hash: string; status: RoomStatus | null }>(
        'SELECT name, last_seq, last_hash, status FROM studios WHERE id = $1',
        [roomId],
      );
      if (row?.status) statuses.set(roomId, row.status);
      socket.emit('link.welcome', { protocol: LINK_PROTOCOL_VERSION, agencyName: deps.agencyName, roomName: row?.name ?? '', lastSeq: Number(row?.last_seq ?? 0), lastHash: row?.last_hash ?? '' });
      await audit(db, { actor: socket.data.credential.name, action: 'link.connect', target: roomId, outcome: `ok (node ${nodeId})` });
      publisher.roomChanged(roomId, () => orders.figures(roomId, statuses.get(roomId) ?? null));
    })();
    // The database failed while the link opened: close the connection itself (not the namespace), so the studio takes
    // it as a network failure and retries, rather than as the agency refusing it.
    opened.catch(() => socket.conn.close());

    socket.on('link.entries', (batch, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = linkEntriesSchema.safeParse(batch);
      if (!parsed.success) {
        ack({ ok: false, code: 'invalid', message: `The batch is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`, lastSeq: 0 });
        return;
      }
      intake = intake
        .then(() => opened)
        .then(async () => {
          const result = await takeEntries(db, roomId, parsed.data.entries);
          orders.apply(roomId, result.stored.map((e) => e.event));
          if (result.stored.length) publisher.roomChanged(roomId, () => orders.figures(roomId, statuses.get(roomId) ?? null));
          ack(result.ack);
        })
        .catch(() => ack({ ok: false, code: 'unavailable', message: 'The agency could not store the entries right now; the studio will send them again.', lastSeq: 0 }));
    });

    socket.on('link.status', (status) => {
      const parsed = roomStatusSchema.safeParse(status);
      if (!parsed.success) return;
      const previous = statuses.get(roomId) ?? null;
      statuses.set(roomId, parsed.data);
      void opened
        .then(async () => {
          await db.query('UPDATE studios SET status = $2, last_seen_at = $3 WHERE id = $1', [roomId, JSON.stringify(parsed.data), Date.now()]);
          await publisher.alertsChanged(roomId, previous?.alerts ?? [], parsed.data.alerts);
          publisher.roomChanged(roomId, () => orders.figures(roomId, parsed.data));
        })
        .catch(() => undefined);
    });

    socket.on('disconnect', () => {
      orders.drop(roomId);
      statuses.delete(roomId);
      void db
        .query('UPDATE studios SET linked_node = NULL WHERE id = $1 AND linked_node = $2', [roomId, nodeId])
        .then(() => publisher.roomChanged(roomId, () => null))
        .catch(() => undefined);
    });
  });

  return { linkedCount: () => links.sockets.size };
}
