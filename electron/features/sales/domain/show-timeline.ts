import { CHAT_KINDS, ORDER_SIGNAL_KINDS, type ChatKind } from '../../chat/domain/chat';
import { type CueSegment } from './ledger';
import { minuteOf } from './tallies';
import { byCodePoint } from '../../../core/domain/text-order';

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

/** Buyer questions among the comments accepted during one minute. */
export interface QuestionMinute {
  minute: number;
  count: number;
}

/**
 * What had been counted in one minute up to an instant (going live, ending the show): chat per kind and buyer questions
 * received at or before `at` in the minute that contains it. The on-air window cuts its first and last minute with it.
 */
export interface ChatMark {
  at: number;
  chat: ChatCounts;
  questions: number;
}

/** The on-air window of a show, epoch ms: from going live to the end (or to now while on air). */
export interface OnAirSpan {
  from: number;
  to: number;
}

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

/** One minute of the timeline: paid orders (by placement time), accepted chat messages and buyer questions. */
export interface TimelineMinute {
  minute: number;
  orders: number;
  units: number;
  gmv: number;
  messages: number;
  chat: ChatCounts;
  questions: number;
}

/** The show on one time axis: cues, scenes, chat and paid orders per minute. */
export interface ShowTimeline extends TimelineWindow {
  minutes: TimelineMinute[];
  cues: TimelineBand[];
  scenes: TimelineBand[];
  /** Accepted chat messages in the window, in total (order signals left out) and per kind (signals included). */
  chatTotal: number;
  chatByKind: ChatCounts;
  /** Buyer questions among the comments in the window. */
  questionsTotal: number;
  /** The exact on-air window the timeline covers (its minutes round it out), or null for a show never on air. */
  onAir: OnAirSpan | null;
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

/** `a` less `b` per kind, never below zero; kinds left at zero are absent. */
export function subtractChatCounts(a: ChatCounts, b: ChatCounts): ChatCounts {
  const rest: ChatCounts = {};
  for (const kind of CHAT_KINDS) {
    const n = (a[kind] ?? 0) - (b[kind] ?? 0);
    if (n > 0) rest[kind] = n;
  }
  return rest;
}

/** True when a chat entry is a buyer question: a comment chat marked as asking something or wanting to buy. */
export function isBuyerQuestion(entry: { kind: ChatKind; isQuestion: boolean }): boolean {
  return entry.kind === 'comment' && entry.isQuestion;
}

/**
 * Chat messages of every kind together, order signals left out: a signal is a shop console saying someone bought, not
 * something a viewer said (the report counts signals on their own, {@link orderSignalsOf}).
 */
export function totalOf(counts: ChatCounts): number {
  let total = 0;
  for (const kind of CHAT_KINDS) if (!isOrderSignal(kind)) total += counts[kind] ?? 0;
  return total;
}

/** True for an order signal's kind (`orderPlaced`, `orderPaid`). */
function isOrderSignal(kind: ChatKind): boolean {
  return (ORDER_SIGNAL_KINDS as readonly ChatKind[]).includes(kind);
}

/** Order signals counted: placed and paid, as the shop's console reported them (no amounts; never in GMV). */
export function orderSignalsOf(counts: ChatCounts): { placed: number; paid: number } {
  return { placed: counts.orderPlaced ?? 0, paid: counts.orderPaid ?? 0 };
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

/** How long after the last activity a scene change still belongs to the show (the switch a cue made, as reported). */
const SCENE_FOLLOWS_MS = 10_000;

/**
 * The minutes a post-show timeline covers. Sales, cues and chat make the show; scene changes alone only when there is
 * nothing else, because OBS reports its scene from the moment it connects, often hours before the show (a switch within
 * SCENE_FOLLOWS_MS of the last activity extends the window: it is that cue's own switch). Capped at
 * TIMELINE_MAX_MINUTES ending at the newest activity: a ledger that spans several shows reports the latest one whole.
 */
export function timelineWindow(activity: readonly (Span | null)[], scenes: Span | null = null): TimelineWindow | null {
  const spans = activity.filter((s): s is Span => s !== null);
  const all = spans.length ? spans : scenes ? [scenes] : [];
  if (!all.length) return null;
  const lastActivity = Math.max(...all.map((s) => s.last));
  // A cue's own scene switch is reported a moment after the cue: when it lands in the next minute it is still the show's.
  const isSwitchOfLastCue = scenes !== null && scenes.last > lastActivity && scenes.last - lastActivity <= SCENE_FOLLOWS_MS;
  const to = minuteOf(isSwitchOfLastCue ? scenes.last : lastActivity) + 60_000;
  const from = Math.max(minuteOf(Math.min(...all.map((s) => s.first))), to - TIMELINE_MAX_MINUTES * 60_000);
  return { from, to };
}

/** The minutes a timeline of an on-air window covers: from the minute it went live to the minute it ended, capped. */
export function onAirTimelineWindow(span: OnAirSpan): TimelineWindow {
  const to = minuteOf(span.to) + 60_000;
  return { from: Math.max(minuteOf(span.from), to - TIMELINE_MAX_MINUTES * 60_000), to };
}

/**
 * Chat and buyer questions of an on-air window from per-minute counts: the first minute less what was counted before
 * going live (its mark), the last minute only what was counted up to the end (its mark), the minutes between whole.
 * Without a mark (a show from before marks were kept) the edge minute counts whole.
 */
export function chatWithinSpan(
  chat: readonly ChatMinute[],
  questions: readonly QuestionMinute[],
  span: OnAirSpan,
  marks: { start: ChatMark | null; end: ChatMark | null },
): { chat: ChatMinute[]; questions: QuestionMinute[] } {
  const first = minuteOf(span.from);
  const last = minuteOf(span.to);
  const start = marks.start && minuteOf(marks.start.at) === first ? marks.start : null;
  const end = marks.end && minuteOf(marks.end.at) === last ? marks.end : null;
  const cut = (minute: number, whole: { chat: ChatCounts; questions: number }) => {
    let counted = whole;
    if (minute === last && end) counted = { chat: end.chat, questions: end.questions };
    if (minute === first && start) counted = { chat: subtractChatCounts(counted.chat, start.chat), questions: Math.max(0, counted.questions - start.questions) };
    return counted;
  };
  const byMinute = new Map<number, { chat: ChatCounts; questions: number }>();
  const slot = (minute: number) => byMinute.get(minute) ?? byMinute.set(minute, { chat: {}, questions: 0 }).get(minute)!;
  for (const c of chat) if (c.minute >= first && c.minute <= last) slot(c.minute).chat = addChatCounts(slot(c.minute).chat, { [c.kind]: c.count });
  for (const q of questions) if (q.minute >= first && q.minute <= last) slot(q.minute).questions += q.count;
  // An edge minute with a mark but no row left (an end mark taken before anything else came) still counts its mark.
  if (end) slot(last);
  const outChat: ChatMinute[] = [];
  const outQuestions: QuestionMinute[] = [];
  for (const minute of [...byMinute.keys()].sort((a, b) => a - b)) {
    const counted = cut(minute, byMinute.get(minute)!);
    for (const kind of CHAT_KINDS) if (counted.chat[kind]) outChat.push({ minute, kind, count: counted.chat[kind]! });
    if (counted.questions > 0) outQuestions.push({ minute, count: counted.questions });
  }
  return { chat: outChat, questions: outQuestions };
}

/**
 * Bands for starts that each last until the next one (sorted by `startedAt`), clipped to the window (or to the exact
 * on-air `bounds` when given). The one live when the window opens is included from its start, so the first minute of
 * the report has a cue and a scene too.
 */
export function bandsInWindow(
  starts: readonly { key: string; label: string; startedAt: number }[],
  window: TimelineWindow,
  bounds: OnAirSpan | null = null,
): TimelineBand[] {
  const lo = bounds ? Math.max(bounds.from, window.from) : window.from;
  const hi = bounds ? Math.min(bounds.to, window.to) : window.to;
  const bands: TimelineBand[] = [];
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.startedAt : hi;
    const from = Math.max(s.startedAt, lo);
    const to = Math.min(end, hi);
    if (to > from) bands.push({ key: s.key, label: s.label, startedAt: s.startedAt, from, to });
  });
  return bands;
}

