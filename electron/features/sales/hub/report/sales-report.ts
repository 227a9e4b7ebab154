import { csvField } from '../../../../core/hub/csv';
import { CHAT_KINDS } from '../../../chat/domain/chat';
import { type CueSegment } from '../../domain/ledger';
import { emptyBucket, type BucketTally, type StockTally, type Tallies } from '../../domain/tallies';
import { formatMoney, minorToDecimal } from '../../../../core/domain/money';
import { orderSignalsOf, sceneTotals, type ShowTimeline } from '../../domain/show-timeline';
import { showHours } from '../../domain/show-hours';
import { presenterTotals } from '../../domain/show-presenters';
import { summaryProductName, type ProductNames } from '../../domain/show-summary';
import { CHART_TEXT, escapeXml as escapeHtml, renderTimelineSvg, TIMELINE_CSS } from './timeline-chart';
import type { Reconciliation } from '../../domain/reconciliation';
import { reconciliationCsvRows, reconciliationHtml } from './reconciliation-report';

/** Languages the post-show report is written in. */
export type ReportLanguage = 'en' | 'zh-CN';

/** What the ledger check found when the report was made. */
export interface LedgerCheck {
  isValid: boolean;
  entries: number;
  head: string;
  /** Plain-words problems (English, from the checker), first ones first; empty when intact. */
  problems: string[];
}

/** What a post-show sales report is made from (see report-input.ts). */
export interface SalesReportInput {
  showTitle: string;
  generatedAt: number;
  /** The on-air window the figures cover: `endedAt` null while still on air; null for a show never on air. */
  onAir: { startedAt: number; endedAt: number | null } | null;
  /** The figures: of the orders placed on air, or (never on air) everything the ledger counts now. */
  tallies: Tallies;
  /** Stock per SKU as the ledger shows it now. */
  stockNow: Readonly<Record<string, StockTally>>;
  /** The cues on air in the window (the one live at going live included), by start. */
  segments: readonly CueSegment[];
  /** Cues, scenes, chat and orders per minute on one axis; null when the show has no activity yet. */
  timeline: ShowTimeline | null;
  /** Catalog names of the SKUs in the figures. */
  names: Readonly<Record<string, ProductNames>>;
  /** Who presents each cue (cue id to name), for the table by presenter. */
  presenters: Readonly<Record<string, string>>;
  ledger: LedgerCheck;
  /** The newest check of this show against the shop's own export, or null when there was none. */
  reconciliation: Reconciliation | null;
}

