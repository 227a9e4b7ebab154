import type { ChatEntry } from '../domain/chat';
import type { ChatFilterSettings } from '../domain/chat-filter';
import type { ChatSimulationSettings } from '../domain/chat-simulation';
import type { ProductRef } from '../domain/product-mentions';
import type { RehearsalCut } from '../domain/rehearsal-cut';
import type { ReadAloudSettings } from '../domain/read-aloud';

/** A user the moderators blocked. */
export interface BlockedUser {
  platform: string;
  userId: string;
  name: string;
}

/** Chat settings and moderation state every client shows (sent on connect and after each change). */
export interface ChatStatus {
  /** The message pinned onto the stream (the engine paints it beside the product card). */
  pinned: ChatEntry | null;
  filters: ChatFilterSettings;
  blockedUsers: BlockedUser[];
  /** Product list used for mention detection (from `chat.products.set` until the catalog exists). */
  products: ProductRef[];
  /** The running rehearsal simulator, or null. */
  simulator: ChatSimulationSettings | null;
  /**
   * The cut made when the show last went live: messages up to `throughSeq` are gone from every screen (a window drops
   * any it still holds). Also what the report needs to tell the show's chat from rehearsal chat. Null before any show.
   */
  rehearsalCleared: RehearsalCut | null;
  /** Whether the anchor's window reads new buyer questions aloud, and how fast. */
  readAloud: ReadAloudSettings;
}

/** `chat.batch` (volatile, every 50-100 ms while chat flows): new visible messages, oldest first. */
export interface ChatBatchEvent {
  /** Increases by one per batch within a hub run; a jump tells the client it missed one (send `chat.sync`). */
  batch: number;
  messages: ChatEntry[];
}

/** One question of the buyer-questions lane as windows show it: its first ask and how many viewers asked it. */
export interface ChatLaneQuestion {
  /** The first ask (its key is what `chat.markAnswered`, `chat.dismiss` and `chat.pin` take). */
  entry: ChatEntry;
  /** Viewers' messages that asked the same (1 or more). */
  askCount: number;
}

/** `chat.lane` (reliable, at most a few per second): the whole questions lane, best first; it replaces the last one. */
export interface ChatLaneEvent {
  questions: ChatLaneQuestion[];
}

/** `chat.snapshot` (on every connect): the latest visible messages, the questions lane, and the chat status. */
export interface ChatSnapshotEvent {
  /** Number of the last batch sent before this snapshot. */
  batch: number;
  messages: ChatEntry[];
  /** The questions lane, best first. */
  questions: ChatLaneQuestion[];
  status: ChatStatus;
}

/** `chat.changed` (reliable): moderation results: messages to drop and messages whose flags changed. */
export interface ChatChangedEvent {
  removed: string[];
  updated: ChatEntry[];
}

/** What `chat.sync` returns in its result's `data`: what a client missed after a batch gap, and the lane now. */
export interface ChatSyncData {
  messages: ChatEntry[];
  questions: ChatLaneQuestion[];
}

/** What `chat.ingestInfo` returns in its result's `data` (anchor only). */
export interface ChatIngestInfo {
  endpoint: string;
  secret: string;
  /** True when the secret comes from ANCHOR_INGEST_SECRET (change it there), false when the studio generated it. */
  isFromEnv: boolean;
}

/** Names of the chat events. */
export const CHAT_EVENTS = {
  batch: 'chat.batch',
  snapshot: 'chat.snapshot',
  changed: 'chat.changed',
  status: 'chat.status',
  lane: 'chat.lane',
} as const;

/** The chat feature's events and what each carries (part of the protocol's feature events map). */
export interface ChatEvents {
  'chat.batch': ChatBatchEvent;
  'chat.snapshot': ChatSnapshotEvent;
  'chat.changed': ChatChangedEvent;
  'chat.status': ChatStatus;
  'chat.lane': ChatLaneEvent;
}
