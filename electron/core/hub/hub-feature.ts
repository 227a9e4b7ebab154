import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandName, CommandResult, FeatureEventName, FeatureEvents } from '../protocol';
import type { ServiceKey } from '../protocol/service-key';
import type { ShowPhaseChange } from '../domain/show-phase';
import type { CommandHandler, EngineLink } from './command-bus';
import type { LanSharing } from './lan-sharing';
import type { BroadcastOptions } from './socket-gateway';
import type { Logger } from './logger';
import type { SecretBox } from './auth/secret-box';
import type { ShowHistory } from './show-history';
import type { StateStore } from './state-store';
import type { Db, Migration } from './storage';
import type { Principal, TokenRegistry } from './auth/tokens';

/** What every feature module gets from the hub. */
export interface HubContext {
  /** The core database (state, audit); features may open their own files in `dataDir`. */
  db: Db;
  dataDir: string;
  store: StateStore;
  tokens: TokenRegistry;
  log: Logger;
  /**
   * Emits an event to every connected client (or to the rooms of one or more roles). `volatile` drops it for a client whose
   * connection is busy instead of queueing (chat under a flood: lossy by design, see the reliability notes); `network`
   * limits it to windows on this computer or to those on the LAN (a co-host's monitor gets fewer frames).
   */
  broadcast<E extends FeatureEventName>(
    event: E,
    payload: FeatureEvents[E],
    role?: Principal['role'] | readonly Principal['role'][],
    options?: BroadcastOptions,
  ): void;
  /** Page origins other than the hub's own that may call it (Electron's `app://anchor`): socket.io and CORS-aware routes. */
  allowedOrigins: readonly string[];
  /** The hub's own base URL (e.g. `http://127.0.0.1:5173`), for features that call the hub's HTTP API themselves. */
  localUrl(): string;
  /** Drops every connection of a principal at once (revoked invites). */
  disconnectPrincipal(principalId: string): void;
  /** The optional LAN listener (off until the anchor turns sharing on). */
  lan: LanSharing;
  /**
   * Runs another command on behalf of a principal, exactly as if they had sent it (validated, role- and policy-checked,
   * audited): how one feature's action drives another's (going to a cue switches the scene and marks the sales timeline).
   */
  execute(principal: Principal, name: CommandName, payload: unknown): Promise<CommandResult>;
  /** Sends an internal request straight to the engine (no role check, not audited); null when no engine is connected. */
  engine: EngineLink;
  /**
   * Hears the engine connect and go away. A connecting engine may be a new process after a crash, or the same one
   * after a hub restart: features tell it what the show needs (the outputs feature reconciles what is on air).
   */
  onEngineConnection(listener: (isConnected: boolean) => void): () => void;
  /**
   * Hears the show go live, end, or begin anew (the rules in core/domain/show-phase.ts): how features clear what
   * rehearsal left (chat, pins, simulated orders) and close what runs (the live cue) in step with the show.
   */
  onShowPhase(listener: (change: ShowPhaseChange) => void): () => void;
  /** Hears what `broadcast` sends, inside the hub (a feature reacting to another's events, e.g. stock from tallies). */
  onBroadcast<E extends FeatureEventName>(event: E, listener: (payload: FeatureEvents[E]) => void): () => void;
  /** Encrypts secrets at rest (OS keychain in the desktop app, a 0600 key file headless). */
  secrets: SecretBox;
  /**
   * The show's history besides sales (program-scene changes, chat per minute) for the post-show report: core records
   * scenes from engine reports, chat counts what it accepts, the ledger's report reads both. Persisted in the core db.
   */
  history: ShowHistory;
  /** The secret that signs the chat bridges' batches; loaded once, kept out of the logs. */
  ingestSecret: string;
  /** The secret that signs posted orders (never the chat one); loaded once, kept out of the logs. */
  ordersSecret: string;
  /** Offers a service to the other features under a key their protocol declares (call while being built). */
  provide<T>(key: ServiceKey<T>, service: T): void;
  /** A service another feature offers; throws, naming the key, when no feature offers it (call once started). */
  use<T>(key: ServiceKey<T>): T;
}

/** Handles an HTTP request; resolves true when it answered it. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** A feature of the hub (ledger, chat, run of show...): its schema, command handlers, HTTP routes, lifecycle. */
export interface HubFeature {
  name: string;
  migrations?: Migration[];
  /** Runs once the feature's migrations are applied (load caches, resume timers). */
  start?(): void | Promise<void>;
  commands?: { [N in CommandName]?: CommandHandler<N> };
  /** Tried in order for paths the core API does not own. */
  route?: RouteHandler;
  /**
   * Paths whose every request carries its own credential (a signed webhook, a link with a secret): answered whatever
   * name the request addresses the hub by (a shop or a tunnel posts under its own). Every other path needs the hub's.
   */
  anyHostPaths?: RegExp[];
  /** Sends a newly connected client what it needs beyond the state snapshot (e.g. catch-up events). */
  onConnect?(send: SendEvent, principal: Principal, auth: Record<string, unknown>): void;
  close?(): void | Promise<void>;
}

/** Sends one feature event to one client (a connecting window's catch-up). */
export type SendEvent = <E extends FeatureEventName>(event: E, payload: FeatureEvents[E]) => void;

/** Builds a feature once the hub context exists. */
export type HubFeatureFactory = (ctx: HubContext) => HubFeature;
