import { CHAT_KINDS, type ChatKind } from '../../../chat/domain/chat';
import type { ShowTimeline, TimelineBand, TimelineMinute } from '../../domain/show-timeline';

/** Languages the timeline chart labels itself in (the report's). */
export type ChartLanguage = 'en' | 'zh-CN';

/** Strings of the chart, also used by the report for its legend and tables. */
export const CHART_TEXT = {
  en: {
    cues: 'Cues',
    scenes: 'Scenes',
    chat: 'Chat / min',
    orders: 'Orders / min',
    peak: 'peak {n}',
    comments: 'Comments',
    otherChat: 'Gifts, likes, follows, joins',
    paidOrders: 'Paid orders',
    kinds: { comment: 'comments', gift: 'gifts', like: 'likes', follow: 'follows', join: 'joins', orderPlaced: 'orders placed (signals)', orderPaid: 'orders paid (signals)' } satisfies Record<ChatKind, string>,
  },
  'zh-CN': {
    cues: '讲解卡',
    scenes: '场景',
    chat: '每分钟弹幕',
    orders: '每分钟订单',
    peak: '峰值 {n}',
    comments: '评论',
    otherChat: '礼物、点赞、关注、进场',
    paidOrders: '已付款订单',
    kinds: { comment: '评论', gift: '礼物', like: '点赞', follow: '关注', join: '进场', orderPlaced: '下单提示', orderPaid: '付款提示' } satisfies Record<ChatKind, string>,
  },
} satisfies Record<ChartLanguage, unknown>;

const WIDTH = 760;
const GUTTER = 92;
const PLOT = WIDTH - GUTTER - 8;
const BAND_H = 20;
const BARS_H = 64;
const ROWS = { cues: 4, scenes: 28, chat: 56, orders: 130 } as const;
const AXIS_Y = ROWS.orders + BARS_H + 4;
const HEIGHT = AXIS_Y + 16;
/** Scene fills: light enough for dark labels, distinct in print; scenes beyond eight reuse them in order. */
const SCENE_COLORS = 8;
/** Tick spacings tried, in minutes: the smallest that keeps the axis to about eight labels. */
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360];

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Shortens a label to what fits in `width` px at the chart's 9 px font (CJK about 9 px a character, Latin about 5.5 px),
 * with an ellipsis; empty when not even one character and the ellipsis fit. The full name stays in the band's title.
 */
export function fitLabel(label: string, width: number): string {
  const room = width - 4;
  const chars = [...label];
  const widthOf = (c: string) => (/[\u2E80-\uFFEF]/.test(c) ? 9 : 5.5);
  if (chars.reduce((sum, c) => sum + widthOf(c), 0) <= room) return label;
  let used = 9; // the ellipsis
  let cut = 0;
  while (cut < chars.length && used + widthOf(chars[cut]!) <= room) used += widthOf(chars[cut++]!);
  return cut > 0 ? `${chars.slice(0, cut).join('')}…` : '';
}

/** The tick spacing (minutes) for a timeline of `minutes` minutes. */
export function tickStep(minutes: number): number {
  return TICK_STEPS.find((s) => minutes / s <= 8) ?? TICK_STEPS.at(-1)!;
}

function clock(at: number, language: ChartLanguage): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/**
 * The show's timeline as one inline SVG on a shared time axis: cue bands, scene bands, chat messages per minute
 * (comments below other events) and paid orders per minute. No scripts and no fonts of its own, so it prints as is.
 */