const TEXT = {
  en: {
    title: 'Sales report',
    generated: 'Generated',
    onAir: 'On air',
    stillOnAir: 'still on air',
    duration: 'Duration',
    scope: 'These figures are the orders placed while the show was on air. Rehearsal orders, and orders placed before going live or after the end, are not in them; a later payment or refund of an order placed on air is.',
    neverOnAir: 'This show has not gone on air yet: these are the figures the studio counts now (rehearsal orders included until they are cleared).',
    gmv: 'Net GMV (after refunds)',
    gmvBeforeRefunds: 'Paid (before refunds)',
    refunded: 'Refunded',
    testOrders: 'Test orders (in no figure)',
    orders: 'Paid orders',
    units: 'Units',
    refunds: 'Refunds',
    cancelled: 'Cancelled',
    pending: 'Awaiting payment',
    timeline: 'Timeline',
    chatMessages: 'Chat messages',
    questions: 'Buyer questions',
    orderSignals: 'Order signals: placed · paid',
    orderSignalsNote:
      "Order signals come from the shop's live console (through oba-live-tool): someone placed or paid an order for a product. They carry no price, so they are in no figure above; the shop's own order feed is what counts.",
    scenes: 'Scenes',
    scene: 'Scene',
    timesShown: 'Times on program',
    onProgram: 'Time on program',
    noTimeline: 'Nothing happened yet: no sales, cues, chat or scene changes.',
    hours: 'Hour by hour',
    presenters: 'Presenters',
    presenter: 'Presenter',
    hour: 'Hour',
    cues: 'Cues',
    cue: 'Cue',
    started: 'On air from',
    beforeFirstCue: 'Before the first cue',
    products: 'Products',
    product: 'Product',
    sku: 'SKU',
    stockLeft: 'Stock left now',
    platforms: 'Platforms',
    platform: 'Platform',
    integrity: 'Ledger check',
    intact:
      'Intact. The studio keeps every order event it received ({entries}) in a ledger where each entry is sealed to the one before it, and checked all of them when it made this report: nothing was changed, added or removed afterwards. Seal of the latest entry: {head}',
    broken:
      'Problems found. Some order records were changed, added or removed after they were written, so these figures may not be right. Keep this report and the studio data folder, and contact support before relying on the figures. What the check found:',
    none: 'No paid orders.',
    otherCurrencies: 'Also sold in other currencies (not in GMV)',
  },
  'zh-CN': {
    title: '销售报告',
    generated: '生成时间',
    onAir: '开播时间',
    stillOnAir: '仍在直播',
    duration: '时长',
    scope: '以上数据只统计直播期间下的订单。彩排订单，以及开播前和下播后下的订单都不计入；直播期间下的订单之后付款或退款，会计入。',
    neverOnAir: '本场尚未开播：以下是工作室当前统计的数据（彩排订单在清除前也计入）。',
    gmv: '净成交额（扣除退款）',
    gmvBeforeRefunds: '已付款（退款前）',
    refunded: '退款',
    testOrders: '测试订单（不计入任何数据）',
    orders: '已付款订单',
    units: '件数',
    refunds: '退款',
    cancelled: '已取消',
    pending: '待付款',
    timeline: '时间线',
    chatMessages: '弹幕消息',
    questions: '买家提问',
    orderSignals: '订单提示：下单 · 付款',
    orderSignalsNote: '订单提示来自店铺的直播中控台（经 oba-live-tool）：有人下单或付款了某件商品。提示不带价格，所以不计入以上任何数据；以店铺自己的订单推送为准。',
    scenes: '场景',
    scene: '场景',
    timesShown: '切入次数',
    onProgram: '播出时长',
    noTimeline: '暂无记录：没有成交、讲解卡、弹幕或场景切换。',
    hours: '逐小时',
    presenters: '主讲人',
    presenter: '主讲人',
    hour: '时段',
    cues: '讲解卡',
    cue: '讲解卡',
    started: '开始时间',
    beforeFirstCue: '第一张讲解卡之前',
    products: '商品',
    product: '商品',
    sku: 'SKU',
    stockLeft: '当前剩余库存',
    platforms: '平台',
    platform: '平台',
    integrity: '账本校验',
    intact: '完好。工作室收到的每一条订单事件（共 {entries} 条）都记在账本里，每条都与前一条相互封存；生成本报告时已全部校验：写入后没有被修改、增加或删除。最新一条的封存码：{head}',
    broken: '发现问题。部分订单记录在写入后被修改、增加或删除，以上数据可能不准确。请保留本报告和工作室数据文件夹，在使用这些数据前联系技术支持。校验发现：',
    none: '没有已付款订单。',
    otherCurrencies: '其他币种成交（不计入成交额）',
  },
} satisfies Record<ReportLanguage, Record<string, string>>;

