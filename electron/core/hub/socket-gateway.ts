import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  PROTOCOL_VERSION,
  commandsOf,
  failure,
  type ClientToServerEvents,
  type CommandResult,
  type EngineRequest,
  type FeatureEventName,
  type FeatureEvents,
  type ServerToClientEvents,
} from '../protocol';
import type { CommandBus, EngineLink } from './command-bus';
import type { Logger } from './logger';
import { CommandAllowance, isRateLimited, rateLimitMessage, type RateLimits } from './rate-limit';
import type { StateStore } from './state-store';
import { diffState } from '../domain/state-patch';
import type { PresenceEntry } from '../../features/cohost/domain/cohost';
import type { Role } from '../domain/roles';
import { patchForRole, stateForRole, STATE_VIEW_GROUPS } from '../domain/role-view';
import { isStudioComputerOnly, STUDIO_COMPUTER_ONLY, type Principal, type TokenRegistry } from './auth/tokens';

interface SocketData {
  principal: Principal;
  clientId: string;
}

/** A connected client socket, with its principal. */
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How long the hub waits for the engine to answer a forwarded command. */
export const ENGINE_TIMEOUT_MS = 10_000;

/** Rooms of the windows on this computer and of those that came in through LAN sharing. */
const LOCAL_ROOM = 'net:local';
const LAN_ROOM = 'net:lan';

/** How an event goes out: `volatile` drops it for a busy window; `network` sends it only to local or only to LAN windows. */
export interface BroadcastOptions {
  volatile?: boolean;
  network?: 'local' | 'lan';
  /**
   * False for a variant of an event sent to some roles only (one without private fields): the hub's own listeners
   * (`onBroadcast`) already heard the full event and must not hear it twice.
   */
  isHeardInHub?: boolean;
  /** False for an event only the hub's own listeners hear (the windows get it in another form). */
  isSentToClients?: boolean;
}

