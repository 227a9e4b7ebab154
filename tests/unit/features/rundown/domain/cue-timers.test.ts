import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCue,
  closeShowRun,
  cueElapsedMs,
  goToCue,
  initialRundown,
  moveCue,
  removeCue,
  startShowRun,
  stepCue,
  type Cue,
  type RundownResult,
  type RundownState,
} from '../../../../../electron/features/rundown/domain/rundown';
import { CueTimerModel, type TimerOutcome } from '../../../../models/cue-timer-model';

/**
 * Model-based test of the cue timers (time on air per cue): any sequence of adds, removes, moves, Go, next/previous
 * (also from a stale screen), clock steps (a few backwards, as a wall clock can), going live and ending, applied to
 * the rundown reducer and to a log-of-stints model. Prices and phases are show-rules.test.ts's; this is arithmetic.
 */

const IDS = ['c1', 'c2', 'c3', 'c4'] as const;
const T0 = 1_763_719_200_000;

/** The model, the clock, and the reducer's state (the system under test is pure, so it lives here too). */
interface World {
  model: CueTimerModel;
  clock: number;
}
interface Real {
  state: RundownState;
}

function cue(id: string): Cue {
  return { id, kind: 'segment', sku: null, segment: 'custom', label: id, plannedMs: 60_000, scene: null, cameraPreset: null };
}

/** Applies a reducer result to the real state and says what it did, in the model's words. */
function outcomeOf(r: Real, result: RundownResult): TimerOutcome {
  if (!result.ok) return result.refusal.key as TimerOutcome;
  r.state = result.state;
  return 'done';
}

/** Base for commands: after each, same outcome, same live cue and order, same time on air now and a little later. */
abstract class Step implements fc.Command<World, Real> {
  check(_w: Readonly<World>): boolean {
    return true;
  }
  run(w: World, r: Real): void {
    const [expected, actual] = this.apply(w, r);
    const what = this.toString();
    expect(actual, `outcome of ${what}`).toBe(expected);
    expect(r.state.currentCueId, `live cue after ${what}`).toBe(w.model.live);
    expect(r.state.cues.map((c) => c.id), `cue order after ${what}`).toEqual(w.model.cues);
    // Read as the windows do (every second while on air): now and later, without anything happening in between.
    for (const at of [w.clock, w.clock + 7_000]) {
      const real = Object.fromEntries(IDS.map((id) => [id, cueElapsedMs(r.state, id, at)]));
      const model = Object.fromEntries(IDS.map((id) => [id, w.model.timeOnAir(id, at)]));
      expect(real, `time on air at clock+${at - w.clock} after ${what}`).toEqual(model);
    }
  }
  /** Runs the step on both; returns [model outcome, real outcome]. */
  abstract apply(w: World, r: Real): [TimerOutcome, TimerOutcome];
  abstract toString(): string;
}

class Add extends Step {
  constructor(
    private readonly id: string,
    private readonly index: number,
  ) {
    super();
  }
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    return [w.model.add(this.id, this.index), outcomeOf(r, addCue(r.state, cue(this.id), this.index))];
  }
  toString(): string {
    return `add(${this.id}@${this.index})`;
  }
}

class Remove extends Step {
  constructor(private readonly id: string) {
    super();
  }
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    return [w.model.remove(this.id), outcomeOf(r, removeCue(r.state, this.id))];
  }
  toString(): string {
    return `remove(${this.id})`;
  }
}

class Move extends Step {
  constructor(
    private readonly id: string,
    private readonly index: number,
  ) {
    super();
  }
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    return [w.model.move(this.id, this.index), outcomeOf(r, moveCue(r.state, this.id, this.index))];
  }
  toString(): string {
    return `move(${this.id}->${this.index})`;
  }
}

class Go extends Step {
  constructor(private readonly id: string) {
    super();
  }
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    return [w.model.go(this.id, w.clock), outcomeOf(r, goToCue(r.state, this.id, w.clock))];
  }
  toString(): string {
    return `go(${this.id})`;
  }
}

/** Next or previous; `seen` is what the presser's screen showed live: the live cue, an older one, or not sent. */
class StepTo extends Step {
  private said = '';
  constructor(
    private readonly direction: 1 | -1,
    private readonly seen: 'live' | 'not sent' | string | null,
  ) {
    super();
  }
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    const from = this.seen === 'live' ? w.model.live : this.seen === 'not sent' ? undefined : this.seen;
    this.said = from === undefined ? '' : `, from ${from}`;
    return [w.model.step(this.direction, w.clock, from), outcomeOf(r, stepCue(r.state, this.direction, w.clock, from))];
  }
  toString(): string {
    return `${this.direction === 1 ? 'next' : 'previous'}(${this.said})`;
  }
}

class Advance extends Step {
  constructor(private readonly ms: number) {
    super();
  }
  apply(w: World): [TimerOutcome, TimerOutcome] {
    w.clock += this.ms;
    return ['done', 'done'];
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

class GoLive extends Step {
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    w.model.showGoesLive(w.clock);
    r.state = startShowRun(r.state, w.clock);
    return ['done', 'done'];
  }
  toString(): string {
    return 'showGoesLive';
  }
}

class End extends Step {
  apply(w: World, r: Real): [TimerOutcome, TimerOutcome] {
    w.model.showEnds(w.clock);
    r.state = closeShowRun(r.state, w.clock);
    return ['done', 'done'];
  }
  toString(): string {
    return 'showEnds';
  }
}

const id = fc.constantFrom(...IDS);
const index = fc.integer({ min: -1, max: 5 });
const commands: fc.Arbitrary<fc.Command<World, Real>>[] = [
  fc.tuple(id, index).map(([c, i]) => new Add(c, i)),
  fc.tuple(id, index).map(([c, i]) => new Add(c, i)),
  id.map((c) => new Remove(c)),
  fc.tuple(id, index).map(([c, i]) => new Move(c, i)),
  id.map((c) => new Go(c)),
  id.map((c) => new Go(c)),
  fc.tuple(fc.constantFrom<1 | -1>(1, 1, -1), fc.constantFrom<'live' | 'not sent' | string | null>('live', 'live', 'not sent', null, ...IDS)).map(
    ([d, seen]) => new StepTo(d, seen),
  ),
  // Mostly forward; sometimes the wall clock steps back (NTP) and a stint must not count below zero.
  fc.constantFrom(0, 1, 999, 30_000, 61_000, -1_500).map((ms) => new Advance(ms)),
  fc.constantFrom(0, 1, 999, 30_000, 61_000).map((ms) => new Advance(ms)),
  fc.constant(new GoLive()),
  fc.constant(new End()),
];

describe('cue timers against an independent model', () => {
  it("a cue's time on air is the sum of its stints since the show went live, through any Go, step, edit, end and clock step", () => {
    fc.assert(
      // size 'max': with fast-check's default size the lists stay at 10 commands or fewer, and a revisited cue, a
      // removed-and-re-added cue or rehearsal time before going live were never reached (those mutations survived).
      fc.property(fc.commands(commands, { maxCommands: 60, size: 'max' }), (cmds) => {
        fc.modelRun(() => ({ model: { model: new CueTimerModel(), clock: T0 }, real: { state: initialRundown() } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
