/**
 * The run of show's cue timers, restated as a floor manager would keep them: a log of stints ("cue X was on air from
 * A to B"), and a cue's time on air is the sum of its stints. Shares no code with rundown.ts, so the reducer's banking
 * arithmetic (spentMs + the running stint) is checked against a plain sum rather than against itself.
 */

/** What the model says a request did: done, or refused for a reason named like the rundown's refusal keys. */
export type TimerOutcome = 'done' | 'cueIdTaken' | 'cueMissing' | 'cueAlreadyLive' | 'cueMovedOn' | 'rundownEmpty' | 'lastCue' | 'firstCue';

/** One stretch of a cue on air; `to` is null while it is still on. */
interface Stint {
  cueId: string;
  from: number;
  to: number | null;
}

/** The reference: the cue list in order, the live cue, and every stint since the show went live. */
export class CueTimerModel {
  cues: string[] = [];
  live: string | null = null;
  private stints: Stint[] = [];

  /** Adds a cue at a position (clamped into the list), refused when the id is taken. */
  add(id: string, index: number): TimerOutcome {
    if (this.cues.includes(id)) return 'cueIdTaken';
    this.cues.splice(Math.min(Math.max(index, 0), this.cues.length), 0, id);
    return 'done';
  }

  /** Removes a cue: it goes off air if live, and its time is forgotten (a cue added again with its id starts at 0). */
  remove(id: string): TimerOutcome {
    if (!this.cues.includes(id)) return 'cueMissing';
    this.cues = this.cues.filter((c) => c !== id);
    this.stints = this.stints.filter((s) => s.cueId !== id);
    if (this.live === id) this.live = null;
    return 'done';
  }

  /** Moves a cue to a position in the list: order changes, timers do not. */
  move(id: string, index: number): TimerOutcome {
    if (!this.cues.includes(id)) return 'cueMissing';
    this.cues = this.cues.filter((c) => c !== id);
    this.cues.splice(Math.min(Math.max(index, 0), this.cues.length), 0, id);
    return 'done';
  }

  /** "Go" on a cue at `now`: the live cue's stint ends, this cue's begins. */
  go(id: string, now: number): TimerOutcome {
    if (!this.cues.includes(id)) return 'cueMissing';
    if (this.live === id) return 'cueAlreadyLive';
    this.endStint(now);
    this.stints.push({ cueId: id, from: now, to: null });
    this.live = id;
    return 'done';
  }

  /** Next (+1) or previous (-1) from the live cue; "next" with nothing live is the first cue. */
  step(direction: 1 | -1, now: number, seenLive?: string | null): TimerOutcome {
    // Two people pressing "next" on the same screen move the show one cue, not two.
    if (seenLive !== undefined && seenLive !== this.live) return 'cueMovedOn';
    if (this.cues.length === 0) return 'rundownEmpty';
    const here = this.live === null ? null : this.cues.indexOf(this.live);
    const target = here === null ? (direction === 1 ? this.cues[0] : undefined) : this.cues[here + direction];
    if (target === undefined) return direction === 1 ? 'lastCue' : 'firstCue';
    return this.go(target, now);
  }

  /** The show goes live: rehearsal time is not the show's, so every timer restarts; a live cue counts from now. */
  showGoesLive(now: number): void {
    this.stints = this.live === null ? [] : [{ cueId: this.live, from: now, to: null }];
  }

  /** The show ends: nothing is on air any more, the time each cue had stays. */
  showEnds(now: number): void {
    this.endStint(now);
    this.live = null;
  }

  /** Time on air of a cue at `now`: the sum of its stints, a stint never counting less than nothing. */
  timeOnAir(id: string, now: number): number {
    return this.stints.filter((s) => s.cueId === id).reduce((sum, s) => sum + Math.max(0, (s.to ?? now) - s.from), 0);
  }

  private endStint(now: number): void {
    const open = this.stints.find((s) => s.to === null);
    if (open) open.to = now;
  }
}
