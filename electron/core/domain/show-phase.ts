/**
 * Where a show is in its life. Every feature reads the phase from here, so "rehearsal", "on air" and "over" mean the
 * same thing to the chat list, the sales figures, the report and the run of show.
 *
 * - `rehearsal`: nothing made now is part of the show. What rehearsal makes (chat, questions, a pinned comment, stock
 *   alerts, simulated orders) is cleared from screen, stream and figures the moment the show goes live.
 * - `live`: on air; everything counts.
 * - `ended`: the show is over. The run of show closes (no cue is on air, no timer runs, no flash sale); the figures
 *   and the report cover the on-air window, `[startedAt, endedAt]`, until a new show begins.
 */
export type ShowPhase = 'rehearsal' | 'live' | 'ended';

/** Whether the show is on air, and its on-air window (its phases below). */
export interface LiveState {
  isLive: boolean;
  /** Epoch ms when the current or last show went live; null while rehearsing a show that has not been on air. */
  startedAt: number | null;
  /** Epoch ms when the last show ended; null while live or rehearsing. */
  endedAt: number | null;
}

/** The phase a live state means. */
export function showPhaseOf(live: LiveState): ShowPhase {
  if (live.isLive) return 'live';
  return live.endedAt !== null ? 'ended' : 'rehearsal';
}

/** A step from one phase to another, as features react to it. */
export type ShowPhaseChange =
  /** The show went on air at `at`: rehearsal leftovers must go. */
  | { to: 'live'; at: number }
  /** The show ended at `at` after being on air since `startedAt`: close what runs. */
  | { to: 'ended'; at: number; startedAt: number }
  /** A new show began (off air, after the last one ended): back to rehearsing. */
  | { to: 'rehearsal' };

/** The phase change between two live states, or null when the phase did not change. */
export function showPhaseChange(prev: LiveState, next: LiveState): ShowPhaseChange | null {
  const from = showPhaseOf(prev);
  const to = showPhaseOf(next);
  // Going live again is a new on-air window even if no one saw the phase in between (a restart, a missed patch).
  const isNewWindow = to === 'live' && next.startedAt !== prev.startedAt;
  if (from === to && !isNewWindow) return null;
  if (to === 'live') return { to, at: next.startedAt ?? 0 };
  if (to === 'ended') return { to, at: next.endedAt ?? 0, startedAt: next.startedAt ?? next.endedAt ?? 0 };
  return { to };
}

/** The live state of a show that goes on air at `at`. */
export function wentLive(at: number): LiveState {
  return { isLive: true, startedAt: at, endedAt: null };
}

/** The live state of a show that ended at `at` (its on-air start kept for the report). */
export function ended(live: LiveState, at: number): LiveState {
  return { isLive: false, startedAt: live.startedAt ?? at, endedAt: at };
}

/** The live state of a studio rehearsing (never on air, or a new show begun after the last one). */
export const REHEARSING: LiveState = Object.freeze({ isLive: false, startedAt: null, endedAt: null });

/** The on-air window of the current or last show: from going live to ending (null end while on air); null if none. */
export function onAirWindow(live: LiveState): { from: number; to: number | null } | null {
  if (live.startedAt === null) return null;
  return { from: live.startedAt, to: live.isLive ? null : live.endedAt };
}

/** True when `at` falls inside the on-air window (while live: from going live until now). */
export function isInOnAirWindow(at: number, live: LiveState): boolean {
  const window = onAirWindow(live);
  return window !== null && at >= window.from && (window.to === null || at <= window.to);
}