export function renderTimelineSvg(timeline: ShowTimeline, language: ChartLanguage): string {
  const t = CHART_TEXT[language];
  const span = timeline.to - timeline.from;
  const x = (at: number) => GUTTER + ((at - timeline.from) / span) * PLOT;
  const step = PLOT / timeline.minutes.length;
  const f = (n: number) => n.toFixed(1);

  const band = (b: TimelineBand, y: number, cls: string, attr: string) => {
    const x0 = x(b.from);
    const w = x(b.to) - x0;
    const label = fitLabel(b.label, w);
    return (
      `<g ${attr}="${escapeXml(b.key)}"><rect class="${cls}" x="${f(x0)}" y="${y}" width="${f(w)}" height="${BAND_H}"><title>${escapeXml(b.label)} · ${escapeXml(clock(b.startedAt, language))}</title></rect>` +
      (label ? `<text class="band-label" x="${f(x0 + 3)}" y="${y + 13}">${escapeXml(label)}</text>` : '') +
      '</g>'
    );
  };
  const sceneIndex = new Map<string, number>();
  for (const b of timeline.scenes) if (!sceneIndex.has(b.key)) sceneIndex.set(b.key, sceneIndex.size % SCENE_COLORS);
  const cues = timeline.cues.map((b, i) => band(b, ROWS.cues, `cue-band cue-${i % 2}`, 'data-cue')).join('');
  const scenes = timeline.scenes.map((b) => band(b, ROWS.scenes, `scene-band scene-${sceneIndex.get(b.key)}`, 'data-scene')).join('');

  const chatPeak = Math.max(0, ...timeline.minutes.map((m) => m.messages));
  const orderPeak = Math.max(0, ...timeline.minutes.map((m) => m.orders));
  const chatMax = Math.max(1, chatPeak);
  const orderMax = Math.max(1, orderPeak);
  const barHeight = (n: number, max: number) => (n === 0 ? 0 : Math.max(1, (n / max) * (BARS_H - 12)));
  const bottom = (row: number) => row + BARS_H;
  const chatTitle = (m: TimelineMinute) =>
    `${clock(m.minute, language)} · ${m.messages} (${CHAT_KINDS.filter((k) => m.chat[k]).map((k) => `${t.kinds[k]} ${m.chat[k]}`).join(', ')})`;
  const chat = timeline.minutes
    .map((m, i) => {
      if (!m.messages) return '';
      const comments = m.chat.comment ?? 0;
      const hAll = barHeight(m.messages, chatMax);
      const hComments = comments ? Math.max(1, (comments / m.messages) * hAll) : 0;
      const xi = f(GUTTER + i * step);
      const w = f(Math.max(0.5, step - (step > 3 ? 1 : 0)));
      return (
        `<g data-minute="${new Date(m.minute).toISOString()}" data-messages="${m.messages}"><title>${escapeXml(chatTitle(m))}</title>` +
        (hAll > hComments ? `<rect class="chat-other" x="${xi}" y="${f(bottom(ROWS.chat) - hAll)}" width="${w}" height="${f(hAll - hComments)}"/>` : '') +
        (hComments ? `<rect class="chat-comment" x="${xi}" y="${f(bottom(ROWS.chat) - hComments)}" width="${w}" height="${f(hComments)}"/>` : '') +
        '</g>'
      );
    })
    .join('');
  const orders = timeline.minutes
    .map((m, i) => {
      if (!m.orders) return '';
      const h = barHeight(m.orders, orderMax);
      return `<rect class="order-bar" x="${f(GUTTER + i * step)}" y="${f(bottom(ROWS.orders) - h)}" width="${f(Math.max(0.5, step - (step > 3 ? 1 : 0)))}" height="${f(h)}"><title>${escapeXml(clock(m.minute, language))} · ${m.orders}</title></rect>`;
    })
    .join('');

  const minutes = timeline.minutes.length;
  const stepMs = tickStep(minutes) * 60_000;
  const ticks: string[] = [];
  for (let at = Math.ceil(timeline.from / stepMs) * stepMs; at <= timeline.to; at += stepMs) {
    const xt = f(x(at));
    // The label of a tick at the right edge ends there instead of being cut off by the viewBox.
    const cls = x(at) > GUTTER + PLOT - 14 ? 'tick-label tick-end' : 'tick-label';
    ticks.push(`<line class="tick" x1="${xt}" x2="${xt}" y1="${ROWS.cues}" y2="${AXIS_Y}"/><text class="${cls}" x="${xt}" y="${AXIS_Y + 11}">${escapeXml(clock(at, language))}</text>`);
  }
  const rowLabel = (y: number, text: string, sub?: string) =>
    `<text class="row-label" x="0" y="${y + 13}">${escapeXml(text)}</text>` + (sub ? `<text class="row-sub" x="0" y="${y + 25}">${escapeXml(sub)}</text>` : '');
  const peak = (n: number) => t.peak.replace('{n}', String(n));
  const aria = `${t.cues}, ${t.scenes}, ${t.chat} (${peak(chatPeak)}), ${t.orders} (${peak(orderPeak)})`;
  return (
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(aria)}">` +
    ticks.join('') +
    rowLabel(ROWS.cues, t.cues) +
    rowLabel(ROWS.scenes, t.scenes) +
    rowLabel(ROWS.chat, t.chat, peak(chatPeak)) +
    rowLabel(ROWS.orders, t.orders, peak(orderPeak)) +
    `<line class="axis" x1="${GUTTER}" x2="${GUTTER + PLOT}" y1="${bottom(ROWS.chat)}" y2="${bottom(ROWS.chat)}"/>` +
    `<line class="axis" x1="${GUTTER}" x2="${GUTTER + PLOT}" y1="${bottom(ROWS.orders)}" y2="${bottom(ROWS.orders)}"/>` +
    cues +
    scenes +
    chat +
    orders +
    '</svg>'
  );
}

/** The chart's CSS (the report inlines it; the page has no other style source). */
export const TIMELINE_CSS = [
  'svg.timeline{width:100%;height:auto;print-color-adjust:exact;-webkit-print-color-adjust:exact}',
  '.cue-0{fill:#e3e3e3}.cue-1{fill:#cdcdcd}.cue-band,.scene-band{stroke:#fff;stroke-width:1}',
  '.scene-0{fill:#cfe3ff}.scene-1{fill:#ffd8b5}.scene-2{fill:#c9f0d0}.scene-3{fill:#f6c9e6}.scene-4{fill:#e6dcff}.scene-5{fill:#fff1a8}.scene-6{fill:#c8eef0}.scene-7{fill:#e8d5c4}',
  '.band-label,.tick-label,.row-sub{font-size:9px;fill:#333}.row-label{font-size:10px;fill:#111;font-weight:600}',
  '.tick-label{text-anchor:middle}.tick-end{text-anchor:end}.tick{stroke:#eee}.axis{stroke:#999}',
  '.chat-comment{fill:#3b6fd4}.chat-other{fill:#a9c1ef}.order-bar{fill:#e5484d}',
  'i.chat-comment{background:#3b6fd4}i.chat-other{background:#a9c1ef}i.order-bar{background:#e5484d}',
  '.legend{font-size:11px;color:#444}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:-1px;print-color-adjust:exact;-webkit-print-color-adjust:exact}',
].join('');
