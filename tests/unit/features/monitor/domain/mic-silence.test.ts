import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SILENCE_DB, SILENCE_WARN_MS, type AudioLevel } from '../../../../../electron/features/monitor/domain/audio-levels';
import { INITIAL_MIC_SILENCE, micProblems, onLiveChange, onMeterReading, type MicProblem, type MicSilenceState } from '../../../../../electron/features/monitor/domain/mic-silence';

const MICS = ['Desk mic', 'Lapel'];

/** One thing that happens after `dt` ms: a meter reading (at most one level per mic; a mic may be absent), going live or off air. */
type Step =
  | { kind: 'reading'; dt: number; levels: Array<{ mic: string; db: number; isMuted: boolean }> }
  | { kind: 'live'; dt: number; isLive: boolean };

/**
 * The model, written from the rule as the issue states it, not from the code: replay the whole history and, for each
 * microphone, walk back from the last reading while it was quiet (absent, muted or below the silence level); it is
 * silent since the first reading of that stretch. Live time counts from the last time the show went live.
 */
function modelProblems(history: Array<{ at: number; step: Step }>, now: number, mutes: Record<string, boolean>): MicProblem[] {
  let liveSince: number | null = null;
  for (const { at, step } of history) if (step.kind === 'live') liveSince = step.isLive ? (liveSince ?? at) : null;
  if (liveSince === null) return [];
  const readings = history.filter((h) => h.step.kind === 'reading');
  const out: MicProblem[] = [];
  for (const mic of MICS) {
    if (mutes[mic]) {
      out.push({ kind: 'muted', source: mic });
      continue;
    }
    let since: number | null = null;
    for (let i = readings.length - 1; i >= 0; i--) {
      const step = readings[i]!.step as Extract<Step, { kind: 'reading' }>;
      const level = step.levels.find((l) => l.mic === mic);
      const isQuiet = !level || level.isMuted || level.db < SILENCE_DB;
      if (!isQuiet) break;
      since = readings[i]!.at;
    }
    if (since === null) continue;
    const silentMs = now - Math.max(since, liveSince);
    if (silentMs >= SILENCE_WARN_MS) out.push({ kind: 'silent', source: mic, seconds: Math.floor(silentMs / 1000) });
  }
  return out;
}

const level = fc.record({ mic: fc.constantFrom(...MICS), db: fc.oneof(fc.constant(-60), fc.integer({ min: -60, max: 0 })), isMuted: fc.boolean() });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('reading' as const), dt: fc.integer({ min: 0, max: 4000 }), levels: fc.uniqueArray(level, { selector: (l) => l.mic, maxLength: MICS.length }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('live' as const), dt: fc.integer({ min: 0, max: 4000 }), isLive: fc.boolean() }) },
);

describe('the live microphone watch', () => {
  it('agrees with the replayed history after any sequence of readings, live changes and mute states', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.record({ 'Desk mic': fc.boolean(), Lapel: fc.boolean() }), fc.integer({ min: 0, max: 20_000 }), (steps, mutes, wait) => {
        let state: MicSilenceState = INITIAL_MIC_SILENCE;
        let at = 1_000_000;
        const history: Array<{ at: number; step: Step }> = [];
        for (const s of steps) {
          at += s.dt;
          history.push({ at, step: s });
          if (s.kind === 'live') state = onLiveChange(state, at, s.isLive);
          else {
            const levels: AudioLevel[] = s.levels.map((l) => ({ source: l.mic, levelDb: l.db, peakDb: l.db, isMuted: l.isMuted }));
            state = onMeterReading(state, at, MICS, levels);
          }
        }
        const now = at + wait;
        const mics = MICS.map((name) => ({ name, isMuted: mutes[name as keyof typeof mutes] }));
        expect(micProblems(state, now, mics)).toEqual(modelProblems(history, now, mutes));
      }),
      { numRuns: 400 },
    );
  });

  it('warns about a muted microphone at once while live, and about a silent one after ten seconds of live time', () => {
    const quiet = [{ source: 'Desk mic', levelDb: -60, peakDb: -60, isMuted: false }];
    let state = onMeterReading(INITIAL_MIC_SILENCE, 0, ['Desk mic'], quiet);
    expect(micProblems(state, 60_000, [{ name: 'Desk mic', isMuted: false }])).toEqual([]); // off air: nothing
    state = onLiveChange(state, 60_000, true);
    expect(micProblems(state, 60_000, [{ name: 'Desk mic', isMuted: true }])).toEqual([{ kind: 'muted', source: 'Desk mic' }]);
    // Silent since before going live: counted from going live.
    expect(micProblems(state, 69_999, [{ name: 'Desk mic', isMuted: false }])).toEqual([]);
    expect(micProblems(state, 70_000, [{ name: 'Desk mic', isMuted: false }])).toEqual([{ kind: 'silent', source: 'Desk mic', seconds: 10 }]);
    // The anchor speaks: the warning clears with the next reading.
    state = onMeterReading(state, 70_050, ['Desk mic'], [{ source: 'Desk mic', levelDb: -24, peakDb: -18, isMuted: false }]);
    expect(micProblems(state, 70_100, [{ name: 'Desk mic', isMuted: false }])).toEqual([]);
    // Off air clears everything.
    expect(micProblems(onLiveChange(state, 80_000, false), 200_000, [{ name: 'Desk mic', isMuted: true }])).toEqual([]);
  });
});
