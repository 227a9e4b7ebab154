import { io, type Socket } from 'socket.io-client';
import type { CommandName, CommandPayload } from '@shared/core/protocol/commands';
import type { ClientToServerEvents, FeatureEventName, FeatureEvents, ServerToClientEvents } from '@shared/core/protocol/events';
import type { CommandResult } from '@shared/core/protocol/results';
import type { AppStore } from '../store/studio-store';

/** How long the UI waits for the hub to answer a command before telling the user. */
const COMMAND_TIMEOUT_MS = 10_000;

/** The window's link to the hub: feeds the store, sends commands. */
export interface HubClient {
  /**
   * Sends a command and resolves with the hub's answer. A refusal is shown to the user (the notice) unless
   * `isSilent`: background requests such as thumbnail renewals must not cover the screen with errors. `timeoutMs` for
   * the few that take long on purpose (going live starts OBS, relay and recording).
   */
  send<N extends CommandName>(name: N, payload: CommandPayload<N>, options?: { isSilent?: boolean; timeoutMs?: number }): Promise<CommandResult>;
  /** Listens to a feature event (typed by the protocol's feature events map); returns the unsubscribe function. */
  on<E extends FeatureEventName>(event: E, listener: (payload: FeatureEvents[E]) => void): () => void;
  /** Runs `listener` after every (re)connect, once the hub said hello: where features catch up on missed events. */
  onReady(listener: () => void): () => void;
  /** Where the hub's HTTP API is and the header that authenticates this window there (file uploads and downloads). */
  http: { baseUrl: string; authorization: string };
  close(): void;
}

/** Connects to the hub with a token and keeps the store in sync (reconnects with backoff, resyncs on connect). */
export function connectHub(url: string, token: string, store: AppStore): HubClient {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
  const { onConnection, onSnapshot, onPatch, showNotice } = store.getState();

  socket.on('connect', () => onConnection({ type: 'connected' }));
  const readyListeners = new Set<() => void>();
  socket.on('hello', (hello) => {
    onConnection({ type: 'hello', role: hello.role, commands: hello.commands, serverTime: hello.serverTime, localTime: Date.now() });
    for (const listener of readyListeners) listener();
  });
  socket.on('state', (state) => onSnapshot(state));
  // Only what changed comes after the first snapshot; a window that missed a patch asks for the whole state.
  socket.on('state.patch', (patch) => {
    if (!onPatch(patch)) socket.emit('state.get', (state) => onSnapshot(state));
  });
  socket.on('disconnect', (reason) => {
    onConnection({ type: 'dropped' });
    // socket.io does not retry after the hub itself closed the connection (e.g. a revoked invite). Ask once: a
    // revoked token is then refused with a reason the user can act on, any other cause just reconnects.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.io.on('reconnect_attempt', (attempt) => onConnection({ type: 'retrying', attempt }));
  socket.on('connect_error', (err) => {
    if (err.message.startsWith('unauthorized')) {
      // Retrying a refused token only hammers the hub; the user needs a new invite.
      socket.disconnect();
      onConnection({ type: 'refused' });
    } else {
      onConnection({ type: 'dropped' });
    }
  });

  return {
    async send(name, payload, options = {}) {
      let result: CommandResult;
      try {
        result = await socket.timeout(options.timeoutMs ?? COMMAND_TIMEOUT_MS).emitWithAck('command', { name, payload });
      } catch {
        result = { ok: false, error: { code: 'timeout', message: 'The studio did not answer in time. Check the hub connection.' } };
      }
      if (!options.isSilent) showNotice(result.ok ? null : result.error);
      return result;
    },
    on(event, listener) {
      // Typed by HubClient.on; socket.io's own generics cannot follow a generic event name.
      const untyped = socket as unknown as { on(e: string, l: (p: never) => void): void; off(e: string, l: (p: never) => void): void };
      untyped.on(event, listener);
      return () => untyped.off(event, listener);
    },
    onReady(listener) {
      readyListeners.add(listener);
      return () => void readyListeners.delete(listener);
    },
    http: { baseUrl: url.replace(/\/+$/, ''), authorization: `Bearer ${token}` },
    close: () => socket.close(),
  };
}
