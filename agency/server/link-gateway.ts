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
import { LINK_SILENCE_MS, LinkedOrders } from './rooms';
import { audit, credentialOf, type Credential } from './tokens';
import type { RoomPublisher } from './room-publisher';

/** Sentence for a studio whose token the agency does not accept. */
export const LINK_TOKEN_REFUSED =
  'The agency does not accept this studio token (unknown, revoked, or not a studio token). Ask the agency for a new studio token, then unlink and link again with it.';

/** The handshake's outcome: the studio's credential, or none because the database could not be asked (retry). */
type LinkData = { credential?: Credential };
type LinkSocket = Socket<LinkStudioToAgency, LinkAgencyToStudio, Record<string, never>, LinkData>;

/** The `/link` namespace, typed by the link protocol. */
export type LinkNamespace = Namespace<LinkStudioToAgency, LinkAgencyToStudio, Record<string, never>, LinkData>;

/**
 * The studios' side of a node: checks each studio's token, tells it where the agency's copy of its ledger ends, takes
 * its entries exactly once and its status, and keeps the room's figures current for the consoles. One connection owns
 * a room at a time: a studio that reconnects replaces its older connection, which may linger half-open for a while
 * after a network change and must not clear the room when it finally goes. A connection takes the room only once its
 * studio has accepted the welcome (its first entries or status): a studio whose ledger is not the room's refuses itself
 * at the welcome, so a token copied to another computer cannot push out the studio linked with it.
 */
