import { CAMERA_PRESETS, type CameraPreset } from '../../scenes/domain/scenes';
import { type Product } from '../domain/catalog';
import { currencyDigits, parseMoneyInput } from '../../../core/domain/money';
import { minorToDecimal } from '../../../core/domain/money';

/** Columns of the studio's catalog template, in file order (see resources/catalog-template.csv and docs/api.md). */
export const TEMPLATE_COLUMNS = [
  'sku',
  'title_zh',
  'title_en',
  'price',
  'list_price',
  'currency',
  'stock',
  'selling_points',
  'script',
  'image',
  'tags',
  'scene',
  'camera_preset',
] as const;

/**
 * Header names of the Chinese-header template (resources/catalog-template.zh-CN.csv): the same columns and rules as
 * the English one, for sellers whose spreadsheets are in Chinese.
 */
export const TEMPLATE_COLUMNS_ZH: Record<(typeof TEMPLATE_COLUMNS)[number], string> = {
  sku: '商家编码',
  title_zh: '中文标题',
  title_en: '英文标题',
  price: '售价',
  list_price: '划线价',
  currency: '币种',
  stock: '库存',
  selling_points: '卖点',
  script: '讲解词',
  image: '主图',
  tags: '标签',
  scene: '场景',
  camera_preset: '镜头预设',
};

/** One column of the template. */
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** A field of a product as a validation issue names it (`title.zh` for the nested titles). */
export type ProductField = Exclude<keyof Product, 'title'> | 'title.zh' | 'title.en';

/** Which template column each product field is read from (so a schema issue names the column to fix). */
export const TEMPLATE_FIELD_COLUMNS: Record<ProductField, TemplateColumn> = {
  sku: 'sku',
  'title.zh': 'title_zh',
  'title.en': 'title_en',
  price: 'price',
  listPrice: 'list_price',
  currency: 'currency',
  stock: 'stock',
  sellingPoints: 'selling_points',
  script: 'script',
  image: 'image',
  tags: 'tags',
  scene: 'scene',
  cameraPreset: 'camera_preset',
};

/** Separator of the list columns (selling_points, tags); a literal `|` in an item is written `\|`, a backslash `\\`. */
export const LIST_SEPARATOR = '|';

/** Writes a list cell: items joined by `|`, with `\` and `|` inside items escaped so the list reads back the same. */
export function joinList(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\\|]/g, (c) => `\\${c}`)).join(LIST_SEPARATOR);
}

/** Reads a list cell: split on unescaped `|`, `\|` and `\\` unescaped (any other backslash stays), items trimmed, empty ones dropped. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    const next = cell[i + 1];
    if (c === '\\' && (next === '|' || next === '\\')) {
      item += next;
      i++;
    } else if (c === LIST_SEPARATOR) {
      items.push(item);
      item = '';
    } else item += c;
  }
  items.push(item);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** A product as one template row (every cell text; money as exact decimals of the currency). */
export function productToTemplateRow(p: Product): Record<TemplateColumn, string> {
  return {
    sku: p.sku,
    title_zh: p.title.zh,
    title_en: p.title.en,
    price: minorToDecimal(p.price, p.currency),
    list_price: p.listPrice === null ? '' : minorToDecimal(p.listPrice, p.currency),
    currency: p.currency,
    stock: p.stock === null ? '' : String(p.stock),
    selling_points: joinList(p.sellingPoints),
    script: p.script,
    image: p.image ?? '',
    tags: joinList(p.tags),
    scene: p.scene ?? '',
    camera_preset: p.cameraPreset ?? '',
  };
}

/** A problem with one cell of an import file. */
export interface CellIssue {
  column: string;
  reason: string;
}

/** Reads an amount like `128.00` into minor units of `currency`; the issue says what a valid amount looks like. */
export function readMoneyCell(cell: string, currency: string, column: string): number | CellIssue {
  const value = parseMoneyInput(cell, currency);
  if (value !== null) return value;
  const digits = currencyDigits(currency);
  const example = digits === 0 ? '128' : `128.${'0'.repeat(digits)}`;
  const why = /^\s*-/.test(cell) ? 'is negative' : /^\s*[\d,\s]*[.]\d+\s*$/.test(cell) ? `has more than ${digits} decimals for ${currency}` : 'is not an amount';
  return { column, reason: `${column} "${cell.slice(0, 40)}" ${why}: write a plain amount like ${example} (no currency sign)` };
}

/** Reads a whole count (stock): empty is null (not tracked); the issue names what is wrong. */
export function readCountCell(cell: string, column: string): number | null | CellIssue {
  const text = cell.trim().replace(/[,\s]/g, '');
  if (text === '') return null;
  if (/^-\d+$/.test(text)) return { column, reason: `${column} "${cell}" is negative: write 0 or more, or leave it empty when not tracked` };
  if (!/^\d{1,9}$/.test(text)) return { column, reason: `${column} "${cell.slice(0, 40)}" is not a whole number: write a count like 120, or leave it empty when not tracked` };
  return Number(text);
}

/** Reads a camera preset name (case-insensitive); empty is null. */
export function readCameraPresetCell(cell: string, column: string): CameraPreset | null | CellIssue {
  const text = cell.trim().toLowerCase();
  if (text === '') return null;
  const preset = CAMERA_PRESETS.find((p) => p === text);
  return preset ?? { column, reason: `${column} "${cell.slice(0, 40)}" is not a camera preset: use one of ${CAMERA_PRESETS.join(', ')}, or leave it empty` };
}

/** Reads a currency code (case-insensitive); the issue asks for an ISO 4217 code. */
export function readCurrencyCell(cell: string, column: string): string | CellIssue {
  const code = cell.trim().toUpperCase();
  if (!isCurrencyCode(code)) return { column, reason: `${column} "${cell.slice(0, 40)}" is not an ISO 4217 currency code like CNY or USD` };
  return code;
}

/** True for a well-formed ISO 4217 code that Intl knows how to format. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    currencyDigits(code);
    return true;
  } catch {
    return false;
  }
}
