import { CHAT_KINDS, type ChatKind } from '../../chat/domain/chat';
import { minuteOf, type CueSegment } from './ledger';

/** The program scene changed to `scene` at `at` (hub clock, epoch ms). */
export interface SceneChange {
  at: number;
  scene: string;
}

/** Accepted chat messages of one kind during one minute (`minute` = start of the minute, epoch ms). */
export interface ChatMinute {
  minute: number;
  kind: ChatKind;
  count: number;
}

/** Message counts per chat kind; kinds with no message are absent. */
export type ChatCounts = Partial<Record<ChatKind, number>>;

/** First and last instant of a series (epoch ms). */
export interface Span {
  first: number;
  last: number;
}

/** The minutes a timeline covers: `from` is the start of the first minute, `to` the end of the last (exclusive). */
export interface TimelineWindow {
  from: number;
  to: number;
}

/** A stretch of the timeline during which one cue or one scene was live, clipped to the window. */
export interface TimelineBand {
  /** Cue id, or the scene name. */
  key: string;
  label: string;
  /** When it really started (may be before the window, for the band live at its start). */
  startedAt: number;
  from: number;
  to: number;
}

/** One minute of the timeline: paid orders (by placement time) and accepted chat messages. */
export interface TimelineMinute {
  minute: number;
  orders: number;
  units: number;
  gmv: number;
  messages: number;
  chat: ChatCounts;
}

/** The show on one time axis: cues, scenes, chat and paid orders per minute. */
export interface ShowTimeline extends TimelineWindow {
  minutes: TimelineMinute[];
  cues: TimelineBand[];
  scenes: TimelineBand[];
  /** Accepted chat messages in the window, in total and per kind. */
  chatTotal: number;
  chatByKind: ChatCounts;
}

/** Longest timeline a report draws: one day of minutes, the newest (a far-off timestamp cannot blow the report up). */
export const TIMELINE_MAX_MINUTES = 1440;

/**
 * The change to record when the engine reports `program`, or null when it is no change: the engine reports about once
 * a second and most reports repeat the scene. An unknown program (OBS not connected) is not a change either: the
 * scene that was last seen stays on the timeline until OBS reports another.
 */
export function sceneChange(lastScene: string | null, program: string | null | undefined, at: number): SceneChange | null {
  if (!program || program === lastScene) return null;
  return { at, scene: program };
}

/** Counts kinds (one per accepted message). */
export function countChatKinds(kinds: Iterable<ChatKind>): ChatCounts {
  const counts: ChatCounts = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Sum of two count sets, as a new object. */
export function addChatCounts(a: ChatCounts, b: ChatCounts): ChatCounts {
  const sum: ChatCounts = { ...a };
  for (const kind of CHAT_KINDS) if (b[kind]) sum[kind] = (sum[kind] ?? 0) + b[kind]!;
  return sum;
}

/** Messages of every kind together. */
export function totalOf(counts: ChatCounts): number {
  let total = 0;
  for (const kind of CHAT_KINDS) total += counts[kind] ?? 0;
  return total;
}

/** The span of some instants, or null when there are none. */
export function spanOf(instants: Iterable<number>): Span | null {
  let first = Infinity;
  let last = -Infinity;
  for (const at of instants) {
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return first <= last ? { first, last } : null;
}

/** The part of a span from `since` on: null when it ended before, the span itself when `since` is null. */
export function spanSince(span: Span | null, since: number | null): Span | null {
  if (!span || since === null) return span;
  if (span.last < since) return null;
  return { first: Math.max(span.first, since), last: span.last };
}

/**
 * The minutes a post-show timeline covers. Sales, cues and chat make the show; scene changes alone only when there is
 * nothing else, because OBS reports its scene from the moment it connects, often hours before the show. Capped at
 * TIMELINE_MAX_MINUTES ending at the newest activity: a ledger that spans several shows reports the latest one whole.
 */
export function timelineWindow(activity: readonly (Span | null)[], scenes: Span | null = null): TimelineWindow | null {
  const spans = activity.filter((s): s is Span => s !== null);
  const all = spans.length ? spans : scenes ? [scenes] : [];
  if (!all.length) return null;
  const to = minuteOf(Math.max(...all.map((s) => s.last))) + 60_000;
  const from = Math.max(minuteOf(Math.min(...all.map((s) => s.first))), to - TIMELINE_MAX_MINUTES * 60_000);
  return { from, to };
}

/**
 * Bands for starts that each last until the next one (sorted by `startedAt`), clipped to the window. The one live when
 * the window opens is included from `from`, so the first minute of the report has a cue and a scene too.
 */
export function bandsInWindow(starts: readonly { key: string; label: string; startedAt: number }[], window: TimelineWindow): TimelineBand[] {
  const bands: TimelineBand[] = [];
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.startedAt : window.to;
    const from = Math.max(s.startedAt, window.from);
    const to = Math.min(end, window.to);
    if (to > from) bands.push({ key: s.key, label: s.label, startedAt: s.startedAt, from, to });
  });
  return bands;
}

