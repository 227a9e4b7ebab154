import { describe, expect, it } from 'vitest';
import { detectBuyerIntents } from '../../../../../electron/features/chat/domain/buyer-intent';
import { createChatSimulation, DEFAULT_SIMULATION, simulatedRate } from '../../../../../electron/features/chat/domain/chat-simulation';
import { createMentionMatcher } from '../../../../../electron/features/chat/domain/product-mentions';
import { trimBatch } from '../../../../../electron/features/chat/hub/chat-feature';
import type { ChatEntry } from '../../../../../electron/features/chat/domain/chat';

const products = [{ id: 'teapot', title: '紫砂壶', aliases: ['clay teapot'] }];

describe('chat simulation', () => {
  it('follows the zh share, question share and product mentions it is given, reproducibly', () => {
    const settings = { ...DEFAULT_SIMULATION, zhShare: 1, questionShare: 1, mentionShare: 1 };
    const a = createChatSimulation(settings, products, 7).next(200, 1000, 'run');
    const b = createChatSimulation(settings, products, 7).next(200, 1000, 'run');
    expect(a).toEqual(b);
    const comments = a.filter((m) => m.kind === 'comment');
    expect(comments.length).toBe(200);
    expect(comments.every((m) => detectBuyerIntents(m.text).length > 0)).toBe(true);
    expect(comments.every((m) => /\p{Script=Han}/u.test(m.text))).toBe(true);
    const mentions = createMentionMatcher(products);
    expect(comments.every((m) => mentions.find(m.text).includes('teapot'))).toBe(true);
    expect(new Set(a.map((m) => m.id)).size).toBe(200);
  });

  it('produces small talk in English when asked for no questions and no Chinese', () => {
    const out = createChatSimulation({ ...DEFAULT_SIMULATION, zhShare: 0, questionShare: 0, mentionShare: 0 }, products, 3).next(100, 0, 'r');
    expect(out.filter((m) => m.kind === 'comment').every((m) => detectBuyerIntents(m.text).length === 0)).toBe(true);
    expect(out.some((m) => /\p{Script=Han}/u.test(m.text))).toBe(false);
  });

  it('multiplies the rate during bursts', () => {
    const s = { ...DEFAULT_SIMULATION, ratePerSecond: 10, burst: { everySeconds: 20, seconds: 3, multiplier: 10 } };
    expect(simulatedRate(s, 1_000)).toBe(10);
    expect(simulatedRate(s, 18_000)).toBe(100);
    expect(simulatedRate(s, 21_000)).toBe(10);
    expect(simulatedRate({ ...s, burst: null }, 18_000)).toBe(10);
  });
});

describe('trimBatch', () => {
  const entry = (seq: number): ChatEntry =>
    ({ seq, key: `p:${seq}`, intents: [], productIds: [] }) as unknown as ChatEntry;
  it('keeps every lane entry and the newest others when a flood overflows a batch', () => {
    const queue = Array.from({ length: 10 }, (_, i) => ({ entry: entry(i), isLane: i === 1 || i === 2 }));
    expect(trimBatch(queue, 4).map((e) => e.seq)).toEqual([1, 2, 8, 9]);
    expect(trimBatch(queue, 20).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
