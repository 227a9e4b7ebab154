import type { Role } from '../domain/roles';
import type { StatePatch } from '../domain/state-patch';
import type { StudioState } from '../domain/studio-state';
import type { CommandName } from './commands';
import type { EngineOutputRequestName } from '../../features/output/protocol/output-commands';
import type { CommandResult } from './results';
import type { AgencyEvents } from '../../features/agency/protocol/agency-events';
import type { BridgesEvents } from '../../features/bridges/protocol/bridge-events';
import type { CatalogEvents } from '../../features/catalog/protocol/catalog-events';
import type { ChatEvents } from '../../features/chat/protocol/chat-events';
import type { MonitorEvents } from '../../features/monitor/protocol/monitor-events';
import type { HealthEvents } from '../../features/health/protocol/health-events';
import type { SalesEvents } from '../../features/sales/protocol/sales-events';
import type { ScenesEvents } from '../../features/scenes/protocol/thumbnail-events';

/** Version of this protocol; a client refuses a hub that speaks another major. 2: live tallies come as `tally.patch`. */
export const PROTOCOL_VERSION = 2;

/** First event on every connection: who the hub thinks you are. */
export interface HelloEvent {
  protocol: number;
  role: Role;
  clientId: string;
  /** Hub clock, epoch ms, so clients can show live timers without drift. */
  serverTime: number;
  /**
   * The commands this role may send (the registry's roles, before the anchor's permissions): windows gray out the
   * rest without loading the registry and its schemas.
   */
  commands: CommandName[];
}

/** A command as it travels from a client to the hub over socket.io. */
export interface CommandEnvelope {
  name: string;
  payload: unknown;
  /** The show revision the sender saw; when set and outdated, the hub refuses with `conflict`. */
  expectedRevision?: number;
}

/** A command the hub hands to the engine to execute against OBS (a client's, or one of the hub's own output requests). */
export interface EngineRequest {
  name: CommandName | EngineOutputRequestName;
  payload: unknown;
}

/**
 * Every feature event and what it carries, gathered from the features' protocol files: `broadcast` in the hub and
 * `on` in the UI are typed by it, so an event sent with the wrong payload, or listened to under a wrong name, does not
 * compile.
 */
export interface FeatureEvents extends AgencyEvents, BridgesEvents, CatalogEvents, ChatEvents, HealthEvents, MonitorEvents, SalesEvents, ScenesEvents {}

/** Name of a feature event. */
export type FeatureEventName = keyof FeatureEvents;

/** Socket.io listeners of the feature events. */
type FeatureEventListeners = { [E in FeatureEventName]: (payload: FeatureEvents[E]) => void };

/** Events the hub emits to clients. */
export interface ServerToClientEvents extends FeatureEventListeners {
  hello: (hello: HelloEvent) => void;
  /** Full snapshot: on connect, and in answer to `state.get` (a window that missed a patch). */
  state: (state: StudioState) => void;
  /** After every change: only the parts of the state that changed. */
  'state.patch': (patch: StatePatch) => void;
  /** Only to engine clients: execute this against OBS and answer. */
  'engine.execute': (request: EngineRequest, ack: (result: CommandResult) => void) => void;
}

/** Events clients emit to the hub. */
export interface ClientToServerEvents {
  command: (envelope: CommandEnvelope, ack: (result: CommandResult) => void) => void;
  /** Asks for the whole state (a patch was missed). */
  'state.get': (ack: (state: StudioState) => void) => void;
}

/** Socket.io auth payload a client presents on connect. */
export interface ClientAuth {
  token: string;
}
