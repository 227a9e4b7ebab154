// Long shows with presenters taking turns (a museum's lecturers, a factory's engineers): who is on, and the handoffs.
import { cueElapsedMs, currentCueOf, nextCueOf, type Cue, type RundownState } from './rundown';

/** The handoff ahead: the next cue has another presenter than the live one. */
export interface Handoff {
  /** Who takes over. */
  to: string;
  /** Who is on now; null when the live cue names nobody. */
  from: string | null;
  /** Planned time left on the live cue, ms (0 once it ran over): the countdown to the handoff. */
  inMs: number;
  /** The next cue's note: what the producer wants the next presenter to know as they come on. */
  note: string | null;
  /** The cue the next presenter opens with. */
  cueId: string;
}

/** A handoff this close is shown as imminent (the next presenter should be in place). */
export const HANDOFF_SOON_MS = 60_000;

/** A cue's presenter, blank as none. */
export function presenterOf(cue: Pick<Cue, 'presenter'> | null | undefined): string | null {
  const name = cue?.presenter?.trim();
  return name ? name : null;
}

/**
 * The handoff coming up at `now`, or null: no cue live, no next cue, the next cue names nobody, or the same presenter
 * carries on.
 */
export function upcomingHandoff(state: RundownState, now: number): Handoff | null {
  const current = currentCueOf(state);
  const next = nextCueOf(state);
  if (!current || !next) return null;
  const to = presenterOf(next);
  const from = presenterOf(current);
  if (!to || to === from) return null;
  return { to, from, inMs: Math.max(0, current.plannedMs - cueElapsedMs(state, current.id, now)), note: next.note?.trim() || null, cueId: next.id };
}

/** Every presenter named in the run of show, in order of first appearance (the editor offers them). */
export function presentersIn(cues: readonly Cue[]): string[] {
  return [...new Set(cues.map(presenterOf).filter((p): p is string => p !== null))];
}
