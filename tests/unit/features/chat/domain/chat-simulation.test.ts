import { describe, expect, it } from 'vitest';
import { detectBuyerIntents } from '../../../../../electron/features/chat/domain/buyer-intent';
import { createChatSimulation, DEFAULT_SIMULATION, simulatedRate } from '../../../../../electron/features/chat/domain/chat-simulation';
import { createMentionMatcher } from '../../../../../electron/features/chat/domain/product-mentions';

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
