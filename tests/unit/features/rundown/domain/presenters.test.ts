import { describe, expect, it } from 'vitest';
import { presenterOf, presentersIn, upcomingHandoff } from '../../../../../electron/features/rundown/domain/presenters';
import { addCue, goToCue, initialRundown, type Cue, type RundownResult, type RundownState } from '../../../../../electron/features/rundown/domain/rundown';

const T0 = 1_796_000_000_000;
const MIN = 60_000;

function must(result: RundownResult): RundownState {
  if (!result.ok) throw new Error(result.reason);
  return result.state;
}

function segment(id: string, presenter: string | undefined, plannedMs = 10 * MIN, note?: string): Cue {
  return { id, kind: 'segment', sku: null, segment: 'custom', label: id, plannedMs, scene: null, cameraPreset: null, ...(presenter !== undefined ? { presenter } : {}), ...(note ? { note } : {}) };
}

/** A museum's slow live: two lecturers taking turns. */
function show(): RundownState {
  let state = initialRundown();
  for (const cue of [segment('bronze', '李老师'), segment('jade', '李老师', 5 * MIN), segment('scrolls', '王老师', 20 * MIN, 'start from the Song dynasty case'), segment('qa', ' ')]) {
    state = must(addCue(state, cue));
  }
  return state;
}

describe('presenters taking turns', () => {
  it('names nobody for a blank presenter, and lists the show’s presenters once each, in order', () => {
    expect(presenterOf(segment('a', '  '))).toBeNull();
    expect(presenterOf(segment('a', undefined))).toBeNull();
    expect(presenterOf(segment('a', ' 李老师 '))).toBe('李老师');
    expect(presentersIn(show().cues)).toEqual(['李老师', '王老师']);
  });

  it('shows a handoff only when the next cue has someone else, counting down the live cue’s planned time', () => {
    let state = must(goToCue(show(), 'bronze', T0));
    // Same lecturer carries on: no handoff.
    expect(upcomingHandoff(state, T0 + MIN)).toBeNull();
    state = must(goToCue(state, 'jade', T0 + 10 * MIN));
    expect(upcomingHandoff(state, T0 + 12 * MIN)).toEqual({ to: '王老师', from: '李老师', inMs: 3 * MIN, note: 'start from the Song dynasty case', cueId: 'scrolls' });
    // Over the planned time: the handoff is due now, never a negative countdown.
    expect(upcomingHandoff(state, T0 + 16 * MIN)?.inMs).toBe(0);
    // The next cue names nobody: nothing to hand off to.
    state = must(goToCue(state, 'scrolls', T0 + 16 * MIN));
    expect(upcomingHandoff(state, T0 + 17 * MIN)).toBeNull();
  });

  it('counts the earlier stints of a cue gone back to, and needs a live cue', () => {
    expect(upcomingHandoff(show(), T0)).toBeNull();
    let state = must(goToCue(show(), 'jade', T0));
    state = must(goToCue(state, 'bronze', T0 + 2 * MIN));
    state = must(goToCue(state, 'jade', T0 + 3 * MIN));
    // 2 min before, 1 min now: 2 of its 5 minutes left.
    expect(upcomingHandoff(state, T0 + 4 * MIN)?.inMs).toBe(2 * MIN);
  });

  it('hands off from nobody named to a presenter', () => {
    let state = must(addCue(initialRundown(), segment('open', undefined, MIN)));
    state = must(addCue(state, segment('talk', 'Dr. Chen', MIN)));
    state = must(goToCue(state, 'open', T0));
    expect(upcomingHandoff(state, T0)).toMatchObject({ to: 'Dr. Chen', from: null, inMs: MIN, note: null });
  });
});