export function serveStudioLinks(
  links: LinkNamespace,
  deps: { db: Database; nodeId: string; agencyName: string; publisher: RoomPublisher },
): { linkedCount(): number; close(): void } {
  const { db, nodeId, publisher } = deps;
  const orders = new LinkedOrders();
  const statuses = new Map<string, RoomStatus>();
  /** The connection that owns each room linked to this node. */
  const owners = new Map<string, string>();

  links.use((socket, next) => {
    const { token, protocol } = socket.handshake.auth as { token?: unknown; protocol?: unknown };
    credentialOf(db, token)
      .then(async (credential) => {
        if (!credential || credential.role !== 'studio' || !credential.studioId) {
          await audit(db, { actor: `link from ${socket.handshake.address}`, action: 'link.connect', outcome: 'refused: token' }).catch(() => undefined);
          return next(new Error(LINK_TOKEN_REFUSED));
        }
        if (protocol !== LINK_PROTOCOL_VERSION) {
          return next(new Error(`This studio speaks link protocol ${String(protocol)}; the agency speaks ${LINK_PROTOCOL_VERSION}. Update the studio or the agency so both match.`));
        }
        socket.data.credential = credential;
        next();
      })
      // The database did not answer: let the connection open without a credential and close it as a network failure
      // (below), so the studio retries; a refusal here would stop its retries for good.
      .catch(() => next());
  });

  links.on('connection', (socket: LinkSocket) => {
    const credential = socket.data.credential;
    if (!credential) return void socket.conn.close();
    const roomId = credential.studioId!;
    const owner = `${nodeId}:${socket.id}`;
    void socket.join(`token:${credential.id}`);
    const isOwner = () => owners.get(roomId) === socket.id;
    const figures = () => (isOwner() ? orders.figures(roomId, statuses.get(roomId) ?? null) : null);
    // Entries and statuses of one studio are handled one at a time, in order, even if the studio sends ahead.
    const opening = (async () => {
      const [row] = await db.query<{ name: string; last_seq: number; last_hash: string }>('SELECT name, last_seq, last_hash FROM studios WHERE id = $1', [roomId]);
      socket.emit('link.welcome', { protocol: LINK_PROTOCOL_VERSION, agencyName: deps.agencyName, roomName: row?.name ?? '', lastSeq: Number(row?.last_seq ?? 0), lastHash: row?.last_hash ?? '' });
      await audit(db, { actor: credential.name, action: 'link.connect', target: roomId, outcome: `ok (node ${nodeId})` });
    })();
    /** Takes the room for this connection, once (see above): an older connection on this node gives way to it. */
    let claiming: Promise<void> | null = null;
    const claim = () =>
      (claiming ??= (async () => {
        // (An older connection on another node clears nothing when it goes: the room's row names this one as owner.)
        const older = owners.get(roomId);
        if (older !== undefined) links.sockets.get(older)?.disconnect(true);
        owners.set(roomId, socket.id);
        void socket.join(`room:${roomId}`);
        const [row] = await db.query<{ status: RoomStatus | null }>('UPDATE studios SET linked_node = $2, last_seen_at = $3 WHERE id = $1 RETURNING status', [
          roomId,
          owner,
          Date.now(),
        ]);
        if (row?.status) statuses.set(roomId, row.status);
        await orders.load(db, roomId);
        publisher.roomChanged(roomId, figures);
      })());
    // The database failed while the link opened: close the connection itself (not the namespace), so the studio takes
    // it as a network failure and retries, rather than as the agency refusing it.
    opening.catch(() => socket.conn.close());
    let queue: Promise<unknown> = opening;
    /** Runs `work` after everything queued before it; a failure answers its own sender and does not stop the queue. */
    const enqueue = (work: () => Promise<void>) => {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    };

    socket.on('link.entries', (batch, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = linkEntriesSchema.safeParse(batch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        ack({ ok: false, code: 'invalid', message: `The agency cannot read this batch (${issue?.path.join('.') || 'batch'}: ${issue?.message ?? 'not valid'}): update the studio and the agency to the same version.`, lastSeq: 0 });
        return;
      }
      void enqueue(async () => {
        await claim();
        const result = await takeEntries(db, roomId, parsed.data.entries);
        // Entries another connection stored meanwhile (an answer that crossed a reconnect) are read back too.
        if (result.ack.ok && isOwner()) await orders.catchUp(db, roomId, result.ack.lastSeq, result.stored);
        if (result.stored.length) publisher.roomChanged(roomId, figures);
        ack(result.ack);
      }).catch(() => ack({ ok: false, code: 'unavailable', message: 'The agency could not store the entries right now; the studio sends them again shortly.', lastSeq: 0 }));
    });

    socket.on('link.status', (status) => {
      const parsed = roomStatusSchema.safeParse(status);
      if (!parsed.success) return;
      void enqueue(async () => {
        await claim();
        if (!isOwner()) return; // a newer connection took the room since
        const previous = statuses.get(roomId) ?? null;
        statuses.set(roomId, parsed.data);
        await db.query('UPDATE studios SET status = $2, last_seen_at = $3 WHERE id = $1', [roomId, JSON.stringify(parsed.data), Date.now()]);
        await publisher.alertsChanged(roomId, previous?.alerts ?? [], parsed.data.alerts);
        publisher.roomChanged(roomId, figures);
      }).catch(() => undefined);
    });

    socket.on('disconnect', () => {
      if (!isOwner()) return; // a newer connection owns the room now
      // The room's last figures are stored before its orders are let go: an offline room shows what it sold.
      const last = orders.figures(roomId, statuses.get(roomId) ?? null);
      owners.delete(roomId);
      orders.drop(roomId);
      statuses.delete(roomId);
      void db
        .query('UPDATE studios SET linked_node = NULL WHERE id = $1 AND linked_node = $2', [roomId, owner])
        .then(() => publisher.roomChanged(roomId, () => last))
        .catch(() => undefined);
    });
  });

  // Rooms whose node died stay marked linked in the database: any node lets them go once their studio has been silent
  // for LINK_SILENCE_MS (a linked studio reports at least every 10 s), and tells the consoles.
  const sweeper = setInterval(() => {
    db.query<{ id: string }>('UPDATE studios SET linked_node = NULL WHERE linked_node IS NOT NULL AND last_seen_at < $1 RETURNING id', [Date.now() - LINK_SILENCE_MS])
      .then((rows) => rows.forEach(({ id }) => publisher.roomChanged(id, () => null)))
      .catch(() => undefined);
  }, LINK_SILENCE_MS / 2);
  sweeper.unref();

  return { linkedCount: () => links.sockets.size, close: () => clearInterval(sweeper) };
}
