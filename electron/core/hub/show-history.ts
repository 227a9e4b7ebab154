import { CHAT_KINDS } from '../../features/chat/domain/chat';
import { type CueSegment } from '../../features/sales/domain/ledger';
import { minuteOf, type Tallies } from '../../features/sales/domain/tallies';
import {
  addChatCounts,
  buildShowTimeline,
  chatWithinSpan,
  onAirTimelineWindow,
  sceneChange,
  spanOf,
  spanSince,
  timelineWindow,
  type ChatCounts,
  type ChatMark,
  type ChatMinute,
  type OnAirSpan,
  type QuestionMinute,
  type SceneChange,
  type ShowTimeline,
  type Span,
} from '../../features/sales/domain/show-timeline';
import type { Db, Migration } from './storage';

/** Tables of the show's history in the core database (scenes and chat volume; orders and cues are the ledger's). */
export const SHOW_HISTORY_MIGRATIONS: Migration[] = [
  {
    feature: 'history',
    version: 1,
    sql: `
      CREATE TABLE show_scene_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, scene TEXT NOT NULL);
      CREATE INDEX show_scene_changes_at ON show_scene_changes (at);
      CREATE TABLE show_chat_minutes (
        minute INTEGER NOT NULL, kind TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (minute, kind)
      ) WITHOUT ROWID;
    `,
  },
  {
    feature: 'history',
    version: 2,
    sql: `
      CREATE TABLE show_question_minutes (minute INTEGER PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
      -- What had been counted in a minute up to going live or ending: the on-air window cuts its edge minutes with it.
      CREATE TABLE show_chat_marks (at INTEGER PRIMARY KEY, chat TEXT NOT NULL, questions INTEGER NOT NULL) WITHOUT ROWID;
    `,
  },
];

/** Scene changes kept (the oldest go first): a show has tens of switches, a studio thousands over weeks. */
export const MAX_SCENE_CHANGES = 10_000;
/** Chat minutes kept, counted back from the newest: two weeks, at most 5 rows (kinds) per minute. */
export const CHAT_HISTORY_MINUTES = 14 * 24 * 60;
/** How often counted chat is written: a crash loses at most this much of the volume chart, never a message. */
export const CHAT_FLUSH_INTERVAL_MS = 5_000;

const KINDS = new Set<string>(CHAT_KINDS);

/** Bounds and timing of a show history (the defaults above; tests shrink them). */
export interface ShowHistoryOptions {
  flushIntervalMs?: number;
  maxSceneChanges?: number;
  chatHistoryMinutes?: number;
}

/** Counts of one minute not written yet. */
interface PendingMinute {
  chat: ChatCounts;
  questions: number;
}

/**
 * What the show did besides selling: program-scene changes, accepted chat and buyer questions per minute, persisted so
 * the post-show report survives a hub restart. Chat is counted in memory and written as one upsert per minute and kind
 * every few seconds (not a row per message: ingest runs at thousands of messages a second). Scene changes are written
 * when they happen, which is rare; the engine's once-a-second reports that repeat the scene write nothing. Marks keep
 * what a minute had counted at going live and at the end, so the on-air window's chat is exact to the message.
 */
export class ShowHistory {
  private lastScene: string | null;
  /** Counts not written yet, per minute: added to the stored ones on flush (a restart mid-minute keeps both). */
  private pending = new Map<number, PendingMinute>();
  /** Marks by instant; counts arriving later for an instant at or before a mark (batched questions) join it. */
  private readonly marks = new Map<number, ChatMark>();
  private readonly dirtyMarks = new Set<number>();
  private readonly timer: NodeJS.Timeout;
  private readonly insertScene;
  private readonly upsertChat;
  private readonly upsertQuestions;
  private readonly saveMark;
  private readonly maxSceneChanges: number;
  private readonly chatHistoryMs: number;

