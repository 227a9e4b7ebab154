import { csvField } from '../../../core/hub/csv';
import { CHAT_KINDS } from '../../chat/domain/chat';
import type { CueSegment } from '../domain/ledger';
import { formatMoney, minorToDecimal } from '../../../core/domain/money';
import { sceneTotals, type ShowTimeline } from '../domain/show-timeline';
import type { TallyEvent } from '../protocol/sales-events';
import { CHART_TEXT, escapeXml as escapeHtml, renderTimelineSvg, TIMELINE_CSS } from './timeline-chart';

/** Languages the post-show report is written in. */
export type ReportLanguage = 'en' | 'zh-CN';

/** What a post-show sales report is made from. */
export interface SalesReportInput {
  showTitle: string;
  generatedAt: number;
  latest: TallyEvent;
  segments: readonly CueSegment[];
  /** Cues, scenes, chat and orders per minute on one axis; null when the show has no activity yet. */
  timeline: ShowTimeline | null;
}

const TEXT = {
  en: {
    title: 'Sales report',
    generated: 'Generated',
    gmv: 'GMV',
    orders: 'Paid orders',
    units: 'Units',
    refunds: 'Refunds',
    cancelled: 'Cancelled',
    pending: 'Awaiting payment',
    timeline: 'Timeline',
    chatMessages: 'Chat messages',
    scenes: 'Scenes',
    scene: 'Scene',
    timesShown: 'Times on program',
    onProgram: 'Time on program',
    noTimeline: 'Nothing happened yet: no sales, cues, chat or scene changes.',
    cues: 'Cues',
    cue: 'Cue',
    started: 'Went live',
    beforeFirstCue: 'Before the first cue',
    products: 'Products',
    product: 'SKU',
    stockLeft: 'Stock left',
    platforms: 'Platforms',
    platform: 'Platform',
    integrity: 'Integrity',
    integrityText: 'Ledger entries: {entries}. Chain head (SHA-256): {head}. Check the ledger with: npm run ledger:verify -- --data <dir>.',
    none: 'No paid orders.',
    otherCurrencies: 'Also sold in other currencies (not in GMV)',
  },
  'zh-CN': {
    title: '销售报告',
    generated: '生成时间',
    gmv: '成交额',
    orders: '已付款订单',
    units: '件数',
    refunds: '退款',
    cancelled: '已取消',
    pending: '待付款',
    timeline: '时间线',
    chatMessages: '弹幕消息',
    scenes: '场景',
    scene: '场景',
    timesShown: '切入次数',
    onProgram: '播出时长',
    noTimeline: '暂无记录：没有成交、讲解卡、弹幕或场景切换。',
    cues: '讲解卡',
    cue: '讲解卡',
    started: '开始时间',
    beforeFirstCue: '第一张讲解卡之前',
    products: '商品',
    product: 'SKU',
    stockLeft: '剩余库存',
    platforms: '平台',
    platform: '平台',
    integrity: '完整性',
    integrityText: '账本条目：{entries}。哈希链头（SHA-256）：{head}。校验命令：npm run ledger:verify -- --data <目录>。',
    none: '没有已付款订单。',
    otherCurrencies: '其他币种成交（不计入成交额）',
  },
} satisfies Record<ReportLanguage, Record<string, string>>;

