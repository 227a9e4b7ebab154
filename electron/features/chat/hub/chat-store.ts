import type { BuyerIntent, ChatEntry, ChatMessage } from '../domain/chat';
import { chatKey } from '../domain/chat';
import { DEFAULT_CHAT_FILTERS, type ChatFilterSettings } from '../domain/chat-filter';
import type { ProductRef } from '../domain/product-mentions';
import type { RehearsalCut } from '../domain/rehearsal-cut';
import { DEFAULT_READ_ALOUD, type ReadAloudSettings } from '../domain/read-aloud';
import type { BlockedUser } from '../protocol/chat-events';
import type { Db, Migration } from '../../../core/hub/storage';

/** Schema of chat.db: its own file because chat is high-volume and lossy, unlike orders. */
export const CHAT_MIGRATIONS: Migration[] = [
  {
    feature: 'chat',
    version: 1,
    sql: `
      CREATE TABLE chat_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        text TEXT NOT NULL,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        intents TEXT NOT NULL,
        product_ids TEXT NOT NULL,
        -- visible | hidden (moderator) | filtered (keyword) | blocked (user blocked) | cleared (before going live)
        status TEXT NOT NULL,
        is_lane INTEGER NOT NULL,
        is_highlighted INTEGER NOT NULL DEFAULT 0,
        is_answered INTEGER NOT NULL DEFAULT 0,
        UNIQUE (platform, id)
      );
      CREATE INDEX chat_messages_visible ON chat_messages (status, seq);
      CREATE INDEX chat_messages_lane ON chat_messages (status, is_lane, is_answered, seq);
      CREATE INDEX chat_messages_user ON chat_messages (platform, user_id);
      CREATE TABLE chat_blocked_users (
        platform TEXT NOT NULL, user_id TEXT NOT NULL, name TEXT NOT NULL, blocked_at INTEGER NOT NULL,
        PRIMARY KEY (platform, user_id)
      );
      CREATE TABLE chat_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- What each moderation action touched; the core audit_log records who ran which command and whether it worked.
      CREATE TABLE chat_moderation_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_id TEXT NOT NULL, role TEXT NOT NULL,
        action TEXT NOT NULL, target TEXT NOT NULL
      );
    `,
  },
  {
    // The questions lane takes questions only (#21): is_lane now means "asks or wants to buy"; a product mention alone
    // no longer counts, so older rows without an intent leave the lane. is_dismissed: taken out without an answer.
    feature: 'chat',
    version: 2,
    sql: `
      ALTER TABLE chat_messages ADD COLUMN is_dismissed INTEGER NOT NULL DEFAULT 0;
      UPDATE chat_messages SET is_lane = 0 WHERE intents = '[]';
    `,
  },
];

/**
 * Where a stored message stands. `cleared`: it was on screen before the show went live and went at the cut (see
 * domain/rehearsal-cut.ts); rows are kept, not deleted, so the moderation log and a later audit still find them.
 */
export type ChatRowStatus = 'visible' | 'hidden' | 'filtered' | 'blocked' | 'cleared';

/** A message with what the hub derived, ready to store. */
export interface ChatInsert {
  message: ChatMessage;
  receivedAt: number;
  intents: BuyerIntent[];
  productIds: string[];
  status: ChatRowStatus;
  /** The message asks or wants to buy (`ChatEntry.isQuestion`): a questions-lane candidate. */
  isLane: boolean;
}

interface Row {
  seq: number;
  platform: string;
  id: string;
  user_id: string;
  user_name: string;
  text: string;
  ts: number;
  kind: ChatMessage['kind'];
  received_at: number;
  intents: string;
  product_ids: string;
  is_lane: number;
  is_highlighted: number;
  is_answered: number;
  is_dismissed: number;
  status: ChatRowStatus;
}

function toEntry(r: Row): ChatEntry {
  return {
    key: chatKey(r.platform, r.id),
    seq: r.seq,
    id: r.id,
    platform: r.platform,
    user: { id: r.user_id, name: r.user_name },
    text: r.text,
    ts: r.ts,
    kind: r.kind,
    receivedAt: r.received_at,
    intents: JSON.parse(r.intents) as BuyerIntent[],
    isQuestion: r.is_lane === 1,
    productIds: JSON.parse(r.product_ids) as string[],
    isHighlighted: r.is_highlighted === 1,
    isAnswered: r.is_answered === 1,
    isDismissed: r.is_dismissed === 1,
  };
}

/** Splits `platform:id` (ids may contain ":"; platforms may not). */
function splitKey(key: string): { platform: string; id: string } | null {
  const at = key.indexOf(':');
  return at > 0 ? { platform: key.slice(0, at), id: key.slice(at + 1) } : null;
}

