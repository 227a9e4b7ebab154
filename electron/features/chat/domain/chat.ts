/**
 * What a platform bridge reports: a comment, or an event the chat shows (gift, like, follow, join), or an order signal
 * from a shop's console (`orderPlaced`, `orderPaid`: someone bought the product named in the text). A signal carries no
 * amount and never reaches the sales ledger: the shop's own order feed is what counts.
 */
export const CHAT_KINDS = ['comment', 'gift', 'like', 'follow', 'join', 'orderPlaced', 'orderPaid'] as const;

/** The order signals among {@link CHAT_KINDS}. */
export const ORDER_SIGNAL_KINDS = ['orderPlaced', 'orderPaid'] as const satisfies readonly ChatKind[];

/** Kind of a chat item. */
export type ChatKind = (typeof CHAT_KINDS)[number];

/** Buyer intents the questions lane recognises. */
export const BUYER_INTENTS = ['price', 'size', 'stock', 'shipping', 'howToBuy', 'wantToBuy'] as const;

/** One buyer intent: what the viewer wants to know before buying, or that they want to buy ("想要", "I'll take one"). */
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
  /** Buyer intents found in the text (zh-CN and English). */
  intents: BuyerIntent[];
  /** True when the text asks something or wants to buy (a buyer intent, or a question's form): a lane candidate. */
  isQuestion: boolean;
  /** Ids of products the text mentions (by title or alias). */
  productIds: string[];
  isHighlighted: boolean;
  isAnswered: boolean;
  /** Taken out of the questions lane without an answer (off topic, already covered). */
  isDismissed: boolean;
}

/** The unique key of a message: platforms reuse ids, so the platform is part of it. */
export function chatKey(platform: string, id: string): string {
  return `${platform}:${id}`;
}

/**
 * True when an entry belongs in the questions lane: a comment that asks or wants to buy, still open. Naming a product
 * is not enough ("紫砂壶好看" is praise, not a question); which questions stay is the lane's ranking (question-lane.ts).
 */
export function isLaneEntry(entry: Pick<ChatEntry, 'isQuestion' | 'isAnswered' | 'isDismissed' | 'kind'>): boolean {
  return entry.kind === 'comment' && entry.isQuestion && !entry.isAnswered && !entry.isDismissed;
}
