import { serviceKey } from '../../../core/protocol/service-key';
import type { ChatMessage } from '../domain/chat';

/** What the chat pipeline did with a batch (the ingest endpoint's answer, a bridge's counters). */
export interface ChatIntake {
  accepted: number;
  duplicates: number;
  filtered: number;
  blocked: number;
  /** Simulated messages that arrived after the show went live. */
  droppedRehearsal: number;
}

/** The chat pipeline as other hub features feed it (the built-in bridges): dedupe, filters, lane, mentions, batching. */
export interface ChatIngest {
  /** Takes validated messages into the chat, exactly as the signed ingest endpoint does. */
  accept(messages: readonly ChatMessage[]): ChatIntake;
  /**
   * Takes messages off every screen because the platform removed them (a moderator there deleted one, timed out or
   * banned a viewer): one message by its key, a viewer's messages, or, with `userId` null, the platform's whole chat.
   * Nobody is blocked by it. Returns the keys taken off.
   */
  remove(target: { key: string } | { platform: string; userId: string | null }): string[];
}

/** The chat feature offers its pipeline under this key. */
export const CHAT_INGEST = serviceKey<ChatIngest>('chat.ingest');
