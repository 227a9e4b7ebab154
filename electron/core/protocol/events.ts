import type { Role } from '../domain/roles';
import type { StudioState } from '../domain/studio-state';
import type { CommandName } from './commands';
import type { EngineOutputRequestName } from '../../features/output/protocol/output-commands';
import type { CommandResult } from './results';

/** Version of this protocol; a client refuses a hub that speaks another major. */
export const PROTOCOL_VERSION = 1;

/** First event on every connection: who the hub thinks you are. */
export interface HelloEvent {
  protocol: number;
  role: Role;
  clientId: string;
  /** Hub clock, epoch ms, so clients can show live timers without drift. */
  serverTime: number;
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

/** Events the hub emits to clients. */
export interface ServerToClientEvents {
  hello: (hello: HelloEvent) => void;
  /** Full snapshot; sent on connect (resync) and after every change. */
  state: (state: StudioState) => void;
  /** Only to engine clients: execute this against OBS and answer. */
  'engine.execute': (request: EngineRequest, ack: (result: CommandResult) => void) => void;
}

/** Events clients emit to the hub. */
export interface ClientToServerEvents {
  command: (envelope: CommandEnvelope, ack: (result: CommandResult) => void) => void;
}

/** Socket.io auth payload a client presents on connect. */
export interface ClientAuth {
  token: string;
}
