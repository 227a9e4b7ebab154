import { describe, expect, it } from 'vitest';
import { BANNED_TERMS, ZH_ABSOLUTE_TERMS } from '../../../../../electron/features/compliance/domain/banned-terms';
import { detectBuyerIntents } from '../../../../../electron/features/chat/domain/buyer-intent';
import { chatKey, isLaneEntry } from '../../../../../electron/features/chat/domain/chat';
import { createChatFilter } from '../../../../../electron/features/chat/domain/chat-filter';
import { safeHttpsUrl, tokenizeChatText } from '../../../../../electron/features/chat/domain/chat-text';
import { createMentionMatcher } from '../../../../../electron/features/chat/domain/product-mentions';
import { createRingBuffer, mapItems, pushAll, retain } from '../../../../../electron/core/domain/ring-buffer';

describe('detectBuyerIntents', () => {
  it.each([
    ['这个多少钱', ['price']],
    ['主播 这款杯子什么价？', ['price']],
    ['有优惠券吗', ['price']],
    ['穿什么码', ['size']],
    ['160斤穿多大', ['size']],
    ['还有货吗', ['stock']],
    ['什么时候补货', ['stock']],
    ['包邮吗', ['shipping']],
    ['几天到北京', ['shipping']],
    ['怎么买啊', ['howToBuy']],
    ['几号链接', ['howToBuy']],
    ['How much is the teapot?', ['price']],
    ["what's the price", ['price']],
    ['what size should I get', ['size']],
    ['Is it still available?', ['stock']],
    ['do you ship to Canada?', ['shipping']],
    ['how do I buy this', ['howToBuy']],
    ['多少钱 包邮吗', ['price', 'shipping']],
  ])('finds the intent in %s', (text, intents) => {
    expect(detectBuyerIntents(text)).toEqual(intents);
  });

  it.each(['主播好美', '哈哈哈哈', 'this is a great price!', 'love the size', '666', '', 'hello from Toronto'])(
    'leaves small talk out of the lane: %s',
    (text) => {
      expect(detectBuyerIntents(text)).toEqual([]);
    },
  );

  it('sees through full-width letters and case', () => {
    expect(detectBuyerIntents('ＨＯＷ ＭＵＣＨ')).toEqual(['price']);
  });
});

describe('createChatFilter', () => {
  it('matches custom terms case- and width-insensitively, through separators in Chinese', () => {
    const filter = createChatFilter({ terms: ['加微信', 'spam'], useSharedList: false });
    expect(filter.find('快 加.微 信 领红包')).toEqual(['加微信']);
    expect(filter.find('ＳＰＡＭ here')).toEqual(['spam']);
    expect(filter.find('加油')).toEqual([]);
  });

  it('matches Latin terms on word boundaries only', () => {
    const filter = createChatFilter({ terms: ['cure'], useSharedList: false });
    expect(filter.find('this will cure you')).toEqual(['cure']);
    expect(filter.find('secure checkout')).toEqual([]);
  });

  it('uses the shared banned-words list only when asked', () => {
    expect(createChatFilter({ terms: [], useSharedList: false }).find('全网最低价')).toEqual([]);
    const shared = createChatFilter({ terms: [], useSharedList: true });
    expect(shared.find('国家级 顶级工艺')).toEqual(expect.arrayContaining(['国家级', '顶级']));
    expect(shared.find('100% guaranteed')).toEqual(expect.arrayContaining(['100%', 'guaranteed']));
    expect(shared.find('可以治疗失眠')).toContain('治疗');
  });

  it('shares one list that holds the advertising-law absolute terms', () => {
    for (const term of ['最', '第一', '国家级', '顶级', '100%']) expect(ZH_ABSOLUTE_TERMS).toContain(term);
    expect(BANNED_TERMS.length).toBeGreaterThan(40);
  });
});