/** Every minute of the window, zero-filled, with paid orders and chat messages side by side. */
export function timelineMinutes(
  window: TimelineWindow,
  salesByMinute: Readonly<Record<string, { orders: number; units: number; gmv: number }>>,
  chat: readonly ChatMinute[],
): TimelineMinute[] {
  const chatByMinute = new Map<number, ChatCounts>();
  for (const c of chat) {
    if (c.minute < window.from || c.minute >= window.to || c.count <= 0) continue;
    chatByMinute.set(c.minute, addChatCounts(chatByMinute.get(c.minute) ?? {}, { [c.kind]: c.count }));
  }
  const out: TimelineMinute[] = [];
  for (let minute = window.from; minute < window.to; minute += 60_000) {
    const sale = salesByMinute[String(minute)];
    const counts = chatByMinute.get(minute) ?? {};
    out.push({ minute, orders: sale?.orders ?? 0, units: sale?.units ?? 0, gmv: sale?.gmv ?? 0, messages: totalOf(counts), chat: counts });
  }
  return out;
}

/** What the timeline is made from; `scenes` and `segments` sorted by time, including the one live at the window's start. */
export interface ShowTimelineInput {
  window: TimelineWindow;
  salesByMinute: Readonly<Record<string, { orders: number; units: number; gmv: number }>>;
  segments: readonly CueSegment[];
  scenes: readonly SceneChange[];
  chat: readonly ChatMinute[];
}

/** Merges the ledger's minutes and cues with the scene and chat history onto one time axis. */
export function buildShowTimeline(input: ShowTimelineInput): ShowTimeline {
  const minutes = timelineMinutes(input.window, input.salesByMinute, input.chat);
  const chatByKind = minutes.reduce<ChatCounts>((sum, m) => addChatCounts(sum, m.chat), {});
  return {
    ...input.window,
    minutes,
    cues: bandsInWindow(input.segments.map((s) => ({ key: s.cueId, label: s.label || s.cueId, startedAt: s.startedAt })), input.window),
    scenes: bandsInWindow(input.scenes.map((s) => ({ key: s.scene, label: s.scene, startedAt: s.at })), input.window),
    chatTotal: totalOf(chatByKind),
    chatByKind,
  };
}

/** Time on program per scene within the timeline, longest first (ties by name). */
export function sceneTotals(bands: readonly TimelineBand[]): { scene: string; shown: number; ms: number }[] {
  const totals = new Map<string, { scene: string; shown: number; ms: number }>();
  for (const b of bands) {
    const t = totals.get(b.key) ?? { scene: b.key, shown: 0, ms: 0 };
    t.shown += 1;
    t.ms += b.to - b.from;
    totals.set(b.key, t);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms || (a.scene < b.scene ? -1 : a.scene > b.scene ? 1 : 0));
}