/** Chat storage: dedupe by (platform, id) with a UNIQUE constraint, moderation flags, settings, blocked users. */
export class ChatStore {
  private readonly insert;
  private readonly byKey;
  private readonly latestVisible;
  private readonly latestOpenQuestions;
  private readonly visibleAfter;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO chat_messages
        (platform, id, user_id, user_name, text, ts, kind, received_at, intents, product_ids, status, is_lane)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byKey = db.prepare('SELECT * FROM chat_messages WHERE platform = ? AND id = ?');
    this.latestVisible = db.prepare("SELECT * FROM chat_messages WHERE status = 'visible' ORDER BY seq DESC LIMIT ?");
    this.latestOpenQuestions = db.prepare(
      "SELECT * FROM chat_messages WHERE status = 'visible' AND is_lane = 1 AND is_answered = 0 AND is_dismissed = 0 ORDER BY seq DESC LIMIT ?",
    );
    this.visibleAfter = db.prepare("SELECT * FROM chat_messages WHERE status = 'visible' AND seq > ? ORDER BY seq DESC LIMIT ?");
  }

  /** Stores a batch in one transaction; returns the entries that were new (duplicates are skipped), with status. */
  insertBatch(batch: readonly ChatInsert[]): { entry: ChatEntry; status: ChatRowStatus; isLane: boolean }[] {
    return this.db.transaction(() => {
      const fresh: { entry: ChatEntry; status: ChatRowStatus; isLane: boolean }[] = [];
      for (const item of batch) {
        const m = item.message;
        const info = this.insert.run(
          m.platform, m.id, m.user.id, m.user.name, m.text, m.ts, m.kind, item.receivedAt,
          JSON.stringify(item.intents), JSON.stringify(item.productIds), item.status, item.isLane ? 1 : 0,
        );
        if (info.changes === 0) continue;
        fresh.push({
          status: item.status,
          isLane: item.isLane,
          entry: {
            ...m,
            user: { ...m.user },
            key: chatKey(m.platform, m.id),
            seq: Number(info.lastInsertRowid),
            receivedAt: item.receivedAt,
            intents: item.intents,
            isQuestion: item.isLane,
            productIds: item.productIds,
            isHighlighted: false,
            isAnswered: false,
            isDismissed: false,
          },
        });
      }
      return fresh;
    })();
  }

  /** A visible message by key, or null (unknown, hidden, filtered or blocked). */
  visible(key: string): ChatEntry | null {
    const k = splitKey(key);
    const row = k ? (this.byKey.get(k.platform, k.id) as Row | undefined) : undefined;
    return row && row.status === 'visible' ? toEntry(row) : null;
  }

  /** The newest visible messages, oldest first. */
  recent(limit: number): ChatEntry[] {
    return (this.latestVisible.all(limit) as Row[]).reverse().map(toEntry);
  }

  /** The newest open questions (visible, asking, neither answered nor dismissed), oldest first: to rebuild the lane. */
  openQuestions(limit: number): ChatEntry[] {
    return (this.latestOpenQuestions.all(limit) as Row[]).reverse().map(toEntry);
  }

  /** Visible messages newer than a seq (the newest `limit`), oldest first. */
  after(seq: number, limit: number): ChatEntry[] {
    return (this.visibleAfter.all(seq, limit) as Row[]).reverse().map(toEntry);
  }

  /**
   * Closes a question for every viewer who asked it: sets the flag on all the asks in one statement (so a restart
   * cannot rebuild it from one left open). Returns the first ask as it is now, or null when it is not visible.
   */
  closeQuestion(keys: readonly string[], flag: 'is_answered' | 'is_dismissed'): ChatEntry | null {
    const pairs = keys.map(splitKey).filter((k): k is { platform: string; id: string } => k !== null);
    if (pairs.length === 0) return null;
    const update = this.db.prepare(`UPDATE chat_messages SET ${flag} = 1 WHERE platform = ? AND id = ? AND status = 'visible'`);
    this.db.transaction(() => {
      for (const k of pairs) update.run(k.platform, k.id);
    })();
    return this.visible(keys[0]!);
  }

  /** The seq of the last message received at or before `at` (hub clock), or 0 when none was. */
  lastSeqReceivedBy(at: number): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM chat_messages WHERE received_at <= ?').get(at) as { seq: number | null };
    return row.seq ?? 0;
  }

  /** The seq of the newest stored message, or 0. */
  lastSeq(): number {
    const row = this.db.prepare('SELECT MAX(seq) AS seq FROM chat_messages').get() as { seq: number | null };
    return row.seq ?? 0;
  }

  /**
   * Clears every visible message up to a seq and records the cut and the unpin in the same transaction, so a restart
   * finds either all of it or none of it (and then makes the owed cut again). Returns how many messages went.
   */
  clearThrough(throughSeq: number, record: (count: number) => void): number {
    return this.db.transaction(() => {
      const count = this.db.prepare("UPDATE chat_messages SET status = 'cleared' WHERE status = 'visible' AND seq <= ?").run(throughSeq).changes;
      record(count);
      return count;
    })();
  }

  /** Hides the visible messages of a viewer, or of a whole platform (`userId` null); returns their keys. */
  hideFrom(platform: string, userId: string | null): string[] {
    return this.db.transaction(() => {
      const where = userId === null ? 'platform = ?' : 'platform = ? AND user_id = ?';
      const args = userId === null ? [platform] : [platform, userId];
      const rows = this.db.prepare(`SELECT id FROM chat_messages WHERE ${where} AND status = 'visible'`).all(...args) as { id: string }[];
      this.db.prepare(`UPDATE chat_messages SET status = 'hidden' WHERE ${where} AND status = 'visible'`).run(...args);
      return rows.map((r) => chatKey(platform, r.id));
    })();
  }

  /** Hides one visible message; returns false when it was not visible. */
  hide(key: string): boolean {
    const k = splitKey(key);
    if (!k) return false;
    return this.db.prepare("UPDATE chat_messages SET status = 'hidden' WHERE platform = ? AND id = ? AND status = 'visible'").run(k.platform, k.id).changes > 0;
  }

  /** Sets a flag of a visible message; returns the updated entry, or null when it is not visible. */
  setFlag(key: string, flag: 'is_highlighted' | 'is_answered', value: boolean): ChatEntry | null {
    const k = splitKey(key);
    if (!k) return null;
    this.db.prepare(`UPDATE chat_messages SET ${flag} = ? WHERE platform = ? AND id = ? AND status = 'visible'`).run(value ? 1 : 0, k.platform, k.id);
    return this.visible(key);
  }

  /** Blocks a user: records them and marks their visible messages blocked; returns the keys that were visible. */
  block(platform: string, userId: string, now: number): string[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare("SELECT id, user_name FROM chat_messages WHERE platform = ? AND user_id = ? AND status = 'visible'")
        .all(platform, userId) as { id: string; user_name: string }[];
      const nameRow = this.db
        .prepare('SELECT user_name FROM chat_messages WHERE platform = ? AND user_id = ? ORDER BY seq DESC LIMIT 1')
        .get(platform, userId) as { user_name: string } | undefined;
      this.db
        .prepare('INSERT OR REPLACE INTO chat_blocked_users (platform, user_id, name, blocked_at) VALUES (?, ?, ?, ?)')
        .run(platform, userId, nameRow?.user_name ?? userId, now);
      this.db.prepare("UPDATE chat_messages SET status = 'blocked' WHERE platform = ? AND user_id = ? AND status = 'visible'").run(platform, userId);
      return rows.map((r) => chatKey(platform, r.id));
    })();
  }

  /** Unblocks a user for new messages (earlier ones stay hidden: unblocking should not flood the screen). */
  unblock(platform: string, userId: string): void {
    this.db.prepare('DELETE FROM chat_blocked_users WHERE platform = ? AND user_id = ?').run(platform, userId);
  }

  /** Every blocked user, newest first. */
  blockedUsers(): BlockedUser[] {
    return (this.db.prepare('SELECT platform, user_id, name FROM chat_blocked_users ORDER BY blocked_at DESC').all() as {
      platform: string;
      user_id: string;
      name: string;
    }[]).map((r) => ({ platform: r.platform, userId: r.user_id, name: r.name }));
  }

  /** Reads a setting. */
  setting<T>(key: string, fallback: T): T {
    const row = this.db.prepare('SELECT value FROM chat_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  /** Writes a setting. */
  saveSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO chat_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  /** Records what a moderation action touched. */
  logModeration(actor: { id: string; role: string }, action: string, target: string): void {
    this.db
      .prepare('INSERT INTO chat_moderation_log (at, actor_id, role, action, target) VALUES (?, ?, ?, ?, ?)')
      .run(Date.now(), actor.id, actor.role, action, target);
  }
}

/** Settings with their defaults. */
export const CHAT_SETTING_DEFAULTS = {
  filters: DEFAULT_CHAT_FILTERS as ChatFilterSettings,
  products: [] as ProductRef[],
  pinned: null as string | null,
  rehearsalCleared: null as RehearsalCut | null,
  readAloud: DEFAULT_READ_ALOUD as ReadAloudSettings,
};