/** Every minute of the window, zero-filled, with paid orders, chat messages and buyer questions side by side. */
export function timelineMinutes(
  window: TimelineWindow,
  salesByMinute: Readonly<Record<string, { orders: number; units: number; gmv: number }>>,
  chat: readonly ChatMinute[],
  questions: readonly QuestionMinute[] = [],
): TimelineMinute[] {
  const chatByMinute = new Map<number, ChatCounts>();
  for (const c of chat) {
    if (c.minute < window.from || c.minute >= window.to || c.count <= 0) continue;
    chatByMinute.set(c.minute, addChatCounts(chatByMinute.get(c.minute) ?? {}, { [c.kind]: c.count }));
  }
  const questionsByMinute = new Map<number, number>();
  for (const q of questions) if (q.minute >= window.from && q.minute < window.to) questionsByMinute.set(q.minute, (questionsByMinute.get(q.minute) ?? 0) + q.count);
  const out: TimelineMinute[] = [];
  for (let minute = window.from; minute < window.to; minute += 60_000) {
    const sale = salesByMinute[String(minute)];
    const counts = chatByMinute.get(minute) ?? {};
    out.push({
      minute,
      orders: sale?.orders ?? 0,
      units: sale?.units ?? 0,
      gmv: sale?.gmv ?? 0,
      messages: totalOf(counts),
      chat: counts,
      questions: questionsByMinute.get(minute) ?? 0,
    });
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
  questions?: readonly QuestionMinute[];
  /** The exact on-air window: bands are clipped to it (the minutes round it out). Absent for a show never on air. */
  onAir?: OnAirSpan | null;
}

/** Merges the ledger's minutes and cues with the scene and chat history onto one time axis. */
export function buildShowTimeline(input: ShowTimelineInput): ShowTimeline {
  const minutes = timelineMinutes(input.window, input.salesByMinute, input.chat, input.questions);
  const chatByKind = minutes.reduce<ChatCounts>((sum, m) => addChatCounts(sum, m.chat), {});
  const onAir = input.onAir ?? null;
  return {
    ...input.window,
    minutes,
    cues: bandsInWindow(input.segments.map((s) => ({ key: s.cueId, label: s.label || s.cueId, startedAt: s.startedAt })), input.window, onAir),
    scenes: bandsInWindow(input.scenes.map((s) => ({ key: s.scene, label: s.scene, startedAt: s.at })), input.window, onAir),
    chatTotal: totalOf(chatByKind),
    chatByKind,
    questionsTotal: minutes.reduce((n, m) => n + m.questions, 0),
    onAir,
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
  return [...totals.values()].sort((a, b) => b.ms - a.ms || byCodePoint(a.scene, b.scene));
}
