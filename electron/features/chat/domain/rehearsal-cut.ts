import type { LiveState } from '../../../core/domain/studio-state';

/**
 * The cut chat makes when a show goes live: every message the hub accepted before that instant (rehearsal chat, the
 * simulator's, anything from before the show) leaves every screen and the stream, for good. Messages are numbered in
 * arrival order (`seq`), so one number says which side of the cut a message is on.
 */
export interface RehearsalCut {
  /** When the show went live (epoch ms, the live state's `startedAt`). */
  at: number;
  /** The last message seq accepted before going live; later seqs are the show's chat. */
  throughSeq: number;
  /** How many messages were on screen and went. */
  count: number;
}

/**
 * The show start a cut is still owed for, or null when chat is in step: the show went on air (it may have ended
 * since) and the last cut was for another show or never happened (a hub that stopped between saving the live state
 * and clearing chat catches up on start).
 */
export function owedCutAt(live: LiveState, last: RehearsalCut | null): number | null {
  if (live.startedAt === null) return null;
  return last?.at === live.startedAt ? null : live.startedAt;
}

/** True when a message with this seq came before the show went live (it must not be shown again). */
export function isBeforeCut(seq: number, cut: RehearsalCut | null): boolean {
  return cut !== null && seq <= cut.throughSeq;
}