describe('tokenizeChatText', () => {
  it('keeps markup as plain text', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect(tokenizeChatText(payload)).toEqual([{ kind: 'text', text: payload }]);
  });

  it('makes https links openable and leaves other schemes inert', () => {
    expect(tokenizeChatText('看这里 https://shop.example.com/p/1?a=b。好')).toEqual([
      { kind: 'text', text: '看这里 ' },
      { kind: 'link', text: 'https://shop.example.com/p/1?a=b', href: 'https://shop.example.com/p/1?a=b' },
      { kind: 'text', text: '。好' },
    ]);
    const tokens = tokenizeChatText('go http://x.test and javascript:alert(1) or data:text/html,hi');
    expect(tokens.filter((t) => t.kind === 'link').map((t) => (t.kind === 'link' ? t.href : 'x'))).toEqual([null, null, null]);
  });

  it('drops bidi overrides and control characters, and round-trips the rest', () => {
    const tokens = tokenizeChatText('abc\u202Egnp.exe\u0007 https://a.test/x.');
    expect(tokens.map((t) => t.text).join('')).toBe('abcgnp.exe https://a.test/x.');
    expect(tokens[1]).toEqual({ kind: 'link', text: 'https://a.test/x', href: 'https://a.test/x' });
  });

  it('refuses URLs with credentials', () => {
    expect(safeHttpsUrl('https://user:pw@evil.test/')).toBeNull();
    expect(safeHttpsUrl('https://ok.test/')).toBe('https://ok.test/');
  });
});

describe('createMentionMatcher', () => {
  const products = [
    { id: 'teapot', title: '紫砂壶', aliases: ['西施壶', 'clay teapot'] },
    { id: 'cups', title: 'Celadon cup set', aliases: ['青瓷杯'] },
    { id: 'x', title: '壶', aliases: [] },
  ];
  it('finds titles and aliases in zh and en, each product once, ignoring one-character names', () => {
    const m = createMentionMatcher(products);
    expect(m.find('西施壶还有吗')).toEqual(['teapot']);
    expect(m.find('is the CLAY  TEAPOT in stock? and the celadon cup set')).toEqual(['teapot', 'cups']);
    expect(m.find('紫 砂 壶 和 青瓷杯')).toEqual(['teapot', 'cups']);
    expect(m.find('这个壶好看')).toEqual([]);
  });
});

describe('ring buffer', () => {
  it('keeps the newest items up to capacity and counts what it dropped', () => {
    let b = createRingBuffer<number>(3);
    b = pushAll(b, [1, 2]);
    expect(b.items).toEqual([1, 2]);
    b = pushAll(b, [3, 4]);
    expect(b.items).toEqual([2, 3, 4]);
    b = pushAll(b, [5, 6, 7, 8, 9]);
    expect(b.items).toEqual([7, 8, 9]);
    expect(b.dropped).toBe(6);
    expect(pushAll(b, [])).toBe(b);
  });

  it('stays bounded over a long run', () => {
    let b = createRingBuffer<number>(500);
    for (let i = 0; i < 2000; i += 1) b = pushAll(b, Array.from({ length: 150 }, (_, j) => i * 150 + j));
    expect(b.items.length).toBe(500);
    expect(b.items.at(-1)).toBe(2000 * 150 - 1);
  });

  it('filters and maps without copying when nothing changes', () => {
    const b = pushAll(createRingBuffer<number>(5), [1, 2, 3]);
    expect(retain(b, () => true)).toBe(b);
    expect(retain(b, (n) => n !== 2).items).toEqual([1, 3]);
    expect(mapItems(b, (n) => n)).toBe(b);
    expect(mapItems(b, (n) => (n === 3 ? 30 : n)).items).toEqual([1, 2, 30]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createRingBuffer(0)).toThrow(/positive integer/);
  });
});

describe('chat entries', () => {
  it('keys by platform and id, and puts open questions (not mere product mentions) in the lane', () => {
    expect(chatKey('douyin', '42')).toBe('douyin:42');
    const base = { kind: 'comment' as const, isAnswered: false, isDismissed: false, isQuestion: false };
    expect(isLaneEntry(base)).toBe(false);
    expect(isLaneEntry({ ...base, isQuestion: true })).toBe(true);
    expect(isLaneEntry({ ...base, isQuestion: true, isAnswered: true })).toBe(false);
    expect(isLaneEntry({ ...base, isQuestion: true, isDismissed: true })).toBe(false);
    expect(isLaneEntry({ ...base, kind: 'gift', isQuestion: true })).toBe(false);
  });
});
