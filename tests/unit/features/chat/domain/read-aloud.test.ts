import { describe, expect, it } from 'vitest';
import { newQuestions, questionUtterance } from '../../../../../electron/features/chat/domain/read-aloud';

const q = (key: string, receivedAt: number) => ({ entry: { key, receivedAt } });

describe('reading buyer questions aloud', () => {
  it("says who asks and what, in the question's own language, without reading links out", () => {
    expect(questionUtterance({ user: { name: '小李' }, text: '紫砂壶多少钱？' })).toEqual({ text: '小李问：紫砂壶多少钱？', lang: 'zh-CN' });
    expect(questionUtterance({ user: { name: 'Mia' }, text: 'Do you ship to Canada?' })).toEqual({ text: 'Mia asks: Do you ship to Canada?', lang: 'en-US' });
    // A Chinese question from an English name is read in Chinese; a link becomes a word.
    expect(questionUtterance({ user: { name: 'Tom' }, text: '看这个 https://item.example.com/123?x=1 有吗' })).toEqual({ text: 'Tom问：看这个 链接 有吗', lang: 'zh-CN' });
    expect(questionUtterance({ user: { name: ' ' }, text: 'size? www.example.com/size' })).toEqual({ text: 'size? a link', lang: 'en-US' });
  });

  it('reads only questions new to the lane that arrived after it was turned on, oldest first', () => {
    const lane = [q('a', 100), q('c', 300), q('b', 250), q('old', 50)];
    expect(newQuestions(lane, new Set(['a']), 90).map((x) => x.entry.key)).toEqual(['b', 'c']);
    expect(newQuestions(lane, new Set(), 260).map((x) => x.entry.key)).toEqual(['c']);
    expect(newQuestions([], new Set(), 0)).toEqual([]);
  });
});
