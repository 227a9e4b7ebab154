import { describe, expect, it } from 'vitest';
import { buildOverlayCard } from '../../../../../electron/features/overlay/domain/overlay-card';
import { cardBox, cardDrawing, textWidth, type DrawOp } from '../../../../../electron/features/overlay/domain/overlay-layout';
import { imageSourceOf } from '../../../../../electron/features/overlay/domain/card-picture';
import { product } from '../../../../helpers/rundown';

const HORIZONTAL = { width: 640, height: 360 };
const VERTICAL = { width: 360, height: 640 };

const card = (image: string | null) => buildOverlayCard({ product: product('TEA', { image }), stock: undefined, flash: null, language: 'zh-CN', now: 0 });
const texts = (ops: DrawOp[]) => ops.filter((op): op is Extract<DrawOp, { kind: 'text' }> => op.kind === 'text');

describe("the product card's picture", () => {
  it('is carried from the catalog onto the card, blank references as none', () => {
    expect(card('https://img.example.com/tea.png').image).toBe('https://img.example.com/tea.png');
    expect(card(null).image).toBeNull();
    expect(card('   ').image).toBeNull();
  });

  it('sits inside the card at its left, square, and every line of text starts right of it, on both canvases', () => {
    for (const canvas of [HORIZONTAL, VERTICAL]) {
      const box = cardBox(canvas);
      const ops = cardDrawing(card('tea.png'), canvas, 0);
      const pictures = ops.filter((op) => op.kind === 'image');
      expect(pictures).toHaveLength(1);
      const picture = pictures[0]! as Extract<DrawOp, { kind: 'image' }>;
      expect(picture.ref).toBe('tea.png');
      expect(picture.w).toBe(picture.h);
      expect(picture.x).toBeGreaterThanOrEqual(box.x);
      expect(picture.y).toBeGreaterThanOrEqual(box.y);
      expect(picture.x + picture.w).toBeLessThanOrEqual(box.x + box.w);
      expect(picture.y + picture.h).toBeLessThanOrEqual(box.y + box.h);
      for (const text of texts(ops)) expect(text.x, text.text).toBeGreaterThanOrEqual(picture.x + picture.w);
      // Without a picture the text uses the whole card.
      const plain = cardDrawing(card(null), canvas, 0);
      expect(plain.some((op) => op.kind === 'image')).toBe(false);
      expect(Math.min(...texts(plain).map((op) => op.x))).toBeLessThan(picture.x + picture.w);
    }
  });

  it('leaves every line inside the card beside the picture: long prices, a list price and a flash sale (seen overflowing on OBS)', () => {
    for (const canvas of [HORIZONTAL, VERTICAL]) {
      const box = cardBox(canvas);
      for (const price of [3_900, 2_900, 1_234_500, 99_999_900]) {
        for (const image of ['tea.png', null]) {
          const tea = product('TEA', { image, price, listPrice: price * 2 });
          const flash = { sku: 'TEA', price: Math.round(price / 2), startedAt: 0, endsAt: 600_000, limit: 10 };
          for (const on of [null, flash]) {
            const drawn = cardDrawing(buildOverlayCard({ product: tea, stock: undefined, flash: on, language: 'zh-CN', now: 0 }), canvas, 0);
            for (const op of drawn) {
              const right = op.kind === 'text' ? op.x + textWidth(op.text, op.size) : op.x + op.w;
              expect(right, `${JSON.stringify(canvas)} ${price} ${image} ${on ? 'flash' : ''} ${op.kind === 'text' ? op.text : op.kind}`).toBeLessThanOrEqual(box.x + box.w + 0.5);
            }
          }
        }
      }
    }
  });

  it('is read from an https address or a file name in the studio images folder; anything else is refused with what to do', () => {
    expect(imageSourceOf('https://img.example.com/a/tea.png?x=1')).toEqual({ kind: 'url', url: 'https://img.example.com/a/tea.png?x=1' });
    expect(imageSourceOf('tea.png')).toEqual({ kind: 'file', name: 'tea.png' });
    expect(imageSourceOf('茶壶 正面.JPG')).toEqual({ kind: 'file', name: '茶壶 正面.JPG' });
    for (const bad of ['http://img.example.com/tea.png', 'file:///etc/passwd', '../secret.png', 'a/b.png', 'C:\\x\\tea.png', 'tea.exe', '.png', 'javascript:alert(1)']) {
      const source = imageSourceOf(bad);
      expect(source.kind, bad).toBe('invalid');
      if (source.kind === 'invalid') expect(source.reason, bad).toMatch(/https|images folder|png|jpg/i);
    }
  });
});