  constructor(private readonly db: Db, options: ShowHistoryOptions = {}) {
    this.maxSceneChanges = options.maxSceneChanges ?? MAX_SCENE_CHANGES;
    this.chatHistoryMs = (options.chatHistoryMinutes ?? CHAT_HISTORY_MINUTES) * 60_000;
    const last = db.prepare('SELECT scene FROM show_scene_changes ORDER BY id DESC LIMIT 1').get() as { scene: string } | undefined;
    this.lastScene = last?.scene ?? null;
    this.insertScene = db.prepare('INSERT INTO show_scene_changes (at, scene) VALUES (?, ?)');
    this.upsertChat = db.prepare(
      'INSERT INTO show_chat_minutes (minute, kind, count) VALUES (?, ?, ?) ON CONFLICT (minute, kind) DO UPDATE SET count = count + excluded.count',
    );
    this.upsertQuestions = db.prepare(
      'INSERT INTO show_question_minutes (minute, count) VALUES (?, ?) ON CONFLICT (minute) DO UPDATE SET count = count + excluded.count',
    );
    this.saveMark = db.prepare('INSERT INTO show_chat_marks (at, chat, questions) VALUES (?, ?, ?) ON CONFLICT (at) DO UPDATE SET chat = excluded.chat, questions = excluded.questions');
    for (const row of db.prepare('SELECT at, chat, questions FROM show_chat_marks').all() as { at: number; chat: string; questions: number }[]) {
      this.marks.set(row.at, { at: row.at, chat: JSON.parse(row.chat) as ChatCounts, questions: row.questions });
    }
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? CHAT_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Records the program scene the engine reports, if it changed; returns the recorded change or null. */
  recordProgram(program: string | null | undefined, at: number): SceneChange | null {
    const change = sceneChange(this.lastScene, program, at);
    if (!change) return null;
    const id = Number(this.insertScene.run(change.at, change.scene).lastInsertRowid);
    if (id > this.maxSceneChanges) this.db.prepare('DELETE FROM show_scene_changes WHERE id <= ?').run(id - this.maxSceneChanges);
    this.lastScene = change.scene;
    return change;
  }

  /** Counts accepted chat messages received at `at` (in memory until the next flush). */
  countChat(at: number, counts: ChatCounts): void {
    const slot = this.slot(at);
    slot.chat = addChatCounts(slot.chat, counts);
    this.joinMarks(at, (mark) => (mark.chat = addChatCounts(mark.chat, counts)));
  }

  /** Counts buyer questions received at `at` (they reach the history when chat sends them out, a moment later). */
  countQuestions(at: number, count: number): void {
    if (count <= 0) return;
    this.slot(at).questions += count;
    this.joinMarks(at, (mark) => (mark.questions += count));
  }

  /**
   * Marks what `at`'s minute has counted up to `at` (going live, ending the show), so a report can cut the minute there.
   * Call it at that instant: counts received at or before it that are counted later join the mark.
   */
  markInstant(at: number): ChatMark {
    this.flush();
    const minute = minuteOf(at);
    const chat: ChatCounts = {};
    for (const row of this.db.prepare('SELECT kind, count FROM show_chat_minutes WHERE minute = ?').all(minute) as { kind: string; count: number }[]) {
      if (KINDS.has(row.kind)) chat[row.kind as ChatMinute['kind']] = row.count;
    }
    const questions = (this.db.prepare('SELECT count FROM show_question_minutes WHERE minute = ?').get(minute) as { count: number } | undefined)?.count ?? 0;
    const mark: ChatMark = { at, chat, questions };
    this.marks.set(at, mark);
    this.saveMark.run(at, JSON.stringify(chat), questions);
    return mark;
  }

  /** Writes counted chat, questions and changed marks in one transaction; drops what is older than the kept history. */
  flush(): void {
    if (this.pending.size === 0 && this.dirtyMarks.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    const dirty = [...this.dirtyMarks].flatMap((at) => this.marks.get(at) ?? []);
    this.dirtyMarks.clear();
    this.db.transaction(() => {
      for (const [minute, counts] of pending) {
        for (const kind of CHAT_KINDS) if (counts.chat[kind]) this.upsertChat.run(minute, kind, counts.chat[kind]);
        if (counts.questions) this.upsertQuestions.run(minute, counts.questions);
      }
      for (const mark of dirty) this.saveMark.run(mark.at, JSON.stringify(mark.chat), mark.questions);
      const newest = (this.db.prepare('SELECT MAX(minute) AS m FROM show_chat_minutes').get() as { m: number | null }).m;
      if (newest !== null) {
        const cutoff = newest - this.chatHistoryMs;
        this.db.prepare('DELETE FROM show_chat_minutes WHERE minute <= ?').run(cutoff);
        this.db.prepare('DELETE FROM show_question_minutes WHERE minute <= ?').run(cutoff);
        this.db.prepare('DELETE FROM show_chat_marks WHERE at <= ?').run(cutoff);
        for (const at of this.marks.keys()) if (at <= cutoff) this.marks.delete(at);
      }
    })();
  }

  /**
   * Chat per minute and kind, and buyer questions per minute, of an on-air window: its first minute from going live,
   * its last up to the end (cut with the marks taken then), oldest first.
   */
  chatWithin(span: OnAirSpan): { chat: ChatMinute[]; questions: QuestionMinute[] } {
    const from = minuteOf(span.from);
    const to = minuteOf(span.to) + 60_000;
    const questions = this.db.prepare('SELECT minute, count FROM show_question_minutes WHERE minute >= ? AND minute < ? ORDER BY minute').all(from, to) as QuestionMinute[];
    return chatWithinSpan(this.chatMinutes(from, to), questions, span, { start: this.marks.get(span.from) ?? null, end: this.marks.get(span.to) ?? null });
  }

  /** First and last minute with chat, or null when none was counted. */
  chatSpan(): Span | null {
    this.flush();
    const row = this.db.prepare('SELECT MIN(minute) AS first, MAX(minute) AS last FROM show_chat_minutes').get() as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  /** First and last scene change, or null when none was recorded. */
  sceneSpan(): Span | null {
    const row = this.db.prepare('SELECT MIN(at) AS first, MAX(at) AS last FROM show_scene_changes').get() as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }

  /** Chat per minute and kind for minutes in [from, to), oldest first. */
  chatMinutes(from: number, to: number): ChatMinute[] {
    this.flush();
    return (this.db.prepare('SELECT minute, kind, count FROM show_chat_minutes WHERE minute >= ? AND minute < ? ORDER BY minute').all(from, to) as ChatMinute[])
      // A kind a later version dropped is skipped rather than shown under a name the report cannot translate.
      .filter((r) => KINDS.has(r.kind));
  }

  /** Scene changes in [from, to), oldest first, preceded by the one live at `from` (the scene the window opens on). */
  sceneChanges(from: number, to: number): SceneChange[] {
    const before = this.db.prepare('SELECT at, scene FROM show_scene_changes WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1').get(from) as SceneChange | undefined;
    const within = this.db.prepare('SELECT at, scene FROM show_scene_changes WHERE at >= ? AND at < ? ORDER BY at, id').all(from, to) as SceneChange[];
    return before ? [before, ...within] : within;
  }

  private slot(at: number): PendingMinute {
    const minute = minuteOf(at);
    const slot = this.pending.get(minute) ?? { chat: {}, questions: 0 };
    this.pending.set(minute, slot);
    return slot;
  }

  /** Adds late counts to every mark of their minute taken at or after the instant they were received. */
  private joinMarks(at: number, add: (mark: ChatMark) => void): void {
    const minute = minuteOf(at);
    for (const mark of this.marks.values()) {
      if (mark.at < at || minuteOf(mark.at) !== minute) continue;
      add(mark);
      this.dirtyMarks.add(mark.at);
    }
  }

  /** Stops the flush timer and writes what is still counted (the hub closes the database after this). */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

/**
 * The post-show timeline: the ledger's paid orders per minute and cue segments merged with the scene and chat
 * history, over the window the show's activity spans (null before anything happened). `showStartedAt` (the ledger's
 * new-show mark) keeps earlier shows out of the window.
 */
export function reportTimeline(
  history: ShowHistory,
  salesByMinute: Tallies['byMinute'],
  segments: readonly CueSegment[],
  showStartedAt: number | null = null,
): ShowTimeline | null {
  const since = (span: Span | null) => spanSince(span, showStartedAt === null ? null : minuteOf(showStartedAt));
  const window = timelineWindow(
    [spanOf(Object.keys(salesByMinute).map(Number)), since(spanOf(segments.map((s) => s.startedAt))), since(history.chatSpan())],
    since(history.sceneSpan()),
  );
  if (!window) return null;
  return buildShowTimeline({
    window,
    salesByMinute,
    segments,
    scenes: history.sceneChanges(window.from, window.to),
    chat: history.chatMinutes(window.from, window.to),
  });
}

/**
 * The timeline of an on-air window: from going live to the end (to now while on air), minute by minute, with the
 * ledger's orders placed in it (`salesByMinute` of the window's figures), the cues and scenes clipped to it, and chat
 * and buyer questions counted exactly from going live to the end.
 */
export function onAirTimeline(
  history: ShowHistory,
  salesByMinute: Tallies['byMinute'],
  segments: readonly CueSegment[],
  span: OnAirSpan,
): ShowTimeline {
  const window = onAirTimelineWindow(span);
  const { chat, questions } = history.chatWithin(span);
  return buildShowTimeline({ window, salesByMinute, segments, scenes: history.sceneChanges(window.from, window.to), chat, questions, onAir: span });
}
