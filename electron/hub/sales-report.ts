import { minuteOf, type CueSegment, type Tallies } from '../domain/ledger';
import { formatMoney, minorToDecimal } from '../domain/money';
import type { TallyEvent } from '../protocol/sales-events';

/** Languages the post-show report is written in. */
export type ReportLanguage = 'en' | 'zh-CN';

/** What a post-show sales report is made from. */
export interface SalesReportInput {
  showTitle: string;
  generatedAt: number;
  latest: TallyEvent;
  segments: readonly CueSegment[];
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
    perMinute: 'Paid orders per minute',
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
    perMinute: '每分钟已付款订单',
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}


function time(at: number, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Every minute from the first to the last sale, zero-filled (the show's sales timeline). */
export function showMinutes(byMinute: Tallies['byMinute']): { minute: number; orders: number; gmv: number }[] {
  const keys = Object.keys(byMinute).map(Number);
  if (!keys.length) return [];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const out = [];
  // Capped at 24 h of minutes so a stray far-off timestamp cannot blow the report up.
  for (let m = first; m <= last && out.length < 1440; m += 60_000) {
    const b = byMinute[String(m)];
    out.push({ minute: m, orders: b?.orders ?? 0, gmv: b?.gmv ?? 0 });
  }
  return out;
}

function chartSvg(points: { minute: number; orders: number }[], segments: readonly CueSegment[], language: ReportLanguage): string {
  if (!points.length) return '';
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...points.map((p) => p.orders));
  const step = width / points.length;
  const first = points[0]!.minute;
  const bars = points
    .map((p, i) => {
      const h = p.orders === 0 ? 0 : Math.max(1, (p.orders / max) * (height - 24));
      return `<rect x="${(i * step).toFixed(1)}" y="${(height - 16 - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(time(p.minute, language))}: ${p.orders}</title></rect>`;
    })
    .join('');
  // Cue starts as vertical markers, so the reader sees which cue each burst belongs to.
  const marks = segments
    .filter((s) => minuteOf(s.startedAt) >= first && minuteOf(s.startedAt) <= points.at(-1)!.minute)
    .map((s) => {
      const x = (((minuteOf(s.startedAt) - first) / 60_000) * step).toFixed(1);
      return `<line x1="${x}" x2="${x}" y1="0" y2="${height - 16}" class="cue"/><text x="${x}" y="${height - 2}" class="cue-label">${escapeHtml(s.label || s.cueId)}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(TEXT[language].perMinute)}; max ${max}">${bars}${marks}</svg>`;
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
svg{width:100%;height:auto}rect{fill:#e5484d}line.cue{stroke:#333;stroke-dasharray:3 3}text.cue-label{font-size:9px;fill:#333}
code{font-size:11px;word-break:break-all}@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}@page{size:A4;margin:14mm}
</style></head><body>
<h1>${escapeHtml(t.title)} · ${escapeHtml(input.showTitle)}</h1>
<p class="meta">${escapeHtml(t.generated)}: ${escapeHtml(time(input.generatedAt, language))} · ${escapeHtml(c)}</p>
<section class="figures">
<div>${escapeHtml(t.gmv)}<b data-figure="gmv">${escapeHtml(formatMoney(tallies.gmv, c, language))}</b></div>
<div>${escapeHtml(t.orders)}<b>${tallies.ordersPaid}</b></div><div>${escapeHtml(t.units)}<b>${tallies.unitsPaid}</b></div>
<div>${escapeHtml(t.refunds)}<b>${tallies.refundedOrders} · ${escapeHtml(formatMoney(tallies.refundedAmount, c, language))}</b></div>
<div>${escapeHtml(t.cancelled)}<b>${tallies.cancelledOrders}</b></div><div>${escapeHtml(t.pending)}<b>${tallies.pendingOrders}</b></div>
</section>
${others.length ? `<p class="meta">${escapeHtml(t.otherCurrencies)}: ${others.join(', ')}</p>` : ''}
<h2>${escapeHtml(t.perMinute)}</h2>
${chartSvg(showMinutes(tallies.byMinute), input.segments, language) || `<p>${escapeHtml(t.none)}</p>`}
<h2>${escapeHtml(t.cues)}</h2>
${table([t.cue, t.started, t.orders, t.units, t.gmv], cueRows)}
<h2>${escapeHtml(t.products)}</h2>
${table([t.product, t.orders, t.units, t.gmv, t.stockLeft], productRows)}
<h2>${escapeHtml(t.platforms)}</h2>
${table([t.platform, t.orders, t.units, t.gmv], platformRows)}
<h2>${escapeHtml(t.integrity)}</h2>
<p>${escapeHtml(t.integrityText).replace('{entries}', String(chain.entries)).replace('{head}', `<code data-figure="chain-head">${chain.head}</code>`)}</p>
</body></html>
`;
}

/** One CSV field: quoted when needed, a leading formula character neutralised so a spreadsheet never runs it. */
export function csvField(value: string | number): string {
  const text = String(value);
  // Quote, and neutralise a leading formula character so a spreadsheet never executes a SKU or label.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV: one row per minute, cue, product and platform, money as exact decimals and minor units. */
export function renderSalesReportCsv(input: SalesReportInput): string {
  const { tallies, chain } = input.latest;
  const c = tallies.currency;
  const rows: (string | number)[][] = [['section', 'key', 'label', 'startedAt', 'orders', 'units', 'gmvMinor', 'gmv', 'currency']];
  const push = (section: string, key: string, label: string, startedAt: string, b: { orders: number; units?: number; gmv: number }) =>
    rows.push([section, key, label, startedAt, b.orders, b.units ?? '', b.gmv, minorToDecimal(b.gmv, c), c]);
  push('total', 'paid', '', '', { orders: tallies.ordersPaid, units: tallies.unitsPaid, gmv: tallies.gmv });
  push('total', 'refunded', '', '', { orders: tallies.refundedOrders, gmv: tallies.refundedAmount });
  for (const p of showMinutes(tallies.byMinute)) push('minute', new Date(p.minute).toISOString(), '', '', { ...p, units: tallies.byMinute[String(p.minute)]?.units ?? 0 });
  for (const s of input.segments) push('cue', s.cueId, s.label, new Date(s.startedAt).toISOString(), tallies.bySegment[s.cueId] ?? { orders: 0, units: 0, gmv: 0 });
  if (tallies.unattributed.orders) push('cue', '', 'before first cue', '', tallies.unattributed);
  for (const [sku, b] of Object.entries(tallies.bySku)) push('product', sku, '', '', b);
  for (const [p, b] of Object.entries(tallies.byPlatform)) push('platform', p, '', '', b);
  rows.push(['chain', String(chain.entries), chain.head, '', '', '', '', '', '']);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
