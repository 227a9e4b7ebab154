/**
 * The reconciliation section of the post-show report: one sentence the anchor can trust ("matches the shop to the
 * cent" or what differs), then every order that differs. HTML for the printable report, rows for its CSV.
 */
import { formatMoney, minorToDecimal } from '../../../../core/domain/money';
import type { Reconciliation, ShopExportKind } from '../../domain/reconciliation';
import { escapeXml as escapeHtml, type ChartLanguage as ReportLanguage } from './timeline-chart';

const SHOP_NAMES: Record<ShopExportKind, Record<ReportLanguage, string>> = {
  shopify: { en: 'Shopify', 'zh-CN': 'Shopify' },
  doudian: { en: 'Douyin shop (抖店)', 'zh-CN': '抖店' },
};

const TEXT = {
  en: {
    title: 'Reconciliation with {shop}',
    exact: 'Net GMV matches {shop} to the cent: {net} over {orders} orders.',
    differs:
      'Net GMV differs from {shop}: studio {studio}, {shop} {shopNet} (difference {difference}). {missingInLedger} orders missing in the studio, {missingInShop} missing in the export, {differences} amount differences.',
    checked: 'Checked {at} against the export ({skipped} of its orders were outside this show or in another currency).',
    order: 'Order',
    what: 'Difference',
    studio: 'Studio',
    shop: 'Shop export',
    missingInLedger: 'not in the studio (its webhook never arrived?)',
    missingInShop: 'not in the export (the export is older, or the order came from elsewhere)',
    paid: 'paid',
    refunded: 'refunded',
  },
  'zh-CN': {
    title: '与{shop}对账',
    exact: '净成交额与{shop}一致，精确到分：{net}，共 {orders} 单。',
    differs: '净成交额与{shop}不一致：工作室 {studio}，{shop} {shopNet}（相差 {difference}）。工作室缺 {missingInLedger} 单，导出文件缺 {missingInShop} 单，金额不一致 {differences} 处。',
    checked: '{at} 与导出文件核对（其中 {skipped} 单不在本场或币种不同，未核对）。',
    order: '订单',
    what: '差异',
    studio: '工作室',
    shop: '店铺导出',
    missingInLedger: '工作室没有（订单推送未到？）',
    missingInShop: '导出文件没有（导出较早，或订单来自别处）',
    paid: '已付款',
    refunded: '已退款',
  },
} satisfies Record<ReportLanguage, Record<string, string>>;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The sentence: net GMV matches the shop to the cent, or how it differs. */
export function reconciliationLine(r: Reconciliation, language: ReportLanguage): string {
  const t = TEXT[language];
  const money = (minor: number) => formatMoney(minor, r.currency, language);
  const shop = SHOP_NAMES[r.shop][language];
  if (r.isExact) return fill(t.exact, { shop, net: money(r.ledger.net), orders: r.matched });
  return fill(t.differs, {
    shop,
    studio: money(r.ledger.net),
    shopNet: money(r.shopTotals.net),
    difference: money(r.ledger.net - r.shopTotals.net),
    missingInLedger: r.missingInLedger.length,
    missingInShop: r.missingInShop.length,
    differences: r.differences.length,
  });
}

/** Every order that differs, one row each: order, what differs, the studio's amount, the export's amount. */
function differenceRows(r: Reconciliation): { orderId: string; name: string; what: 'missingInLedger' | 'missingInShop' | 'paid' | 'refunded'; studio: number | null; shop: number | null }[] {
  return [
    ...r.missingInLedger.map((o) => ({ orderId: o.orderId, name: o.name, what: 'missingInLedger' as const, studio: null, shop: o.paid - o.refunded })),
    ...r.missingInShop.map((o) => ({ orderId: o.orderId, name: o.name, what: 'missingInShop' as const, studio: o.paid - o.refunded, shop: null })),
    ...r.differences.map((d) => ({ orderId: d.orderId, name: d.name, what: d.field, studio: d.ledger, shop: d.shop })),
  ];
}

/** The report's HTML section. */
export function reconciliationHtml(r: Reconciliation, language: ReportLanguage): string {
  const t = TEXT[language];
  const money = (minor: number | null) => (minor === null ? '—' : escapeHtml(formatMoney(minor, r.currency, language)));
  const at = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(r.checkedAt);
  const rows = differenceRows(r).map(
    (d) => `<tr><th scope="row">${escapeHtml(d.name === d.orderId ? d.orderId : `${d.name} (${d.orderId})`)}</th><td>${escapeHtml(t[d.what])}</td><td>${money(d.studio)}</td><td>${money(d.shop)}</td></tr>`,
  );
  const table = rows.length
    ? `<table data-reconciliation="differences"><thead><tr>${[t.order, t.what, t.studio, t.shop].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  return `<h2>${escapeHtml(fill(t.title, { shop: SHOP_NAMES[r.shop][language] }))}</h2>
<p data-reconciliation="${r.isExact ? 'exact' : 'differs'}"><b>${escapeHtml(reconciliationLine(r, language))}</b></p>
<p class="note">${escapeHtml(fill(t.checked, { at, skipped: r.skipped.outsideWindow + r.skipped.otherCurrency }))}</p>
${table}`;
}

/**
 * The report's CSV rows (section `reconcile`): a summary row (key empty, label `exact` or `differs`, orders = matched,
 * gmvMinor = the studio's net, paidMinor = the export's net), then one per order that differs (key = order id, label =
 * `missing-in-studio`, `missing-in-export`, `paid` or `refunded`, gmvMinor = studio, paidMinor = export).
 */
export function reconciliationCsvRows(r: Reconciliation, header: readonly string[]): (string | number)[][] {
  const row = (cells: Record<string, string | number>) => header.map((h) => cells[h] ?? '');
  const labels = { missingInLedger: 'missing-in-studio', missingInShop: 'missing-in-export', paid: 'paid', refunded: 'refunded' } as const;
  const amounts = (studio: number | null, shop: number | null) => ({
    gmvMinor: studio ?? '',
    gmv: studio === null ? '' : minorToDecimal(studio, r.currency),
    paidMinor: shop ?? '',
    currency: r.currency,
  });
  return [
    row({ section: 'reconcile', key: '', label: r.isExact ? 'exact' : 'differs', startedAt: new Date(r.checkedAt).toISOString(), orders: r.matched, ...amounts(r.ledger.net, r.shopTotals.net) }),
    ...differenceRows(r).map((d) => row({ section: 'reconcile', key: d.orderId, label: labels[d.what], ...amounts(d.studio, d.shop) })),
  ];
}
