/** What a platform bridge reports: a comment, or an event the chat shows (gift, like, follow, join). */
export const CHAT_KINDS = ['comment', 'gift', 'like', 'follow', 'join'] as const;

/** Kind of a chat item. */
export type ChatKind = (typeof CHAT_KINDS)[number];

/** Buyer intents the questions lane recognises. */
export const BUYER_INTENTS = ['price', 'size', 'stock', 'shipping', 'howToBuy'] as const;

/** One buyer intent: what the viewer wants to know before buying. */
export type BuyerIntent = (typeof BUYER_INTENTS)[number];

/** Limits of one ingested message; the ingest schema and the docs use the same numbers. */
export const CHAT_LIMITS = {
  idLength: 128,
  platformLength: 32,
  userNameLength: 64,
  textLength: 2000,
  messagesPerBatch: 1000,
} as const;

/** A chat message as a bridge posts it (already validated). `ts` is the platform's epoch ms. */
export interface ChatMessage {
  id: string;
  platform: string;
  user: { id: string; name: string };
  text: string;
  ts: number;
  kind: ChatKind;
}

/** A message as the studio shows it: the bridge's fields plus what the hub derived and moderation flags. */
export interface ChatEntry extends ChatMessage {
  /** `platform:id`, unique per message across platforms. */
  key: string;
  /** Hub order (increasing); clients use it to catch up after a gap. */
  seq: number;
  /** Hub clock (epoch ms) when the message was accepted. */
  receivedAt: number;
  /** Buyer intents found in the text; non-empty means the message is a buyer question. */
  intents: BuyerIntent[];
  /** Ids of products the text mentions (by title or alias). */
  productIds: string[];
  isHighlighted: boolean;
  isAnswered: boolean;
}

/** The unique key of a message: platforms reuse ids, so the platform is part of it. */
export function chatKey(platform: string, id: string): string {
  return `${platform}:${id}`;
}

/** True when an entry belongs in the questions lane (buyer intent or product mention, not yet answered). */
export function isLaneEntry(entry: Pick<ChatEntry, 'intents' | 'productIds' | 'isAnswered' | 'kind'>): boolean {
  return entry.kind === 'comment' && !entry.isAnswered && (entry.intents.length > 0 || entry.productIds.length > 0);
}