/** Attaches socket.io to the HTTP server: token auth, commands with acks, state broadcast, engine forwarding. */
export function attachSocketGateway(
  httpServer: HttpServer,
  deps: {
    tokens: TokenRegistry;
    store: StateStore;
    log: Logger;
    allowedOrigins: string[];
    /** True for a connection LAN sharing accepted (its windows get the LAN's share of heavy events). */
    isLanConnection?: (connection: NetSocket) => boolean;
    /** Why a handshake's Host is refused (DNS rebinding), or null. */
    hostRefusal?: (req: IncomingMessage) => string | null;
    /** Commands each co-host connection may send (core/hub/rate-limit.ts), and the clock that refills them. */
    commandRate: RateLimits;
    now: () => number;
  },
) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    maxHttpBufferSize: 256 * 1024,
    serveClient: false,
    cors: { origin: deps.allowedOrigins, credentials: false },
    allowRequest: (req, answer) => {
      const refusal = deps.hostRefusal?.(req) ?? null;
      answer(refusal, refusal === null);
    },
  });

  io.use((socket, next) => {
    const principal = deps.tokens.resolve((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    if (!principal) {
      const err = new Error('unauthorized: the token is missing, unknown, expired or revoked. Ask the anchor for a new invite.') as Error & {
        data?: unknown;
      };
      err.data = { code: 'unauthorized' };
      next(err);
      return;
    }
    if (isStudioComputerOnly(principal.role) && deps.isLanConnection?.(socket.request.socket)) {
      const err = new Error(`forbidden: ${STUDIO_COMPUTER_ONLY}`) as Error & { data?: unknown };
      err.data = { code: 'forbidden' };
      next(err);
      return;
    }
    socket.data.principal = principal;
    socket.data.clientId = randomUUID();
    next();
  });

  const engineLink: EngineLink = {
    request(request: EngineRequest, options: { timeoutMs?: number } = {}): Promise<CommandResult> | null {
      const engine = [...io.of('/').sockets.values()].find((s) => s.data.principal?.role === 'engine');
      if (!engine) return null;
      const timeoutMs = options.timeoutMs ?? ENGINE_TIMEOUT_MS;
      return engine
        .timeout(timeoutMs)
        .emitWithAck('engine.execute', request)
        .catch(() => failure('timeout', `OBS did not answer ${request.name} within ${timeoutMs / 1000} s. Check the OBS status.`));
    },
  };

  // Every change goes out as a patch of the parts that changed (an engine report every second, not the whole state).
  let lastSent = deps.store.current;
  const unsubscribe = deps.store.subscribe((state) => {
    const patch = diffState(lastSent, state);
    lastSent = state;
    // A window whose invite expired gets no more of the show (one that sends a command is refused there too).
    for (const socket of io.of('/').sockets.values()) if (socket.data.principal && deps.tokens.isExpired(socket.data.principal)) socket.disconnect(true);
    // Each role reads its own view of the show (core/domain/role-view.ts): one patch per group of roles, none for a
    // group with nobody connected (socket.io would encode it all the same).
    const rooms = io.of('/').adapter.rooms;
    for (const roles of STATE_VIEW_GROUPS) {
      const targets = roles.map((r) => `role:${r}`);
      if (targets.some((room) => (rooms.get(room)?.size ?? 0) > 0)) io.to(targets).emit('state.patch', patchForRole(roles[0]!, patch));
    }
  });
  const engineListeners = new Set<(isConnected: boolean) => void>();

  // Who is connected, for the presence list; the engine is plumbing, not a person.
  const presence = new Map<string, PresenceEntry>();
  const publishPresence = () =>
    deps.store.apply({ name: 'presence.set', payload: { presence: [...presence.values()].filter((p) => p.role !== 'engine') } });

  return {
    io,
    engineLink,
    /** Emits an event to everyone, or to one role's room. */
    broadcast<E extends FeatureEventName>(event: E, payload: FeatureEvents[E], role?: Role | readonly Role[], options: BroadcastOptions = {}) {
      // Several roles go in one emit: socket.io encodes the packet once per emit, not once per room.
      const rooms = role === undefined ? null : (typeof role === 'string' ? [role] : role).map((r) => `role:${r}`);
      const byRole = rooms ? io.to(rooms) : io;
      const room = options.network ? byRole.except(options.network === 'local' ? LAN_ROOM : LOCAL_ROOM) : byRole;
      const target = options.volatile ? room.volatile : room;
      // The signature above is the typed contract; socket.io's own generics cannot follow a generic event name.
      (target as unknown as { emit(e: string, p: unknown): boolean }).emit(event, payload);
    },
    /** Hears the engine connect (a new engine process, or the engine back after a hub restart) and go away. */
    onEngineConnection(listener: (isConnected: boolean) => void): () => void {
      engineListeners.add(listener);
      return () => engineListeners.delete(listener);
    },
    /** Wires the command bus once it exists (it needs the engine link first); `onConnect` adds feature catch-up. */
    handleCommandsWith(bus: CommandBus, onConnect: (socket: HubSocket) => void = () => {}) {
      io.on('connection', (socket: HubSocket) => {
        const { principal, clientId } = socket.data;
        deps.log.info('client connected', { clientId, role: principal.role, principal: principal.id });
        void socket.join(`role:${principal.role}`);
        void socket.join(deps.isLanConnection?.(socket.request.socket) ? LAN_ROOM : LOCAL_ROOM);
        presence.set(clientId, { clientId, principalId: principal.id, name: principal.name, role: principal.role, since: Date.now() });
        publishPresence();
        socket.emit('hello', { protocol: PROTOCOL_VERSION, role: principal.role, clientId, serverTime: Date.now(), commands: commandsOf(principal.role) });
        socket.emit('state', stateForRole(principal.role, deps.store.current));
        onConnect(socket);
        if (principal.role === 'engine') for (const listener of [...engineListeners]) listener(true);
        socket.on('state.get', (ack) => {
          if (typeof ack === 'function') ack(stateForRole(principal.role, deps.store.current));
        });
        // Per connection: each window of a co-host has its own allowance; refusals skip the bus (no audit row).
        const allowance = isRateLimited(principal.role)
          ? new CommandAllowance(deps.commandRate, deps.now, (refused) => deps.log.warn('commands rate-limited', { clientId, principal: principal.id, refused }))
          : null;
        const run = async (envelope: unknown): Promise<CommandResult> => {
          if (allowance && !allowance.admit()) return failure('rate_limited', rateLimitMessage(deps.commandRate));
          const e = envelope as { name?: unknown; payload?: unknown; expectedRevision?: unknown } | null;
          if (!e || typeof e !== 'object') return failure('invalid', 'A command must be an object { name, payload }.');
          return bus.execute(principal, e.name, e.payload, { expectedRevision: e.expectedRevision });
        };
        socket.on('command', async (envelope, ack) => {
          const result = await run(envelope);
          if (typeof ack === 'function') ack(result);
        });
        socket.on('disconnect', (reason) => {
          deps.log.info('client disconnected', { clientId, reason });
          presence.delete(clientId);
          publishPresence();
          if (principal.role === 'engine') for (const listener of [...engineListeners]) listener(false);
        });
      });
    },
    /** Drops every connection of a principal (used when its token is revoked). */
    disconnectPrincipal(principalId: string) {
      for (const s of io.of('/').sockets.values()) if (s.data.principal?.id === principalId) s.disconnect(true);
    },
    close: () => {
      unsubscribe();
      return new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
