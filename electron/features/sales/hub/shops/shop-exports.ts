/**
 * The shops' own order exports read into orders for reconciliation: Shopify's "Export orders" CSV (one row per line
 * item; order fields on an order's first row; `Id` is the id its webhooks carry) and 抖店's order export (one row per
 * sub-order, 主订单编号 the order, money in yuan, times in China time). Columns are found by their header names,
 * since both shops add and move columns between versions.
 */
import type { SheetRow } from '../../../../core/hub/sheets/sheet-file';
import type { ShopExportKind, ShopOrder } from '../../domain/reconciliation';
import { decimalToMinor } from './shopify-orders';

/** `Financial Status` values of an order that has been paid (refunds are in `Refunded Amount`). */
const SHOPIFY_PAID = new Set(['paid', 'partially_refunded', 'refunded']);

/** 抖店 订单状态 values of an order not paid (yet, or ever). */
const DOUDIAN_UNPAID = new Set(['待支付', '待付款', '已取消', '交易关闭']);

/** 抖店 售后状态 values that mean the line's money went back. */
const DOUDIAN_REFUNDED = ['退款成功', '退货退款成功', '已退款'];

/** China Standard Time, which 抖店's export uses without saying so. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Which shop an export comes from, by its header; null when neither. */
export function detectShopExport(header: SheetRow): ShopExportKind | null {
  const names = new Set(header.cells.map((c) => c.trim().replace(/^\uFEFF/, '')));
  if (names.has('Financial Status') && names.has('Lineitem price')) return 'shopify';
  if (names.has('主订单编号') || names.has('订单编号')) return 'doudian';
  return null;
}

