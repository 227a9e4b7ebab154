import type { ChatEntry } from '../domain/chat';

/** How long the hub gathers chat before one `chat.batch` goes out (the notes ask for 50-100 ms). */
export const CHAT_FLUSH_MS = 50;
/** Most messages in one batch: clients keep about this many anyway, so older ones in a flood are dropped here. */
export const CHAT_BATCH_MAX = 500;

/** A visible message waiting for the next batch, and whether it belongs in the buyer-questions lane. */
export interface QueuedChat {
  entry: ChatEntry;
  isLane: boolean;
}

/** Keeps a flood batch bounded: every lane entry (questions must not be lost to chatter), then the newest others. */
export function trimBatch(queue: readonly QueuedChat[], max: number): ChatEntry[] {
  if (queue.length <= max) return queue.map((q) => q.entry);
  const lane = queue.filter((q) => q.isLane).slice(-max);
  const room = max - lane.length;
  const others = room > 0 ? queue.filter((q) => !q.isLane).slice(-room) : [];
  return [...lane, ...others].map((q) => q.entry).sort((a, b) => a.seq - b.seq);
}

/** Gathers accepted chat for CHAT_FLUSH_MS and sends it as one numbered batch; moderation edits what still waits. */
export class ChatBatcher {
  private queue: QueuedChat[] = [];
  private timer: NodeJS.Timeout | null = null;
  private batchNo = 0;

  constructor(private readonly send: (batch: number, messages: ChatEntry[]) => void) {}

  /** The number of the last batch sent (a new window's snapshot starts after it). */
  get lastBatch(): number {
    return this.batchNo;
  }

  /** Queues messages for the next batch. */
  enqueue(items: readonly QueuedChat[]): void {
    if (items.length === 0) return;
    this.queue.push(...items);
    this.timer ??= setTimeout(() => this.flush(), CHAT_FLUSH_MS);
  }

  /**
   * Moderation also edits messages still waiting for the next flush: otherwise a message hidden (or a user blocked)
   * in the same 50 ms would go out in the batch after the `chat.changed` that removed it, and stay on screen.
   */
  drop(isGone: (e: ChatEntry) => boolean): void {
    this.queue = this.queue.filter((q) => !isGone(q.entry));
  }

  /** Puts the newer copy of a waiting message (highlighted, answered) in its place. */
  replace(entry: ChatEntry): void {
    this.queue = this.queue.map((q) => (q.entry.key === entry.key ? { ...q, entry } : q));
  }

  /** Stops the timer; what still waits is not sent (the hub is closing). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    if (this.queue.length === 0) return;
    const messages = trimBatch(this.queue, CHAT_BATCH_MAX);
    this.queue = [];
    this.batchNo += 1;
    this.send(this.batchNo, messages);
  }
}