function time(at: number, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** The time of day only (the hour-by-hour table). */
function clock(at: number, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(at);
}

/** A duration as h:mm:ss or m:ss. */
export function duration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** SKUs of the figures and of the tracked stock, best sellers first. */
function productSkus(input: SalesReportInput): string[] {
  const { bySku } = input.tallies;
  return [...new Set([...Object.keys(bySku), ...Object.keys(input.stockNow)])].sort((a, b) => (bySku[b]?.gmv ?? 0) - (bySku[a]?.gmv ?? 0) || a.localeCompare(b));
}

/** The on-air line: start and end as `<time>` elements (machine-readable too), and the duration. */
function onAirLine(input: SalesReportInput, language: ReportLanguage): string {
  const t = TEXT[language];
  const onAir = input.onAir;
  if (!onAir) return `<p class="note" data-scope="never-on-air">${escapeHtml(t.neverOnAir)}</p>`;
  const stamp = (at: number, figure: string) => `<time datetime="${new Date(at).toISOString()}" data-figure="${figure}">${escapeHtml(time(at, language))}</time>`;
  const end = onAir.endedAt === null ? escapeHtml(t.stillOnAir) : stamp(onAir.endedAt, 'on-air-end');
  const ms = (onAir.endedAt ?? input.generatedAt) - onAir.startedAt;
  return `<p class="meta on-air">${escapeHtml(t.onAir)}: ${stamp(onAir.startedAt, 'on-air-start')} – ${end} · ${escapeHtml(t.duration)} <span data-figure="on-air-duration" data-ms="${ms}">${duration(ms)}</span></p>
<p class="note" data-scope="on-air">${escapeHtml(t.scope)}</p>`;
}

function ledgerLine(check: LedgerCheck, language: ReportLanguage): string {
  const t = TEXT[language];
  if (check.isValid) {
    return `<p data-ledger="intact">${escapeHtml(t.intact).replace('{entries}', check.entries.toLocaleString(language)).replace('{head}', `<code data-figure="chain-head">${check.head}</code>`)}</p>`;
  }
  return `<p data-ledger="problems">${escapeHtml(t.broken)}</p><ul>${check.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`;
}

/** The printable post-show report (self-contained HTML: inline CSS and SVG chart, no scripts). */
export function renderSalesReportHtml(input: SalesReportInput, language: ReportLanguage): string {
  const t = TEXT[language];
  const { tallies } = input;
  const c = tallies.currency;
  const nameLanguage = language === 'en' ? 'en' : 'zh';
  const money = (minor: number) => escapeHtml(formatMoney(minor, c, language));
  /** Orders, units, net GMV and refunded of a bucket: the same four columns in every table. */
  const bucketCells = (b: BucketTally | undefined) => [String(b?.orders ?? 0), String(b?.units ?? 0), money(b?.gmv ?? 0), b?.refunded ? money(b.refunded) : '—'];
  const row = (cells: string[]) => `<tr>${cells.map((x, i) => (i === 0 ? `<th scope="row">${x}</th>` : `<td>${x}</td>`)).join('')}</tr>`;
  const from = input.onAir?.startedAt ?? -Infinity;
  const cueRows = input.segments.map((s) => {
    const b = tallies.bySegment[s.cueId];
    return row([escapeHtml(s.label || s.cueId), escapeHtml(time(Math.max(s.startedAt, from), language)), ...bucketCells(b)]);
  });
  if (tallies.unattributed.placed) cueRows.push(row([escapeHtml(t.beforeFirstCue), '', ...bucketCells(tallies.unattributed)]));
  const productRows = productSkus(input).map((sku) => {
    const b = tallies.bySku[sku];
    const stock = input.stockNow[sku];
    const name = summaryProductName({ sku, names: input.names[sku] ?? null }, nameLanguage);
    return row([
      `<span data-sku="${escapeHtml(sku)}">${escapeHtml(name)}</span>`,
      escapeHtml(sku),
      ...bucketCells(b),
      stock ? String(stock.left) : '—',
    ]);
  });
  const platformRows = Object.entries(tallies.byPlatform).map(([p, b]) => row([escapeHtml(p), ...bucketCells(b)]));
  const timeline = input.timeline;
  const sceneRows = sceneTotals(timeline?.scenes ?? []).map((x) => row([escapeHtml(x.scene), String(x.shown), duration(x.ms)]));
  // A show over an hour gets a row per hour on air (long museum and factory streams; lecturers take turns).
  const hours = timeline ? showHours(timeline) : [];
  const signals = orderSignalsOf(timeline?.chatByKind ?? {});
  const presenterRows = presenterTotals(timeline?.cues ?? [], tallies.bySegment, (id) => input.presenters[id] ?? null).map((p) =>
    row([escapeHtml(p.presenter), duration(p.onAirMs), String(p.orders), String(p.units), money(p.gmv), money(p.refunded)]),
  );
  const hourRows = hours.map((h) =>
    row([
      `${h.index} · ${escapeHtml(clock(h.from, language))}–${escapeHtml(clock(h.to, language))}`,
      String(h.orders),
      String(h.units),
      money(h.gmv),
      String(h.messages),
      String(h.questions),
      escapeHtml(h.cues.join(' · ')),
    ]),
  );
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
.meta{color:#555;font-size:12px}.on-air{font-size:14px;color:#111}.note{color:#555;font-size:12px;max-width:60em}
.figures{display:flex;gap:24px;flex-wrap:wrap}.figures div{min-width:110px}
.figures b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}
th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}th[scope=row],thead th:first-child{text-align:left}
${TIMELINE_CSS}
code{font-size:11px;word-break:break-all}@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}@page{size:A4;margin:14mm}
</style></head><body>
<h1>${escapeHtml(t.title)} · ${escapeHtml(input.showTitle)}</h1>
${onAirLine(input, language)}
<p class="meta">${escapeHtml(t.generated)}: ${escapeHtml(time(input.generatedAt, language))} · ${escapeHtml(c)}</p>
<section class="figures">
<div>${escapeHtml(t.gmv)}<b data-figure="gmv">${escapeHtml(formatMoney(tallies.gmv, c, language))}</b></div>
<div>${escapeHtml(t.gmvBeforeRefunds)}<b data-figure="gmv-before-refunds">${escapeHtml(formatMoney(tallies.paidAmount, c, language))}</b></div>
<div>${escapeHtml(t.refunds)}<b data-figure="refunds">${tallies.refundedOrders} · ${escapeHtml(formatMoney(tallies.refundedAmount, c, language))}</b></div>
<div>${escapeHtml(t.orders)}<b data-figure="orders">${tallies.ordersPaid}</b></div><div>${escapeHtml(t.units)}<b data-figure="units">${tallies.unitsPaid}</b></div>
<div>${escapeHtml(t.cancelled)}<b>${tallies.cancelledOrders}</b></div><div>${escapeHtml(t.pending)}<b>${tallies.pendingOrders}</b></div>
${tallies.testOrders ? `<div>${escapeHtml(t.testOrders)}<b data-figure="test-orders">${tallies.testOrders}</b></div>` : ''}
<div>${escapeHtml(t.chatMessages)}<b data-figure="chat">${timeline?.chatTotal ?? 0}</b></div>
<div>${escapeHtml(t.questions)}<b data-figure="questions">${timeline?.questionsTotal ?? 0}</b></div>
${signals.placed + signals.paid ? `<div>${escapeHtml(t.orderSignals)}<b data-figure="order-signals">${signals.placed} · ${signals.paid}</b></div>` : ''}
</section>
${signals.placed + signals.paid ? `<p class="note">${escapeHtml(t.orderSignalsNote)}</p>\n` : ''}${others.length ? `<p class="meta">${escapeHtml(t.otherCurrencies)}: ${others.join(', ')}</p>` : ''}
<h2>${escapeHtml(t.timeline)}</h2>
${timeline ? `${renderTimelineSvg(timeline, language)}\n${legend}` : `<p>${escapeHtml(t.noTimeline)}</p>`}
${hours.length > 1 ? `<h2>${escapeHtml(t.hours)}</h2>\n${table([t.hour, t.orders, t.units, t.gmv, t.chatMessages, t.questions, t.cues], hourRows)}\n` : ''}<h2>${escapeHtml(t.cues)}</h2>
${table([t.cue, t.started, t.orders, t.units, t.gmv, t.refunded], cueRows)}
${presenterRows.length ? `<h2>${escapeHtml(t.presenters)}</h2>\n${table([t.presenter, t.duration, t.orders, t.units, t.gmv, t.refunded], presenterRows)}\n` : ''}${timeline?.scenes.length ? `<h2>${escapeHtml(t.scenes)}</h2>\n${table([t.scene, t.timesShown, t.onProgram], sceneRows)}\n` : ''}<h2>${escapeHtml(t.products)}</h2>
${table([t.product, t.sku, t.orders, t.units, t.gmv, t.refunded, t.stockLeft], productRows)}
<h2>${escapeHtml(t.platforms)}</h2>
${table([t.platform, t.orders, t.units, t.gmv, t.refunded], platformRows)}
${input.reconciliation ? reconciliationHtml(input.reconciliation, language) : ''}
<h2>${escapeHtml(t.integrity)}</h2>
${ledgerLine(input.ledger, language)}
</body></html>
`;
}

/**
 * The report as CSV: the on-air window, totals, then one row per minute of the timeline (paid orders and chat
 * messages), per minute and chat kind, per hour on air (`hour`: its number, the cues that ran, orders and messages),
 * per cue, per scene change, per product (with its name) and per platform; money as exact decimals and minor units.
 */
export function renderSalesReportCsv(input: SalesReportInput): string {
  const { tallies } = input;
  const c = tallies.currency;
  // gmv is net (paid minus refunded); paid and refunded follow at the end so earlier columns keep their places.
  const header = ['section', 'key', 'label', 'startedAt', 'orders', 'units', 'gmvMinor', 'gmv', 'currency', 'messages', 'paidMinor', 'refundedMinor'];
  const rows: (string | number)[][] = [header];
  type Figures = { orders: number; units?: number; gmv: number; paid?: number; refunded?: number };
  const push = (section: string, key: string, label: string, startedAt: string, b: Figures, messages: number | '' = '') =>
    rows.push([section, key, label, startedAt, b.orders, b.units ?? '', b.gmv, minorToDecimal(b.gmv, c), c, messages, b.paid ?? '', b.refunded ?? '']);
  /** A row without sales figures (chat, scenes, the chain), padded to the header. */
  const other = (...cells: (string | number)[]) => rows.push(header.map((_, i) => cells[i] ?? ''));
  const iso = (at: number) => new Date(at).toISOString();
  if (input.onAir) {
    other('onair', 'start', input.showTitle, iso(input.onAir.startedAt));
    if (input.onAir.endedAt !== null) other('onair', 'end', input.showTitle, iso(input.onAir.endedAt));
  }
  push('total', 'paid', '', '', { orders: tallies.ordersPaid, units: tallies.unitsPaid, gmv: tallies.gmv, paid: tallies.paidAmount, refunded: tallies.refundedAmount });
  push('total', 'refunded', '', '', { orders: tallies.refundedOrders, gmv: tallies.refundedAmount });
  if (tallies.testOrders) other('total', 'test', 'test orders (in no figure)', '', tallies.testOrders);
  const timeline = input.timeline;
  if (timeline) {
    other('total', 'chat', '', '', '', '', '', '', '', timeline.chatTotal);
    other('total', 'questions', '', '', '', '', '', '', '', timeline.questionsTotal);
    const signals = orderSignalsOf(timeline.chatByKind);
    if (signals.placed + signals.paid) {
      other('total', 'orderSignalsPlaced', 'order signals (no price; in no figure)', '', '', '', '', '', '', signals.placed);
      other('total', 'orderSignalsPaid', 'order signals (no price; in no figure)', '', '', '', '', '', '', signals.paid);
    }
    for (const m of timeline.minutes) push('minute', iso(m.minute), '', '', m, m.messages);
    for (const m of timeline.minutes) for (const kind of CHAT_KINDS) if (m.chat[kind]) other('chat', iso(m.minute), kind, '', '', '', '', '', '', m.chat[kind]!);
    for (const p of presenterTotals(timeline.cues, tallies.bySegment, (id) => input.presenters[id] ?? null)) {
      push('presenter', p.presenter, duration(p.onAirMs), '', { orders: p.orders, units: p.units, gmv: p.gmv, paid: p.paid, refunded: p.refunded });
    }
    for (const h of showHours(timeline)) push('hour', String(h.index), h.cues.join(' / '), iso(h.from), h, h.messages);
  }
  for (const s of input.segments) push('cue', s.cueId, s.label, iso(s.startedAt), tallies.bySegment[s.cueId] ?? emptyBucket());
  if (tallies.unattributed.placed) push('cue', '', 'before first cue', '', tallies.unattributed);
  for (const b of timeline?.scenes ?? []) other('scene', b.key, '', iso(b.startedAt));
  for (const [sku, b] of Object.entries(tallies.bySku)) {
    const names = input.names[sku] ?? null;
    push('product', sku, names ? summaryProductName({ sku, names }, 'zh') : '', '', b);
  }
  for (const [p, b] of Object.entries(tallies.byPlatform)) push('platform', p, '', '', b);
  if (input.reconciliation) rows.push(...reconciliationCsvRows(input.reconciliation, header));
  other('chain', String(input.ledger.entries), input.ledger.head);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