/** "2025-10-07 09:50:26 +0200" (Shopify's export) or an ISO time, epoch ms; a time without a zone is at `offsetMs`. */
export function parseExportTime(text: string, offsetMs = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\s*(Z|[+-]\d{2}):?(\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone, zoneMinutes] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (zone === undefined) return utc - offsetMs;
  if (zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  return utc - sign * (Math.abs(Number(zone)) * 60 + Number(zoneMinutes ?? 0)) * 60_000;
}

type Columns = Map<string, number>;

function columnsOf(header: SheetRow): Columns {
  return new Map(header.cells.map((c, i) => [c.trim().replace(/^\uFEFF/, ''), i] as const));
}

/** A cell by column name, trimmed; Excel's guards (a leading tab or apostrophe on long ids) taken off. */
function cell(row: SheetRow, columns: Columns, name: string): string {
  const i = columns.get(name);
  return i === undefined ? '' : (row.cells[i] ?? '').replace(/^[\t']+/, '').trim();
}

function missing(columns: Columns, names: readonly string[]): string[] {
  return names.filter((n) => !columns.has(n));
}

/** A money cell in minor units, or an error naming the row and column. */
function money(row: SheetRow, columns: Columns, name: string, currency: string): number | { error: string } {
  const text = cell(row, columns, name).replace(/,/g, '');
  if (text === '' || text === '-') return 0;
  const minor = decimalToMinor(text, currency);
  return minor === null ? { error: `Line ${row.line}, column "${name}": "${text}" is not an amount like 12.30.` } : minor;
}

/** Shopify's orders export: rows grouped by `Name`; paid from `Financial Status`, lines from `Lineitem *`. */
function readShopify(rows: readonly SheetRow[]): ShopOrder[] | { error: string } {
  const columns = columnsOf(rows[0]!);
  const absent = missing(columns, ['Name', 'Id', 'Financial Status', 'Currency', 'Lineitem quantity', 'Lineitem price']);
  if (absent.length) return { error: `The Shopify export has no ${absent.map((n) => `"${n}"`).join(', ')} column: export "All orders" with every field (Orders > Export > CSV for Excel).` };
  const orders = new Map<string, ShopOrder & { isPaid: boolean; lines: number }>();
  for (const row of rows.slice(1)) {
    const name = cell(row, columns, 'Name');
    if (!name) continue;
    let order = orders.get(name);
    if (!order) {
      // Order fields are on the first row of each order.
      const id = cell(row, columns, 'Id');
      const currency = cell(row, columns, 'Currency');
      if (!id || !/^[A-Z]{3}$/.test(currency)) return { error: `Line ${row.line}: order ${name} needs its Id and Currency on its first row.` };
      const refunded = money(row, columns, 'Refunded Amount', currency);
      if (typeof refunded === 'object') return refunded;
      const placed = cell(row, columns, 'Created at');
      order = { orderId: id, name, placedAt: placed ? parseExportTime(placed) : null, currency, paid: 0, refunded, isPaid: SHOPIFY_PAID.has(cell(row, columns, 'Financial Status').toLowerCase()), lines: 0 };
      orders.set(name, order);
    }
    const quantity = Number(cell(row, columns, 'Lineitem quantity'));
    const price = money(row, columns, 'Lineitem price', order.currency);
    if (typeof price === 'object') return price;
    if (!Number.isInteger(quantity) || quantity < 0) return { error: `Line ${row.line}, column "Lineitem quantity": a whole number is needed.` };
    order.lines += quantity * price;
  }
  return [...orders.values()].map(({ isPaid, lines, ...o }) => ({ ...o, paid: isPaid ? lines : 0, refunded: isPaid ? Math.min(o.refunded, lines) : 0 }));
}

/** 抖店's order export: one row per sub-order, grouped by 主订单编号; a refunded sub-order gives its line back. */
function readDoudian(rows: readonly SheetRow[]): ShopOrder[] | { error: string } {
  const columns = columnsOf(rows[0]!);
  const idColumn = columns.has('主订单编号') ? '主订单编号' : '订单编号';
  const absent = missing(columns, ['商品数量', '商品金额', '订单状态']);
  if (absent.length) return { error: `The 抖店 export has no ${absent.map((n) => `"${n}"`).join(', ')} column: export the orders with every field (订单管理 > 批量导出).` };
  const orders = new Map<string, ShopOrder>();
  for (const row of rows.slice(1)) {
    const id = cell(row, columns, idColumn);
    if (!id) continue;
    const placed = cell(row, columns, '订单提交时间');
    const order = orders.get(id) ?? { orderId: id, name: id, placedAt: placed ? parseExportTime(placed, CHINA_OFFSET_MS) : null, currency: 'CNY', paid: 0, refunded: 0 };
    orders.set(id, order);
    const quantity = Number(cell(row, columns, '商品数量'));
    const price = money(row, columns, '商品金额', 'CNY');
    if (typeof price === 'object') return price;
    if (!Number.isInteger(quantity) || quantity < 0) return { error: `Line ${row.line}, column "商品数量": a whole number is needed.` };
    if (DOUDIAN_UNPAID.has(cell(row, columns, '订单状态'))) continue;
    const line = quantity * price;
    order.paid += line;
    const aftersale = cell(row, columns, '售后状态');
    if (DOUDIAN_REFUNDED.some((s) => aftersale.includes(s))) order.refunded += line;
  }
  return [...orders.values()];
}

/** Reads an export (header first) into orders; says what is wrong when it is neither shop's export or cannot be read. */
export function readShopExport(rows: readonly SheetRow[]): { kind: ShopExportKind; orders: ShopOrder[] } | { error: string } {
  if (rows.length === 0) return { error: 'The file is empty: send the order export file from the shop as it was downloaded.' };
  const kind = detectShopExport(rows[0]!);
  if (!kind) return { error: 'This is not a Shopify orders export (no "Financial Status" and "Lineitem price" columns) nor a 抖店 order export (no 主订单编号 column).' };
  const orders = kind === 'shopify' ? readShopify(rows) : readDoudian(rows);
  return 'error' in orders ? orders : { kind, orders };
}
