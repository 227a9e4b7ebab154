import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAT_KINDS } from '../../../../../electron/features/chat/domain/chat';
import {
  addChatCounts,
  bandsInWindow,
  buildShowTimeline,
  countChatKinds,
  sceneChange,
  sceneTotals,
  spanOf,
  spanSince,
  TIMELINE_MAX_MINUTES,
  timelineMinutes,
  timelineWindow,
  orderSignalsOf,
  totalOf,
  type ChatMinute,
} from '../../../../../electron/features/sales/domain/show-timeline';

const T0 = Date.UTC(2025, 4, 1, 12, 0); // a whole minute
const min = (n: number) => T0 + n * 60_000;

describe('scene changes', () => {
  it('records a change only when the program scene differs from the last one and is known', () => {
    expect(sceneChange(null, 'Opening', 5)).toEqual({ at: 5, scene: 'Opening' });
    expect(sceneChange('Opening', 'Opening', 6)).toBeNull();
    expect(sceneChange('Opening', null, 7)).toBeNull();
    expect(sceneChange('Opening', undefined, 7)).toBeNull();
    expect(sceneChange('Opening', '', 7)).toBeNull();
    expect(sceneChange('Opening', 'Product', 8)).toEqual({ at: 8, scene: 'Product' });
  });
});

describe('spanSince', () => {
  it('keeps the part of a span from the new show on, nothing of one that ended before', () => {
    const span = { first: min(0), last: min(10) };
    expect(spanSince(span, null)).toBe(span);
    expect(spanSince(span, min(4))).toEqual({ first: min(4), last: min(10) });
    expect(spanSince(span, min(-5))).toEqual(span);
    expect(spanSince(span, min(11))).toBeNull();
    expect(spanSince(null, min(1))).toBeNull();
  });
});

describe('chat counts', () => {
  it('counts kinds, adds count sets without touching them, and totals them', () => {
    const a = countChatKinds(['comment', 'like', 'comment', 'gift']);
    expect(a).toEqual({ comment: 2, like: 1, gift: 1 });
    const b = { like: 5, join: 1 };
    expect(addChatCounts(a, b)).toEqual({ comment: 2, like: 6, gift: 1, join: 1 });
    expect(a).toEqual({ comment: 2, like: 1, gift: 1 });
    expect(totalOf(addChatCounts(a, b))).toBe(10);
    expect(totalOf({})).toBe(0);
  });

  it('leaves order signals out of the chat total and counts them on their own', () => {
    const counts = countChatKinds(['comment', 'orderPlaced', 'orderPaid', 'orderPaid', 'join']);
    expect(totalOf(counts)).toBe(2);
    expect(orderSignalsOf(counts)).toEqual({ placed: 1, paid: 2 });
    expect(orderSignalsOf({ comment: 3 })).toEqual({ placed: 0, paid: 0 });
  });
});

describe('timeline window', () => {
  it('spans the activity by whole minutes; scene changes alone count only when there is no other activity', () => {
    const sales = spanOf([min(10) + 5_000, min(30) + 59_000]);
    const chat = spanOf([min(5), min(12)]);
    const scenes = spanOf([min(-300), min(40)]);
    expect(timelineWindow([sales, null, chat], scenes)).toEqual({ from: min(5), to: min(31) });
    expect(timelineWindow([null, null, null], scenes)).toEqual({ from: min(-300), to: min(41) });
    expect(timelineWindow([null], null)).toBeNull();
    expect(spanOf([])).toBeNull();
  });

  it("takes in the scene switch a cue made when it lands in the next minute (the engine reports it a moment later)", () => {
    const cue = spanOf([min(10), min(30) + 59_900]);
    // The cue's own switch, reported 300 ms after the cue, in minute 31.
    expect(timelineWindow([null, cue, null], spanOf([min(-300), min(31) + 200]))).toEqual({ from: min(10), to: min(32) });
    // A switch long after the last activity (the studio left open) does not stretch the show's window.
    expect(timelineWindow([null, cue, null], spanOf([min(-300), min(95)]))).toEqual({ from: min(10), to: min(31) });
  });

  it('keeps the newest day when activity spans more than TIMELINE_MAX_MINUTES', () => {
    const window = timelineWindow([spanOf([min(0), min(3000) + 1])])!;
    expect(window.to).toBe(min(3001));
    expect((window.to - window.from) / 60_000).toBe(TIMELINE_MAX_MINUTES);
  });
});

