import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ended, isInOnAirWindow, onAirWindow, REHEARSING, showPhaseChange, showPhaseOf, wentLive } from '../../../../electron/core/domain/show-phase';
import type { LiveState } from '../../../../electron/core/domain/studio-state';

describe('show phases', () => {
  it('walks rehearsal -> live -> ended -> rehearsal, each step heard once', () => {
    const live = wentLive(1_000);
    const over = ended(live, 5_000);
    expect([REHEARSING, live, over].map(showPhaseOf)).toEqual(['rehearsal', 'live', 'ended']);
    expect(showPhaseChange(REHEARSING, live)).toEqual({ to: 'live', at: 1_000 });
    expect(showPhaseChange(live, live)).toBeNull();
    expect(showPhaseChange(live, over)).toEqual({ to: 'ended', at: 5_000, startedAt: 1_000 });
    expect(showPhaseChange(over, over)).toBeNull();
    expect(showPhaseChange(over, REHEARSING)).toEqual({ to: 'rehearsal' });
  });

  it('going live again after an end is a new on-air window, even when the ended step was never seen', () => {
    expect(showPhaseChange(wentLive(1_000), wentLive(9_000))).toEqual({ to: 'live', at: 9_000 });
    expect(showPhaseChange(ended(wentLive(1_000), 2_000), wentLive(9_000))).toEqual({ to: 'live', at: 9_000 });
  });

  it('the on-air window runs from going live to the end, open while live, and none while rehearsing', () => {
    expect(onAirWindow(REHEARSING)).toBeNull();
    expect(onAirWindow(wentLive(1_000))).toEqual({ from: 1_000, to: null });
    expect(onAirWindow(ended(wentLive(1_000), 5_000))).toEqual({ from: 1_000, to: 5_000 });
    const over = ended(wentLive(1_000), 5_000);
    expect([999, 1_000, 3_000, 5_000, 5_001].map((at) => isInOnAirWindow(at, over))).toEqual([false, true, true, true, false]);
    expect(isInOnAirWindow(1_000, REHEARSING)).toBe(false);
    expect(isInOnAirWindow(10 ** 12, wentLive(1_000))).toBe(true);
  });

  it('any sequence of go live, end and new show reports exactly the phase changes that happened', () => {
    const step = fc.oneof(fc.constant('live' as const), fc.constant('end' as const), fc.constant('new' as const));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let live: LiveState = REHEARSING;
        let clock = 0;
        for (const s of steps) {
          clock += 10;
          const before = live;
          // The hub's rules: go live only off air, end only while live, a new show only off air.
          if (s === 'live' && !before.isLive) live = wentLive(clock);
          if (s === 'end' && before.isLive) live = ended(before, clock);
          if (s === 'new' && !before.isLive) live = REHEARSING;
          const change = showPhaseChange(before, live);
          const expectsChange = showPhaseOf(before) !== showPhaseOf(live) || (live.isLive && before.startedAt !== live.startedAt);
          expect(change !== null).toBe(expectsChange);
          if (change) expect(change.to).toBe(showPhaseOf(live));
          // The window never runs backwards and always contains its own start.
          const window = onAirWindow(live);
          if (window) {
            expect(window.to === null || window.to >= window.from).toBe(true);
            expect(isInOnAirWindow(window.from, live)).toBe(true);
          }
        }
      }),
    );
  });
});
