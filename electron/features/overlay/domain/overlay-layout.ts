import { countdownText, type OverlayCard, type PinnedComment } from './overlay-card';

/** Canvas size in pixels. */
export interface CanvasSize {
  width: number;
  height: number;
}

/** Where the card sits on the canvas, in pixels. */
export interface CardBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the product card goes so platform UI does not cover it.
 * Horizontal (YouTube, Bilibili, Taobao on PC): bottom-left inside the 5% title-safe margin.
 * Vertical 9:16 (Douyin/TikTok, 视频号, Kuaishou): the app draws its header over the top ~12%, the like/share column
 * over the right ~18% and chat plus the buy bar over the bottom ~40%, so the card goes top-left, under the header and
 * left of the button column.
 */
export function cardBox(canvas: CanvasSize, keepOut: KeepOut | null = null): CardBox {
  const { width: W, height: H } = canvas;
  if (W >= H) {
    const h = Math.round(H * 0.3);
    return keptOutOf({ x: Math.round(W * 0.05), y: Math.round(H * 0.95) - h, w: Math.round(W * 0.36), h }, keepOut, W, 'bottom');
  }
  return { x: Math.round(W * 0.05), y: Math.round(H * 0.14), w: Math.round(W * 0.62), h: Math.round(H * 0.15) };
}

/**
 * A band of the canvas (full height, `w` wide from `x`) the card and the pinned comment stay out of: with dual output
 * it is the window a derived 9:16 picture shows, which carries its own card (a half card in it would look broken).
 */
export interface KeepOut {
  x: number;
  w: number;
}

/**
 * A box moved out of a keep-out band: shrunk from its right edge to end a little before the band, proportions kept
 * (the type scales with the box), anchored at its `anchor` edge so it stays inside the original box. A box that would
 * become too small to read (under 20% of the canvas) stays as it is.
 */
function keptOutOf(box: CardBox, keepOut: KeepOut | null, canvasWidth: number, anchor: 'top' | 'bottom'): CardBox {
  if (!keepOut || box.x + box.w <= keepOut.x || box.x >= keepOut.x + keepOut.w) return box;
  const w = keepOut.x - Math.round(canvasWidth * 0.02) - box.x;
  if (w < canvasWidth * 0.2) return box;
  const h = Math.round((box.h * w) / box.w);
  return { x: box.x, y: anchor === 'top' ? box.y : box.y + box.h - h, w, h };
}

/** Font families the card asks for, in order: Noto CJK (Linux), Microsoft YaHei (Windows), PingFang (macOS). */
export const CARD_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** One drawing step of the card, in canvas pixels; text `y` is the baseline. */
export type DrawOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; radius: number; fill: string; opacity: number }
  | { kind: 'text'; text: string; x: number; y: number; size: number; fill: string; isBold: boolean; isStruck: boolean }
  /** A picture (catalog image reference) drawn to cover the square, with rounded corners; skipped when it cannot load. */
  | { kind: 'image'; ref: string; x: number; y: number; w: number; h: number; radius: number };

/**
 * Lays the card out for a canvas (horizontal or vertical) as drawing steps; the engine paints them on a transparent
 * image of the whole canvas, so OBS shows it with no transform at all. A flash sale's countdown is drawn for `now`.
 */
export function cardDrawing(card: OverlayCard | null, canvas: CanvasSize, now: number, keepOut: KeepOut | null = null): DrawOp[] {
  if (!card) return [];
  const box = cardBox(canvas, keepOut);
  const u = box.h / 100;
  const pad = 7 * u;
  // The picture, when there is one, is a square at the card's left; the text moves right of it.
  const picture = card.image ? box.h - 2 * pad : 0;
  const inner = box.w - 2 * pad - 2 * u - (picture ? picture + pad : 0);
  const left = box.x + pad + 2 * u + (picture ? picture + pad : 0);
  const accent = card.flash ? '#ff3d57' : '#ffb703';
  const ops: DrawOp[] = [
    { kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, radius: 5 * u, fill: '#0c0c10', opacity: 0.84 },
    { kind: 'rect', x: box.x, y: box.y, w: 2 * u, h: box.h, radius: 0, fill: accent, opacity: 1 },
  ];
  if (card.image) ops.push({ kind: 'image', ref: card.image, x: box.x + pad + 2 * u, y: box.y + pad, w: picture, h: picture, radius: 3 * u });
  const text = (content: string, x: number, y: number, size: number, fill: string, isBold = false, isStruck = false) =>
    ops.push({ kind: 'text', text: content, x, y, size, fill, isBold, isStruck });
  let y = box.y + pad;
  if (card.flash) {
    const size = 11 * u;
    const label = fitText(`${card.flash.label} ${countdownText(card.flash.endsAt, now)}`, inner - 4 * u, size);
    ops.push({ kind: 'rect', x: left, y, w: textWidth(label, size) + 4 * u, h: size * 1.35, radius: 3 * u, fill: accent, opacity: 1 });
    text(label, left + 2 * u, y + size * 1.05, size, '#ffffff', true);
    y += size * 1.6;
  }
  const titleSize = (card.flash ? 14 : 16) * u;
  y += titleSize;
  text(fitText(card.title, inner, titleSize), left, y, titleSize, '#ffffff', true);
  if (card.tagline) {
    const size = 10 * u;
    y += size * 1.5;
    text(fitText(card.tagline, inner, size), left, y, size, '#c9c9d1');
  }
  // The price shrinks to fit beside its crossed-out list price; when that would make it small, the list price goes.
  const listWidth = card.listPrice ? textWidth(card.listPrice, 11 * u) + 4 * u : 0;
  const fits = (besides: number) => Math.min(26 * u, (inner - besides) / textWidth(card.price, 1));
  const showsList = card.listPrice !== null && fits(listWidth) >= 15 * u;
  const priceSize = fits(showsList ? listWidth : 0);
  const priceY = box.y + box.h - pad - (card.stockLine ? 15 * u : 0);
  text(card.price, left, priceY, priceSize, card.isSoldOut ? '#8a8a96' : '#ffd166', true);
  if (showsList) text(card.listPrice!, left + textWidth(card.price, priceSize) + 4 * u, priceY, 11 * u, '#9a9aa6', false, true);
  if (card.stockLine) text(fitText(card.stockLine, inner, 11 * u), left, box.y + box.h - pad, 11 * u, card.isSoldOut ? '#ff8a8a' : '#ffcf70', true);
  return ops;
}

