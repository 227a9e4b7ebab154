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
}

/** The chat feature offers its pipeline under this key. */
export const CHAT_INGEST = serviceKey<ChatIngest>('chat.ingest');
