import { CATALOG_LIMITS, type Product } from '../domain/catalog';
import type { DraftSet, ImportIssue, ImportOptions, ProductDraft, SheetRow } from './catalog-drafts';
import { readCountCell, readMoneyCell, type CellIssue, type ProductField } from './catalog-template';

/** Columns of Shopify's product export the studio reads (the export has many more; the rest are ignored). */
const COLUMNS = {
  handle: 'Handle',
  title: 'Title',
  body: 'Body (HTML)',
  tags: 'Tags',
  sku: 'Variant SKU',
  price: 'Variant Price',
  compareAt: 'Variant Compare At Price',
  inventory: 'Variant Inventory Qty',
  imageSrc: 'Image Src',
  imagePosition: 'Image Position',
  variantImage: 'Variant Image',
  option1: 'Option1 Value',
  option2: 'Option2 Value',
  option3: 'Option3 Value',
} as const;

type ShopifyKey = keyof typeof COLUMNS;

/** Header cells that make a file a Shopify product export. */
export const SHOPIFY_REQUIRED_COLUMNS = [COLUMNS.handle, COLUMNS.title, COLUMNS.sku, COLUMNS.price] as const;

const FIELD_COLUMNS: Partial<Record<ProductField, string>> = {
  sku: COLUMNS.sku,
  'title.zh': COLUMNS.title,
  'title.en': COLUMNS.title,
  price: COLUMNS.price,
  listPrice: COLUMNS.compareAt,
  currency: 'currency',
  stock: COLUMNS.inventory,
  script: COLUMNS.body,
  image: COLUMNS.imageSrc,
  tags: COLUMNS.tags,
};

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', middot: '·', hellip: '…', mdash: '—', ndash: '–' };

/**
 * Shopify's product description (HTML) as plain text for the teleprompter: scripts and styles dropped, paragraphs and
 * line breaks kept as line breaks (blank lines dropped), list items as "- ", entities decoded, spaces collapsed, control
 * characters removed.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>|<\/(p|div|h[1-6]|tr|ul|ol|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n?/g, '\n');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** What the first row of a Shopify product (a Handle) says for all its variants. */
interface ShopifyProductInfo {
  title: string;
  body: string;
  tags: string[];
  images: { position: number; order: number; src: string }[];
}

/**
 * Reads Shopify's product export: several rows per Handle (the first carries title, description and tags; each row with
 * a Variant SKU or Variant Price is a variant; rows with neither are extra images). One studio product per variant, keyed
 * by its Variant SKU, titled "Title - option values". Returns null when the header is not a Shopify export.
 * Fields Shopify does not have (selling points, scene, camera preset) keep the existing product's values.
 */
export function mapShopifyRows(header: SheetRow, rows: readonly SheetRow[], options: ImportOptions): DraftSet | null {
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<ShopifyKey, number>();
  for (const [key, name] of Object.entries(COLUMNS) as [ShopifyKey, string][]) {
    const at = names.indexOf(name.toLowerCase());
    if (at >= 0) index.set(key, at);
  }
  if (!SHOPIFY_REQUIRED_COLUMNS.every((c) => names.includes(c.toLowerCase()))) return null;
  const cellOf = (row: SheetRow, key: ShopifyKey) => (index.has(key) ? (row.cells[index.get(key)!] ?? '').trim() : '');

  const products = new Map<string, ShopifyProductInfo>();
  const variants: { row: SheetRow; handle: string }[] = [];
  const rowIssues: ImportIssue[] = [];
  rows.forEach((row, order) => {
    const cell = (key: ShopifyKey) => cellOf(row, key);
    const handle = cell('handle');
    if (handle === '') {
      rowIssues.push({ line: row.line, column: COLUMNS.handle, reason: 'Handle is empty: every row of a Shopify export names its product' });
      return;
    }
    let info = products.get(handle);
    if (!info) {
      info = { title: '', body: '', tags: [], images: [] };
      products.set(handle, info);
    }
    if (info.title === '' && cell('title') !== '') {
      info.title = cell('title');
      info.body = cell('body');
      info.tags = cell('tags').split(',').map((t) => t.trim()).filter((t) => t !== '');
    }
    if (cell('imageSrc') !== '') {
      const position = Number(cell('imagePosition'));
      info.images.push({ position: Number.isFinite(position) && cell('imagePosition') !== '' ? position : Infinity, order, src: cell('imageSrc') });
    }
    if (cell('sku') !== '' || cell('price') !== '') variants.push({ row, handle });
  });

  const drafts = variants.map(({ row, handle }): ProductDraft => {
    const cell = (key: ShopifyKey) => cellOf(row, key);
    const info = products.get(handle)!;
    const issues: ImportIssue[] = [];
    const take = <T>(value: T | CellIssue, fallback: T): T => {
      if (value !== null && typeof value === 'object' && 'reason' in value) {
        issues.push({ line: row.line, ...value });
        return fallback;
      }
      return value as T;
    };
    const sku = cell('sku');
    if (sku === '') {
      issues.push({ line: row.line, column: COLUMNS.sku, reason: `this variant of ${handle.slice(0, 60)} has no SKU: the studio keys products by SKU, so set one in Shopify` });
    }
    const old = sku === '' ? undefined : options.existing(sku);
    // The file has no currency: the importer says which one its prices are in (default CNY).
    const currency = options.currency;
    const options_ = [cell('option1'), cell('option2'), cell('option3')].filter((v) => v !== '' && v !== 'Default Title');
    const title = options_.length ? `${info.title} - ${options_.join(' / ')}` : info.title;
    const isZh = HAS_CJK.test(title);
    const image = cell('variantImage') || [...info.images].sort((a, b) => a.position - b.position || a.order - b.order)[0]?.src || null;
    let stock: number | null = index.has('inventory') ? null : (old?.stock ?? null);
    if (cell('inventory') !== '') {
      // Shopify lets inventory go below zero (oversold): for the show that is simply none left.
      stock = /^\s*-\d+\s*$/.test(cell('inventory')) ? 0 : take(readCountCell(cell('inventory'), COLUMNS.inventory), null);
    }
    const product: Product = {
      sku,
      title: { zh: isZh ? title : (old?.title.zh ?? ''), en: isZh ? (old?.title.en ?? '') : title },
      price: cell('price') === '' ? (issues.push({ line: row.line, column: COLUMNS.price, reason: 'Variant Price is empty: set the price in Shopify' }), 0) : take(readMoneyCell(cell('price'), currency, COLUMNS.price), 0),
      listPrice: cell('compareAt') === '' ? null : take<number | null>(readMoneyCell(cell('compareAt'), currency, COLUMNS.compareAt), null),
      currency,
      stock,
      sellingPoints: old?.sellingPoints ?? [],
      // Long descriptions are cut to the script limit: the full text stays in Shopify, the teleprompter needs the start.
      script: clip(htmlToText(info.body), CATALOG_LIMITS.script),
      image,
      tags: info.tags,
      scene: old?.scene ?? null,
      cameraPreset: old?.cameraPreset ?? null,
    };
    return { line: row.line, product, issues, columns: { ...FIELD_COLUMNS, image: cell('variantImage') ? COLUMNS.variantImage : COLUMNS.imageSrc } };
  });
  return { layout: 'shopify', drafts, rowIssues, ignoredColumns: [] };
}
