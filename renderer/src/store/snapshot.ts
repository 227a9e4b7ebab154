import type { StudioState } from '@shared/core/domain/studio-state';

/**
 * Decides which snapshot to keep. After a (re)connect the hub's first snapshot always wins (it may even be older,
 * e.g. a restored hub); otherwise a snapshot older than the one shown is a late duplicate and is dropped.
 */
export function acceptSnapshot(current: StudioState | null, incoming: StudioState, isResync: boolean): StudioState {
  if (isResync || current === null) return incoming;
  return incoming.version >= current.version ? incoming : current;
}
