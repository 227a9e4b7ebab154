import { describe, expect, it } from 'vitest';
import { HOUR_MS, showHours } from '../../../../../electron/features/sales/domain/show-hours';
import type { ShowTimeline, TimelineMinute } from '../../../../../electron/features/sales/domain/show-timeline';

const T0 = Date.UTC(2026, 11, 5, 9, 0, 30); // went live 30 s into a minute
const MIN = 60_000;

function minute(at: number, figures: Partial<TimelineMinute> = {}): TimelineMinute {
  return { minute: at, orders: 0, units: 0, gmv: 0, messages: 0, chat: {}, questions: 0, ...figures } as TimelineMinute;
}

function timeline(durationMs: number, minutes: TimelineMinute[], cues: ShowTimeline['cues'] = []): ShowTimeline {
  return {
    from: T0 - 30_000,
    to: T0 + durationMs,
    minutes,
    cues,
    scenes: [],
    chatTotal: 0,
    chatByKind: {},
    questionsTotal: 0,
    onAir: { from: T0, to: T0 + durationMs },
  } as unknown as ShowTimeline;
}

describe('a long show hour by hour', () => {
  it('sums the minutes into hours from going live; the last hour ends with the show', () => {
    const hours = showHours(
      timeline(2 * HOUR_MS + 20 * MIN, [
        minute(T0 - 30_000, { orders: 1, units: 2, gmv: 1000, messages: 5, questions: 1 }), // the minute of going live
        minute(T0 - 30_000 + 59 * MIN, { orders: 2, units: 2, gmv: 500 }),
        minute(T0 - 30_000 + 61 * MIN, { messages: 7 }),
        minute(T0 - 30_000 + 139 * MIN, { orders: 1, units: 1, gmv: 300, questions: 2 }),
      ]),
    );
    expect(hours.map((h) => [h.index, h.orders, h.units, h.gmv, h.messages, h.questions])).toEqual([
      [1, 3, 4, 1500, 5, 1],
      [2, 0, 0, 0, 7, 0],
      [3, 1, 1, 300, 0, 2],
    ]);
    expect(hours[0]!.from).toBe(T0);
    expect(hours[2]!.to - hours[2]!.from).toBe(20 * MIN);
    // Nothing lost or counted twice.
    expect(hours.reduce((n, h) => n + h.gmv, 0)).toBe(1800);
  });

  it('names the cues that ran in each hour, each once, in order; a cue across the hour mark is in both', () => {
    const band = (key: string, label: string, from: number, to: number) => ({ key, label, startedAt: from, from, to });
    const hours = showHours(
      timeline(2 * HOUR_MS, [], [
        band('c1', 'Opening', T0, T0 + 50 * MIN),
        band('c2', 'Tea cups', T0 + 50 * MIN, T0 + 70 * MIN),
        band('c3', '', T0 + 70 * MIN, T0 + 2 * HOUR_MS),
      ]),
    );
    expect(hours.map((h) => h.cues)).toEqual([
      ['Opening', 'Tea cups'],
      ['Tea cups', 'c3'],
    ]);
  });

  it('has no hours for a show never on air, and one for a short one', () => {
    expect(showHours({ ...timeline(MIN, []), onAir: null })).toEqual([]);
    expect(showHours(timeline(10 * MIN, []))).toHaveLength(1);
  });
});
