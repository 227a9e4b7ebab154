import type { StudioState } from './studio-state';

/**
 * What changed in the studio state between two versions: only the top-level parts whose object changed (the state is
 * updated immutably, so an unchanged part keeps its object). Windows apply patches in order; a patch that does not
 * start from the version a window holds means it missed one, and it asks for the whole state instead.
 */
export interface StatePatch {
  /** The version this patch applies to. */
  from: number;
  /** The version after it. */
  version: number;
  /** The parts that changed, whole. */
  changes: Partial<StudioState>;
}

/** The patch from `prev` to `next`. */
export function diffState(prev: StudioState, next: StudioState): StatePatch {
  const changes: Partial<Record<keyof StudioState, unknown>> = {};
  for (const key of Object.keys(next) as Array<keyof StudioState>) {
    if (key !== 'version' && next[key] !== prev[key]) changes[key] = next[key];
  }
  return { from: prev.version, version: next.version, changes: changes as Partial<StudioState> };
}

/** Applies a patch; null when it does not start from this state's version (a patch was missed: resync). */
export function applyStatePatch(state: StudioState, patch: StatePatch): StudioState | null {
  if (patch.from !== state.version) return null;
  return { ...state, ...patch.changes, version: patch.version };
}
