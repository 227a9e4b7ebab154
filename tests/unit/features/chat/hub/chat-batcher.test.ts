import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatEntry } from '../../../../../electron/features/chat/domain/chat';
import { CHAT_FLUSH_MS, ChatBatcher, trimBatch } from '../../../../../electron/features/chat/hub/chat-batcher';

const entry = (seq: number, text = `m${seq}`): ChatEntry => ({ seq, key: `p:${seq}`, text, intents: [], productIds: [] }) as unknown as ChatEntry;

describe('trimBatch', () => {
  it('keeps every lane entry and the newest others when a flood overflows a batch', () => {
    const queue = Array.from({ length: 10 }, (_, i) => ({ entry: entry(i), isLane: i === 1 || i === 2 }));
    expect(trimBatch(queue, 4).map((e) => e.seq)).toEqual([1, 2, 8, 9]);
    expect(trimBatch(queue, 20).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('ChatBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function batcher() {
    const sent: { batch: number; seqs: number[]; texts: string[] }[] = [];
    const b = new ChatBatcher((batch, messages) => sent.push({ batch, seqs: messages.map((m) => m.seq), texts: messages.map((m) => m.text) }));
    return { b, sent };
  }

  it('sends what arrived within one flush period as one numbered batch', () => {
    const { b, sent } = batcher();
    b.enqueue([{ entry: entry(1), isLane: false }]);
    b.enqueue([{ entry: entry(2), isLane: false }]);
    vi.advanceTimersByTime(CHAT_FLUSH_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    b.enqueue([{ entry: entry(3), isLane: false }]);
    vi.advanceTimersByTime(CHAT_FLUSH_MS);
    expect(sent.map((s) => [s.batch, s.seqs])).toEqual([
      [1, [1, 2]],
      [2, [3]],
    ]);
    expect(b.lastBatch).toBe(2);
  });

  it('moderation reaches messages still waiting: a hidden one never goes out, an edited one goes out edited', () => {
    const { b, sent } = batcher();
    b.enqueue([1, 2, 3].map((seq) => ({ entry: entry(seq), isLane: false })));
    b.drop((e) => e.seq === 2);
    b.replace(entry(3, 'highlighted'));
    vi.advanceTimersByTime(CHAT_FLUSH_MS);
    expect(sent).toEqual([{ batch: 1, seqs: [1, 3], texts: ['m1', 'highlighted'] }]);
  });

  it('sends nothing for an empty period, and nothing after close', () => {
    const { b, sent } = batcher();
    b.enqueue([]);
    b.enqueue([{ entry: entry(1), isLane: false }]);
    b.drop(() => true);
    vi.advanceTimersByTime(CHAT_FLUSH_MS);
    b.enqueue([{ entry: entry(2), isLane: false }]);
    b.close();
    vi.advanceTimersByTime(CHAT_FLUSH_MS * 2);
    expect(sent).toEqual([]);
    expect(b.lastBatch).toBe(0);
  });
});
