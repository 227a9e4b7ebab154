import { CHAT_KINDS } from '../../features/chat/domain/chat';
import { minuteOf, type CueSegment, type Tallies } from '../../features/sales/domain/ledger';
import {
  addChatCounts,
  buildShowTimeline,
  sceneChange,
  spanOf,
  spanSince,
  timelineWindow,
  type ChatCounts,
  type ChatMinute,
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

/**
 * What the show did besides selling: program-scene changes and accepted chat per minute, persisted so the post-show
 * report survives a hub restart. Chat is counted in memory and written as one upsert per minute and kind every few
 * seconds (not a row per message: ingest runs at thousands of messages a second). Scene changes are written when
 * they happen, which is rare; the engine's once-a-second reports that repeat the scene write nothing.
 */
export class ShowHistory {
  private lastScene: string | null;
  /** Counts not written yet, per minute: added to the stored ones on flush (a restart mid-minute keeps both). */
  private pending = new Map<number, ChatCounts>();
  private readonly timer: NodeJS.Timeout;
  private readonly insertScene;
  private readonly upsertChat;
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
    const minute = minuteOf(at);
    this.pending.set(minute, addChatCounts(this.pending.get(minute) ?? {}, counts));
  }

  /** Writes counted chat in one transaction and drops minutes older than the kept history. */
  flush(): void {
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    this.db.transaction(() => {
      for (const [minute, counts] of pending) {
        for (const kind of CHAT_KINDS) if (counts[kind]) this.upsertChat.run(minute, kind, counts[kind]);
      }
      const newest = (this.db.prepare('SELECT MAX(minute) AS m FROM show_chat_minutes').get() as { m: number | null }).m;
      if (newest !== null) this.db.prepare('DELETE FROM show_chat_minutes WHERE minute <= ?').run(newest - this.chatHistoryMs);
    })();
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
