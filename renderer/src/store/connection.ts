import type { Role } from '@shared/core/domain/roles';
import type { CommandName } from '@shared/core/protocol/commands';

/** How this window is connected to the hub. */
export type HubStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized' | 'no-bootstrap';

/** Connection facts the status bar shows. */
export interface ConnectionState {
  status: HubStatus;
  /** Reconnect attempts since the link dropped. */
  attempt: number;
  role: Role | null;
  /** The commands this window's role may send, as the hub said; empty until it did. */
  commands: ReadonlySet<CommandName>;
  /** hub clock minus local clock, ms; lets live timers agree across devices. */
  clockOffsetMs: number;
  /**
   * True once this page was connected: a token refused after that is not a bad invite but one no longer accepted
   * (revoked, a hub restarted with new tokens, or another program answering on its port).
   */
  wasConnected: boolean;
}

/** What the hub client observed. */
export type ConnectionEvent =
  | { type: 'connected' }
  | { type: 'hello'; role: Role; commands: readonly CommandName[]; serverTime: number; localTime: number }
  | { type: 'dropped' }
  | { type: 'retrying'; attempt: number }
  | { type: 'refused' }
  | { type: 'no-bootstrap' };

/** The state before anything happened. */
export const initialConnection: ConnectionState = { status: 'connecting', attempt: 0, role: null, commands: new Set(), clockOffsetMs: 0, wasConnected: false };

/** True once nothing more will come over this connection until the page gets a new invite (none, or refused). */
export function isFinalStatus(status: HubStatus): boolean {
  return status === 'unauthorized' || status === 'no-bootstrap';
}

/** Pure update of the connection state; a refused token is final until the page gets a new one. */
export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  if (isFinalStatus(state.status)) return state;
  switch (event.type) {
    case 'connected':
      return { ...state, status: 'connected', attempt: 0, wasConnected: true };
    case 'hello':
      return { ...state, role: event.role, commands: new Set(event.commands), clockOffsetMs: event.serverTime - event.localTime };
    case 'dropped':
      return { ...state, status: 'reconnecting' };
    case 'retrying':
      return { ...state, status: state.status === 'connected' ? 'connected' : 'reconnecting', attempt: event.attempt };
    case 'refused':
      return { ...state, status: 'unauthorized' };
    case 'no-bootstrap':
      return { ...state, status: 'no-bootstrap' };
  }
}