/**
 * Where a pinned chat comment goes: horizontal, top-left inside the title-safe margin; vertical, just under the product
 * card (still left of the like/share column and above the platform's own chat).
 */
export function pinnedBox(canvas: CanvasSize, keepOut: KeepOut | null = null): CardBox {
  const { width: W, height: H } = canvas;
  if (W >= H) return keptOutOf({ x: Math.round(W * 0.05), y: Math.round(H * 0.05), w: Math.round(W * 0.42), h: Math.round(H * 0.13) }, keepOut, W, 'top');
  const card = cardBox(canvas);
  return { x: card.x, y: card.y + card.h + Math.round(H * 0.015), w: card.w, h: Math.round(H * 0.07) };
}

/**
 * Lays out a pinned chat comment as drawing steps: who said it, then the text cut to two lines, in a box that fits
 * the text (a two-word comment gets a small box, not the whole frame). The box keeps the frame's top-left corner.
 */
export function pinnedDrawing(pinned: PinnedComment | null, canvas: CanvasSize, keepOut: KeepOut | null = null): DrawOp[] {
  if (!pinned) return [];
  const frame = pinnedBox(canvas, keepOut);
  const u = frame.h / 100;
  const pad = 10 * u;
  const size = 26 * u;
  const inner = frame.w - 2 * pad;
  const name = `${pinned.user}：`;
  const nameWidth = textWidth(name, size);
  const lines = wrap(pinned.text, inner, size, inner - nameWidth);
  const widest = Math.max(nameWidth + textWidth(lines[0] ?? '', size), ...lines.slice(1).map((line) => textWidth(line, size)));
  const w = Math.min(frame.w, Math.ceil(widest + 2 * pad));
  const h = lines.length > 1 ? frame.h : Math.ceil(2 * pad + size * 1.25);
  const ops: DrawOp[] = [
    { kind: 'rect', x: frame.x, y: frame.y, w, h, radius: Math.min(14 * u, h / 2), fill: '#ffffff', opacity: 0.9 },
    { kind: 'text', text: name, x: frame.x + pad, y: frame.y + pad + size, size, fill: '#d62839', isBold: true, isStruck: false },
  ];
  lines.forEach((line, i) => {
    const x = frame.x + pad + (i === 0 ? nameWidth : 0);
    ops.push({ kind: 'text', text: line, x, y: frame.y + pad + size * (1 + i * 1.3), size, fill: '#15151a', isBold: false, isStruck: false });
  });
  return ops;
}

/** Breaks a text into at most two lines (the first shorter by `firstWidth`), the second cut with an ellipsis. */
function wrap(content: string, width: number, size: number, firstWidth: number): string[] {
  const chars = [...content.replace(/\s+/g, ' ').trim()];
  let first = '';
  while (chars.length > 0 && textWidth(first + chars[0], size) <= firstWidth) first += chars.shift();
  return chars.length === 0 ? [first] : [first, fitText(chars.join(''), width, size)];
}

/** Estimated width: CJK and full-width characters are 1 em, Latin about 0.58 em (no font metrics in a pure module). */
export function textWidth(content: string, size: number): number {
  let em = 0;
  for (const ch of content) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.58;
  return em * size;
}

/** Cuts a text to fit a width, ending with an ellipsis when cut. */
export function fitText(content: string, width: number, size: number): string {
  if (textWidth(content, size) <= width) return content;
  const chars = [...content];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}