describe('bands', () => {
  const window = { from: min(10), to: min(20) };
  it('lasts each start until the next, opens with the one live at the window start, and clips to the window', () => {
    const bands = bandsInWindow(
      [
        { key: 'old', label: 'Old', startedAt: min(0) },
        { key: 'a', label: 'A', startedAt: min(5) },
        { key: 'b', label: 'B', startedAt: min(12) + 30_000 },
        { key: 'b2', label: 'B2', startedAt: min(12) + 30_000 },
        { key: 'c', label: 'C', startedAt: min(25) },
      ],
      window,
    );
    expect(bands).toEqual([
      { key: 'a', label: 'A', startedAt: min(5), from: min(10), to: min(12) + 30_000 },
      // b lasts no time at all (b2 replaced it at once): dropped.
      { key: 'b2', label: 'B2', startedAt: min(12) + 30_000, from: min(12) + 30_000, to: min(20) },
    ]);
  });

  it('sums time on program per scene, longest first', () => {
    const bands = bandsInWindow(
      [
        { key: 'Anchor', label: 'Anchor', startedAt: min(10) },
        { key: 'Product', label: 'Product', startedAt: min(12) },
        { key: 'Anchor', label: 'Anchor', startedAt: min(13) },
        { key: 'Product', label: 'Product', startedAt: min(18) },
      ],
      window,
    );
    expect(sceneTotals(bands)).toEqual([
      { scene: 'Anchor', shown: 2, ms: 7 * 60_000 },
      { scene: 'Product', shown: 2, ms: 3 * 60_000 },
    ]);
  });
});

describe('timeline minutes', () => {
  it('zero-fills every minute of the window and puts orders and chat side by side', () => {
    const chat: ChatMinute[] = [
      { minute: min(1), kind: 'comment', count: 3 },
      { minute: min(1), kind: 'like', count: 7 },
      { minute: min(2), kind: 'gift', count: 1 },
      { minute: min(9), kind: 'comment', count: 99 }, // outside the window
    ];
    const minutes = timelineMinutes({ from: min(0), to: min(3) }, { [String(min(2))]: { orders: 2, units: 3, gmv: 500 } }, chat);
    expect(minutes).toEqual([
      { minute: min(0), orders: 0, units: 0, gmv: 0, messages: 0, chat: {}, questions: 0 },
      { minute: min(1), orders: 0, units: 0, gmv: 0, messages: 10, chat: { comment: 3, like: 7 }, questions: 0 },
      { minute: min(2), orders: 2, units: 3, gmv: 500, messages: 1, chat: { gift: 1 }, questions: 0 },
    ]);
  });

  it('builds the whole timeline: cue and scene bands, chat totals per kind (property: nothing lost inside, nothing added outside)', () => {
    /** How often each kind of scene history came up: the property must have met all of them. */
    const seen = { liveAtStart: 0, startsInside: 0, noBands: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: -5, max: 25 }).map(min), kind: fc.constantFrom(...CHAT_KINDS), count: fc.integer({ min: 1, max: 1000 }) }), {
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: -5, max: 25 }), { maxLength: 8 }),
        (chat, sceneMinutes) => {
          const window = { from: min(0), to: min(20) };
          const scenes = [...sceneMinutes].sort((a, b) => a - b).map((m, i) => ({ at: min(m), scene: `S${i}` }));
          const timeline = buildShowTimeline({ window, salesByMinute: {}, segments: [{ cueId: 'c1', label: '', startedAt: min(3) }], scenes, chat });
          const inside = chat.filter((c) => c.minute >= window.from && c.minute < window.to);
          expect(timeline.minutes).toHaveLength(20);
          // Order signals are not chat messages: counted per kind, never in the total.
          expect(timeline.chatTotal).toBe(inside.filter((c) => c.kind !== 'orderPlaced' && c.kind !== 'orderPaid').reduce((s, c) => s + c.count, 0));
          for (const kind of CHAT_KINDS) {
            expect(timeline.chatByKind[kind] ?? 0).toBe(inside.filter((c) => c.kind === kind).reduce((s, c) => s + c.count, 0));
          }
          expect(timeline.cues).toEqual([{ key: 'c1', label: 'c1', startedAt: min(3), from: min(3), to: min(20) }]);

          // Scene bands tile the window from the first scene on (or from its start, when a scene was already on
          // program), end to end up to its end, and each names the scene on program at its start.
          const start = Math.min(Math.max(scenes[0]?.at ?? window.to, window.from), window.to);
          const bands = timeline.scenes;
          expect(bands.map((b) => [b.from, b.to])).toEqual(bands.map((b, i) => [i === 0 ? start : bands[i - 1]!.to, b.to]));
          expect(bands.at(-1)?.to ?? window.to).toBe(window.to);
          expect(bands.reduce((sum, b) => sum + (b.to - b.from), 0)).toBe(window.to - start);
          expect(bands.every((b) => b.to > b.from)).toBe(true);
          expect(bands.map((b) => b.key)).toEqual(bands.map((b) => scenes.filter((s) => s.at <= b.from).at(-1)?.scene));
          if (!bands.length) seen.noBands += 1;
          else if (bands[0]!.from === window.from && scenes[0]!.at <= window.from) seen.liveAtStart += 1;
          else seen.startsInside += 1;
        },
      ),
      { numRuns: 200 },
    );
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
  });
});
