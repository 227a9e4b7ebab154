import { describe, expect, it } from 'vitest';
import { cardBox, cardDrawing, pinnedBox } from '../../../../../electron/features/overlay/domain/overlay-layout';

const inside = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('the card and the pin keep out of a band (dual output\'s 9:16 window)', () => {
  const canvas = { width: 1920, height: 1080 };
  const band = { x: 656, w: 608 };

  it('shrink to end before the band, in proportion, inside the boxes they had', () => {
    for (const [kept, full, anchor] of [
      [cardBox(canvas, band), cardBox(canvas), 'bottom'],
      [pinnedBox(canvas, band), pinnedBox(canvas), 'top'],
    ] as const) {
      expect(kept.x + kept.w).toBeLessThan(band.x);
      expect(inside(kept, full)).toBe(true);
      expect(kept.w / kept.h).toBeCloseTo(full.w / full.h, 1);
      // The card stays on the bottom margin, the pin on the top one.
      if (anchor === 'bottom') expect(kept.y + kept.h).toBe(full.y + full.h);
      else expect(kept.y).toBe(full.y);
    }
    // Its drawing follows the smaller box: nothing is drawn in the band.
    const card = { title: '柴烧茶壶', tagline: '手工拉坯', price: '¥128.00', listPrice: '¥198.00', stockLine: '', isSoldOut: false, flash: null, image: null };
    for (const op of cardDrawing(card, canvas, 0, band)) if (op.kind === 'rect') expect(op.x + op.w).toBeLessThan(band.x);
  });

  it('stay as they are when the band does not touch them, or when keeping out would make them too small to read', () => {
    expect(cardBox(canvas, { x: 1500, w: 100 })).toEqual(cardBox(canvas));
    expect(cardBox(canvas, { x: 200, w: 600 })).toEqual(cardBox(canvas));
    expect(cardBox(canvas, null)).toEqual(cardBox(canvas));
    // A vertical canvas has no band to keep out of.
    expect(cardBox({ width: 1080, height: 1920 }, band)).toEqual(cardBox({ width: 1080, height: 1920 }));
  });
});
