import type { BridgeStatus } from '../domain/bridges';

// The bridges feature's events: names and payloads only (no schemas), so a window can listen without loading zod.

/** Socket event with every bridge's status (anchor and producer windows). */
export const BRIDGES_EVENT = 'bridges.status';

/** Payload of the `bridges.status` event. */
export interface BridgesEvent {
  bridges: BridgeStatus[];
}

/** The bridges feature's events (part of the protocol's feature events map). */
export interface BridgesEvents {
  'bridges.status': BridgesEvent;
}
