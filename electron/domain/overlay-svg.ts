import { countdownText, type OverlayCard } from './overlay-card';

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
export function cardBox(canvas: CanvasSize): CardBox {
  const { width: W, height: H } = canvas;
  if (W >= H) {
    const h = Math.round(H * 0.3);
    return { x: Math.round(W * 0.05), y: Math.round(H * 0.95) - h, w: Math.round(W * 0.36), h };
  }
  return { x: Math.round(W * 0.05), y: Math.round(H * 0.14), w: Math.round(W * 0.62), h: Math.round(H * 0.15) };
}

/** Fonts the card asks for, in order: Noto CJK (Linux), Microsoft YaHei (Windows), PingFang (macOS). */
export const CARD_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Draws the card as an SVG of the whole canvas (transparent elsewhere), so OBS places it with no transform at all and
 * any canvas, horizontal or vertical, gets the right layout. A flash sale's countdown is drawn for `now`.
 */
export function overlaySvg(card: OverlayCard | null, canvas: CanvasSize, now: number): string {
  const { width: W, height: H } = canvas;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`;
  if (!card) return `${open}</svg>`;
  const box = cardBox(canvas);
  const u = box.h / 100;
  const pad = 7 * u;
  const inner = box.w - 2 * pad - 2 * u;
  const left = box.x + pad + 2 * u;
  const accent = card.flash ? '#ff3d57' : '#ffb703';
  const parts: string[] = [
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="${5 * u}" fill="#0c0c10" fill-opacity="0.84"/>`,
    `<rect x="${box.x}" y="${box.y}" width="${2 * u}" height="${box.h}" fill="${accent}"/>`,
  ];
  let y = box.y + pad;
  if (card.flash) {
    const label = `${card.flash.label} ${countdownText(card.flash.endsAt, now)}`;
    const size = 11 * u;
    parts.push(`<rect x="${left}" y="${y}" width="${textWidth(label, size) + 4 * u}" height="${size * 1.35}" rx="${3 * u}" fill="${accent}"/>`);
    parts.push(text(label, left + 2 * u, y + size * 1.05, size, '#ffffff', 'bold'));
    y += size * 1.6;
  }
  const titleSize = (card.flash ? 14 : 16) * u;
  y += titleSize;
  parts.push(text(fit(card.title, inner, titleSize), left, y, titleSize, '#ffffff', 'bold'));
  if (card.tagline) {
    const size = 10 * u;
    y += size * 1.5;
    parts.push(text(fit(card.tagline, inner, size), left, y, size, '#c9c9d1'));
  }
  const priceSize = 26 * u;
  const priceY = box.y + box.h - pad - (card.stockLine ? 15 * u : 0);
  parts.push(text(card.price, left, priceY, priceSize, card.isSoldOut ? '#8a8a96' : '#ffd166', 'bold'));
  if (card.listPrice) {
    const size = 11 * u;
    const x = left + textWidth(card.price, priceSize) + 4 * u;
    parts.push(text(card.listPrice, x, priceY, size, '#9a9aa6', 'normal', 'line-through'));
  }
  if (card.stockLine) {
    const size = 11 * u;
    parts.push(text(fit(card.stockLine, inner, size), left, box.y + box.h - pad, size, card.isSoldOut ? '#ff8a8a' : '#ffcf70', 'bold'));
  }
  return `${open}<g font-family="${CARD_FONT_FAMILY}">${parts.join('')}</g></svg>`;
}

function text(content: string, x: number, y: number, size: number, fill: string, weight = 'normal', decoration = ''): string {
  const deco = decoration ? ` text-decoration="${decoration}"` : '';
  return `<text x="${r(x)}" y="${r(y)}" font-size="${r(size)}" font-weight="${weight}" fill="${fill}"${deco}>${escapeXml(content)}</text>`;
}

/** Estimated width: CJK and full-width characters are 1 em, Latin about 0.58 em (no font metrics in a pure module). */
export function textWidth(content: string, size: number): number {
  let em = 0;
  for (const ch of content) em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.58;
  return em * size;
}

/** Cuts a text to fit a width, ending with an ellipsis when cut. */
export function fit(content: string, width: number, size: number): string {
  if (textWidth(content, size) <= width) return content;
  const chars = [...content];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(content: string): string {
  return content.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}
