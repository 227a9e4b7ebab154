import { describe, expect, it } from 'vitest';
import { checkProduct, createClaimChecker, splitByHits } from '../../../../../electron/features/compliance/domain/compliance';
import { buildOverlayCard, countdownText } from '../../../../../electron/features/overlay/domain/overlay-card';
import { cardBox, cardDrawing, fitText, pinnedBox, pinnedDrawing, textWidth } from '../../../../../electron/features/overlay/domain/overlay-layout';
import {
  addCue,
  cueElapsedMs,
  goToCue,
  initialRundown,
  moveCue,
  nextCueOf,
  removeCue,
  stepCue,
  type RundownResult,
  type RundownState,
} from '../../../../../electron/features/rundown/domain/rundown';
import { product, productCue } from '../../../../helpers/rundown';

function must(result: RundownResult): RundownState {
  if (!result.ok) throw new Error(result.reason);
  return result.state;
}

function threeCues(): RundownState {
  let s = initialRundown();
  for (const id of ['a', 'b', 'c']) s = must(addCue(s, productCue(id, id.toUpperCase())));
  return s;
}

describe('rundown: pure run-of-show edits', () => {
  it('adds, moves and removes cues, refusing duplicates and unknown ids with reasons', () => {
    let s = threeCues();
    s = must(moveCue(s, 'c', 0));
    expect(s.cues.map((c) => c.id)).toEqual(['c', 'a', 'b']);
    s = must(moveCue(s, 'c', 99));
    expect(s.cues.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(addCue(s, productCue('a', 'A'))).toMatchObject({ ok: false, reason: expect.stringMatching(/already exists/) });
    expect(moveCue(s, 'zz', 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/No cue zz/) });
    s = must(removeCue(must(goToCue(s, 'b', 1000)), 'b'));
    expect(s).toMatchObject({ currentCueId: null, cueStartedAt: null });
    expect(s.cues.map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('steps through cues from the start, and banks time so a revisited cue keeps counting', () => {
    let s = threeCues();
    expect(nextCueOf(s)?.id).toBe('a');
    s = must(stepCue(s, 1, 0));
    expect(s.currentCueId).toBe('a');
    s = must(stepCue(s, 1, 10_000, 'a'));
    expect(cueElapsedMs(s, 'a', 99_999)).toBe(10_000);
    expect(cueElapsedMs(s, 'b', 15_000)).toBe(5_000);
    s = must(goToCue(s, 'a', 20_000));
    expect(cueElapsedMs(s, 'a', 25_000)).toBe(15_000);
    expect(cueElapsedMs(s, 'b', 25_000)).toBe(10_000);
    expect(stepCue(s, -1, 30_000)).toMatchObject({ ok: false, reason: 'This is the first cue.' });
    s = must(goToCue(s, 'c', 30_000));
    expect(stepCue(s, 1, 31_000)).toMatchObject({ ok: false, reason: 'This is the last cue.' });
    expect(goToCue(s, 'c', 32_000)).toMatchObject({ ok: false });
  });

  it('refuses a step made from a cue that is no longer live, so two clicks advance once', () => {
    let s = must(goToCue(threeCues(), 'a', 0));
    const first = stepCue(s, 1, 1, 'a');
    s = must(first);
    const second = stepCue(s, 1, 2, 'a');
    expect(second).toMatchObject({ ok: false, reason: expect.stringMatching(/already moved/) });
    expect(s.currentCueId).toBe('b');
    expect(stepCue(initialRundown(), 1, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
  });
});

describe('compliance: banned claims with positions', () => {
  const checker = createClaimChecker(['秒杀全网']);

  it('flags zh-CN absolute and efficacy claims and English superlatives, with offsets into the original text', () => {
    const text = '这是全网最低价，国家级工艺，还能治疗失眠';
    const hits = checker.check(text);
    expect(hits.map((h) => h.term)).toEqual(['全网最低', '国家级', '治疗']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.term);
    const en = checker.check('The BEST EVER teapot, 100% guaranteed to cure stress');
    expect(en.map((h) => h.term)).toEqual(['best ever', '100%', 'guaranteed', 'cure']);
  });

  it('folds full-width and case, matches Latin terms as whole words, and adds the studio terms', () => {
    const hits = checker.check('ＮＯ.１ quality, 秒杀全网');
    expect(hits.map((h) => h.term)).toEqual(['NO.1', '秒杀全网']);
    expect(checker.check('Secure packaging, curated glaze, handmade by one potter')).toEqual([]);
    expect(checker.check('手工拉坯，容量 300 毫升，适合两到三人')).toEqual([]);
  });

  it('splits text into runs for highlighting and checks every field of a product', () => {
    const text = '顶级茶壶 for you';
    expect(splitByHits(text, checker.check(text))).toEqual([
      { text: '顶级', term: '顶级' },
      { text: '茶壶 for you', term: null },
    ]);
    const report = checkProduct(checker, product('P', { sellingPoints: ['第一品牌'], script: 'miracle clay' }));
    expect(report.hits).toEqual([
      { field: 'sellingPoints', term: '第一' },
      { field: 'script', term: 'miracle' },
    ]);
  });
});

describe('product card', () => {
  const tea = product('TEA', { price: 12_800, listPrice: 19_800, sellingPoints: ['手工拉坯'] });

  it('shows sale and list price, and says "only N left" when stock is low or sold out', () => {
    const card = buildOverlayCard({ product: tea, stock: { initial: 50, left: 3, lowAt: 5, isLow: true }, flash: null, language: 'zh-CN', now: 0 });
    expect(card).toMatchObject({ title: '柴烧茶壶 TEA', tagline: '手工拉坯', price: '¥128.00', listPrice: '¥198.00', stockLine: '仅剩 3 件', isSoldOut: false, flash: null });
    const plenty = buildOverlayCard({ product: tea, stock: { initial: 50, left: 40, lowAt: 5, isLow: false }, flash: null, language: 'en', now: 0 });
    expect(plenty).toMatchObject({ title: 'Wood-fired teapot TEA', price: 'CN¥128.00', stockLine: '' });
    const gone = buildOverlayCard({ product: tea, stock: { initial: 50, left: 0, lowAt: 5, isLow: true }, flash: null, language: 'en', now: 0 });
    expect(gone).toMatchObject({ stockLine: 'Sold out', isSoldOut: true });
  });

  it('uses the flash price with the regular price crossed out while the sale runs, and a countdown', () => {
    const flash = { sku: 'TEA', price: 9_900, startedAt: 0, endsAt: 90_000, limit: 20 };
    const on = buildOverlayCard({ product: { ...tea, listPrice: null }, flash, language: 'zh-CN', now: 1_000 });
    expect(on).toMatchObject({ price: '¥99.00', listPrice: '¥128.00', stockLine: '限量 20 件', flash: { label: '限时秒杀', endsAt: 90_000 } });
    const over = buildOverlayCard({ product: { ...tea, listPrice: null }, flash, language: 'zh-CN', now: 90_000 });
    expect(over).toMatchObject({ price: '¥128.00', listPrice: null, flash: null });
    expect(countdownText(90_000, 1_000)).toBe('01:29');
    expect(countdownText(90_000, 95_000)).toBe('00:00');
  });

  it('lays the card out inside the platform safe areas and cuts long titles', () => {
    expect(cardBox({ width: 1920, height: 1080 })).toEqual({ x: 96, y: 702, w: 691, h: 324 });
    const vertical = cardBox({ width: 1080, height: 1920 });
    expect(vertical.x + vertical.w).toBeLessThanOrEqual(1080 * 0.82);
    expect(vertical.y).toBeGreaterThanOrEqual(1920 * 0.12);
    expect(vertical.y + vertical.h).toBeLessThanOrEqual(1920 * 0.6);
    const canvas = { width: 640, height: 360 };
    const box = cardBox(canvas);
    const card = buildOverlayCard({ product: { ...tea, title: { zh: '手工柴烧紫砂茶壶 · 老师傅拉坯 · 一壶一窑变', en: '' } }, flash: null, language: 'zh-CN', now: 0 });
    const ops = cardDrawing(card, canvas, 0);
    const texts = ops.flatMap((op) => (op.kind === 'text' ? [op] : []));
    expect(texts.map((t) => t.text)).toEqual([expect.stringMatching(/^手工柴烧.*…$/), '手工拉坯', '¥128.00', '¥198.00']);
    for (const op of ops) {
      expect(op.x).toBeGreaterThanOrEqual(box.x);
      expect(op.y).toBeGreaterThanOrEqual(box.y);
      expect(op.y).toBeLessThanOrEqual(box.y + box.h);
    }
    expect(texts.find((t) => t.text === '¥198.00')).toMatchObject({ isStruck: true });
    expect(cardDrawing(null, canvas, 0)).toEqual([]);
    const long = fitText('非常非常非常非常非常非常长的商品标题', 100, 20);
    expect(long.endsWith('…')).toBe(true);
    expect(textWidth(long, 20)).toBeLessThanOrEqual(100);
  });

  it('puts a pinned comment in its own box, name first, the text cut to two lines', () => {
    for (const canvas of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }]) {
      const box = pinnedBox(canvas);
      const card = cardBox(canvas);
      // Never over the product card.
      expect(box.y + box.h <= card.y || box.y >= card.y + card.h).toBe(true);
      const ops = pinnedDrawing({ user: '小李', text: '这个壶能泡普洱吗？'.repeat(12) }, canvas);
      const texts = ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
      expect(texts[0]).toBe('小李：');
      expect(texts).toHaveLength(3);
      expect(texts[2]!.endsWith('…')).toBe(true);
    }
    expect(pinnedDrawing({ user: 'mia', text: 'short' }, { width: 640, height: 360 }).filter((op) => op.kind === 'text')).toHaveLength(2);
    expect(pinnedDrawing(null, { width: 640, height: 360 })).toEqual([]);
  });

  it('the pinned box fits its text: a two-word comment gets a small box, a long one the full width and two lines', () => {
    for (const canvas of [{ width: 1920, height: 1080 }, { width: 1080, height: 1920 }, { width: 640, height: 360 }]) {
      const boxOf = (text: string) => pinnedDrawing({ user: '小李', text }, canvas).find((op) => op.kind === 'rect')!;
      const frame = pinnedBox(canvas);
      const short = boxOf('好看');
      const long = boxOf('这个壶能泡普洱吗？'.repeat(12));
      expect(short.w).toBeLessThan(frame.w / 2);
      expect(long.w).toBeGreaterThan(frame.w * 0.9);
      expect(long.w).toBeLessThanOrEqual(frame.w);
      expect(short.h).toBeLessThan(long.h);
      // Every word drawn sits inside its box.
      for (const text of ['好看', 'ok', '这个壶能泡普洱吗？'.repeat(12)]) {
        const ops = pinnedDrawing({ user: 'mia', text }, canvas);
        const rect = ops.find((op) => op.kind === 'rect')!;
        for (const op of ops) {
          if (op.kind !== 'text') continue;
          expect(op.x + textWidth(op.text, op.size)).toBeLessThanOrEqual(rect.x + rect.w + 0.5);
          expect(op.y).toBeLessThanOrEqual(rect.y + rect.h);
        }
      }
    }
  });
});