function time(at: number, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A duration as h:mm:ss or m:ss. */
function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The printable post-show report (self-contained HTML: inline CSS and SVG chart, no scripts). */
export function renderSalesReportHtml(input: SalesReportInput, language: ReportLanguage): string {
  const t = TEXT[language];
  const { tallies, chain } = input.latest;
  const c = tallies.currency;
  const row = (cells: string[]) => `<tr>${cells.map((x, i) => (i === 0 ? `<th scope="row">${x}</th>` : `<td>${x}</td>`)).join('')}</tr>`;
  const cueRows = input.segments.map((s) => {
    const b = tallies.bySegment[s.cueId];
    return row([escapeHtml(s.label || s.cueId), escapeHtml(time(s.startedAt, language)), String(b?.orders ?? 0), String(b?.units ?? 0), escapeHtml(formatMoney(b?.gmv ?? 0, c, language))]);
  });
  if (tallies.unattributed.orders) {
    cueRows.push(row([escapeHtml(t.beforeFirstCue), '', String(tallies.unattributed.orders), String(tallies.unattributed.units), escapeHtml(formatMoney(tallies.unattributed.gmv, c, language))]));
  }
  const skus = [...new Set([...Object.keys(tallies.bySku), ...Object.keys(tallies.stock)])].sort((a, b) => (tallies.bySku[b]?.gmv ?? 0) - (tallies.bySku[a]?.gmv ?? 0) || a.localeCompare(b));
  const productRows = skus.map((sku) => {
    const b = tallies.bySku[sku];
    return row([escapeHtml(sku), String(b?.orders ?? 0), String(b?.units ?? 0), escapeHtml(formatMoney(b?.gmv ?? 0, c, language)), tallies.stock[sku] ? String(tallies.stock[sku]!.left) : '—']);
  });
  const platformRows = Object.entries(tallies.byPlatform).map(([p, b]) => row([escapeHtml(p), String(b.orders), String(b.units), escapeHtml(formatMoney(b.gmv, c, language))]));
  const timeline = input.timeline;
  const sceneRows = sceneTotals(timeline?.scenes ?? []).map((x) => row([escapeHtml(x.scene), String(x.shown), duration(x.ms)]));
  const ct = CHART_TEXT[language];
  const legend = `<p class="legend"><i class="chat-comment"></i>${escapeHtml(ct.comments)}<i class="chat-other"></i>${escapeHtml(ct.otherChat)}<i class="order-bar"></i>${escapeHtml(ct.paidOrders)}</p>`;
  const others = Object.entries(tallies.otherCurrencies).map(([cur, b]) => `${escapeHtml(formatMoney(b.gmv, cur, language))} (${b.orders})`);
  const table = (head: string[], rows: string[]) =>
    rows.length ? `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>` : `<p>${escapeHtml(t.none)}</p>`;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(`${t.title} · ${input.showTitle}`)}</title>
<style>
body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif;margin:24px;color:#111}
h1{font-size:22px;margin:0}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ccc}
.meta{color:#555;font-size:12px}.figures{display:flex;gap:24px;flex-wrap:wrap}.figures div{min-width:110px}
.figures b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}th[scope=row],thead th:first-child{text-align:left}
${TIMELINE_CSS}
code{font-size:11px;word-break:break-all}@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}@page{size:A4;margin:14mm}
</style></head><body>
<h1>${escapeHtml(t.title)} · ${escapeHtml(input.showTitle)}</h1>
<p class="meta">${escapeHtml(t.generated)}: ${escapeHtml(time(input.generatedAt, language))} · ${escapeHtml(c)}</p>
<section class="figures">
<div>${escapeHtml(t.gmv)}<b data-figure="gmv">${escapeHtml(formatMoney(tallies.gmv, c, language))}</b></div>
<div>${escapeHtml(t.orders)}<b>${tallies.ordersPaid}</b></div><div>${escapeHtml(t.units)}<b>${tallies.unitsPaid}</b></div>
<div>${escapeHtml(t.refunds)}<b>${tallies.refundedOrders} · ${escapeHtml(formatMoney(tallies.refundedAmount, c, language))}</b></div>
<div>${escapeHtml(t.cancelled)}<b>${tallies.cancelledOrders}</b></div><div>${escapeHtml(t.pending)}<b>${tallies.pendingOrders}</b></div>
<div>${escapeHtml(t.chatMessages)}<b data-figure="chat">${timeline?.chatTotal ?? 0}</b></div>
</section>
${others.length ? `<p class="meta">${escapeHtml(t.otherCurrencies)}: ${others.join(', ')}</p>` : ''}
<h2>${escapeHtml(t.timeline)}</h2>
${timeline ? `${renderTimelineSvg(timeline, language)}\n${legend}` : `<p>${escapeHtml(t.noTimeline)}</p>`}
<h2>${escapeHtml(t.cues)}</h2>
${table([t.cue, t.started, t.orders, t.units, t.gmv], cueRows)}
${timeline?.scenes.length ? `<h2>${escapeHtml(t.scenes)}</h2>\n${table([t.scene, t.timesShown, t.onProgram], sceneRows)}\n` : ''}<h2>${escapeHtml(t.products)}</h2>
${table([t.product, t.orders, t.units, t.gmv, t.stockLeft], productRows)}
<h2>${escapeHtml(t.platforms)}</h2>
${table([t.platform, t.orders, t.units, t.gmv], platformRows)}
<h2>${escapeHtml(t.integrity)}</h2>
<p>${escapeHtml(t.integrityText).replace('{entries}', String(chain.entries)).replace('{head}', `<code data-figure="chain-head">${chain.head}</code>`)}</p>
</body></html>
`;
}

/**
 * The report as CSV: totals, then one row per minute of the timeline (paid orders and chat messages), per minute and
 * chat kind, per cue, per scene change, per product and per platform; money as exact decimals and minor units.
 */
export function renderSalesReportCsv(input: SalesReportInput): string {
  const { tallies, chain } = input.latest;
  const c = tallies.currency;
  const header = ['section', 'key', 'label', 'startedAt', 'orders', 'units', 'gmvMinor', 'gmv', 'currency', 'messages'];
  const rows: (string | number)[][] = [header];
  const push = (section: string, key: string, label: string, startedAt: string, b: { orders: number; units?: number; gmv: number }, messages: number | '' = '') =>
    rows.push([section, key, label, startedAt, b.orders, b.units ?? '', b.gmv, minorToDecimal(b.gmv, c), c, messages]);
  /** A row without sales figures (chat, scenes, the chain), padded to the header. */
  const other = (...cells: (string | number)[]) => rows.push(header.map((_, i) => cells[i] ?? ''));
  const iso = (at: number) => new Date(at).toISOString();
  push('total', 'paid', '', '', { orders: tallies.ordersPaid, units: tallies.unitsPaid, gmv: tallies.gmv });
  push('total', 'refunded', '', '', { orders: tallies.refundedOrders, gmv: tallies.refundedAmount });
  const timeline = input.timeline;
  if (timeline) {
    other('total', 'chat', '', '', '', '', '', '', '', timeline.chatTotal);
    for (const m of timeline.minutes) push('minute', iso(m.minute), '', '', m, m.messages);
    for (const m of timeline.minutes) for (const kind of CHAT_KINDS) if (m.chat[kind]) other('chat', iso(m.minute), kind, '', '', '', '', '', '', m.chat[kind]!);
  }
  for (const s of input.segments) push('cue', s.cueId, s.label, iso(s.startedAt), tallies.bySegment[s.cueId] ?? { orders: 0, units: 0, gmv: 0 });
  if (tallies.unattributed.orders) push('cue', '', 'before first cue', '', tallies.unattributed);
  for (const b of timeline?.scenes ?? []) other('scene', b.key, '', iso(b.startedAt));
  for (const [sku, b] of Object.entries(tallies.bySku)) push('product', sku, '', '', b);
  for (const [p, b] of Object.entries(tallies.byPlatform)) push('platform', p, '', '', b);
  other('chain', String(chain.entries), chain.head);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
