import { io, type Socket } from 'socket.io-client';
import type { CONSOLE_REQUESTS, ConsoleAnswer, ConsoleClientEvents, ConsoleRequestName, ConsoleServerEvents } from '../../shared/console-protocol';
import type { ConsoleStore } from './console-store';

/** Namespace of the console's connection (the same as CONSOLE_NAMESPACE; repeated so the page does not bundle zod). */
const NAMESPACE = '/console';

/** How long a request waits for the node's answer before the console says it did not come. */
const REQUEST_TIMEOUT_MS = 10_000;

/** A request's payload as the node validates it. */
export type RequestPayload<N extends ConsoleRequestName> = ReturnType<(typeof CONSOLE_REQUESTS)[N]['parse']>;

/** The node's answer, or `{ ok: false, message: null }` when none came in time (the UI says that in its language). */
export type RequestResult<N extends ConsoleRequestName> = ConsoleAnswer<N> | { ok: false; message: null };

/** The console's link to its agency node. */
export interface AgencyClient {
  /** Sends a request on the one request channel and resolves with the node's answer. */
  request<N extends ConsoleRequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N>>;
  close(): void;
}

/**
 * Signs in to the node's `/console` namespace with a token (same origin as the page unless `url` says otherwise) and
 * feeds the store: the snapshot on every (re)connect, room and alert updates, and the link's state.
 */
export function connectAgency(token: string, store: ConsoleStore, url = ''): AgencyClient {
  // WebSocket only: behind a balancer without sticky sessions, long-polling's requests would land on different nodes.
  const socket: Socket<ConsoleServerEvents, ConsoleClientEvents> = io(`${url}${NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    forceNew: true,
  });
  const { onConnection, onSnapshot, onRoomUpdate, onAlertUpdate } = store.getState();
  onConnection({ type: 'connecting' });

  socket.on('snapshot', onSnapshot);
  socket.on('room.update', onRoomUpdate);
  socket.on('alert.update', onAlertUpdate);
  socket.on('connect_error', (err) => {
    // socket.active: the client retries by itself (the node is unreachable); otherwise the node refused the sign-in
    // and said why in the message, and retrying the same token would only be refused again.
    if (socket.active) onConnection({ type: 'dropped' });
    else onConnection({ type: 'refused', message: err.message });
  });
  socket.on('disconnect', (reason) => {
    onConnection({ type: 'dropped' });
    // The node closed this connection itself (a revoked token): ask once more, so a refusal arrives with its reason.
    if (reason === 'io server disconnect') socket.connect();
  });

  return {
    async request(name, payload) {
      // socket.io's typings cannot follow the request's generic name; the protocol types it here instead.
      const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(event: 'request', name: string, payload: unknown): Promise<unknown> } };
      try {
        return (await untyped.timeout(REQUEST_TIMEOUT_MS).emitWithAck('request', name, payload)) as ConsoleAnswer<typeof name>;
      } catch {
        return { ok: false, message: null };
      }
    },
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
