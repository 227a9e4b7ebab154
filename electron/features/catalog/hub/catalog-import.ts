import { productProblem, type Product } from '../domain/catalog';
import { productSchema } from '../protocol/catalog-commands';
import type { CatalogLayout, DraftSet, ImportIssue, ImportOptions, ProductDraft, SheetRow } from './catalog-drafts';
import { mapShopifyRows, SHOPIFY_REQUIRED_COLUMNS } from './catalog-shopify';
import { mapMappedRows } from './catalog-mapped';
import { fieldForHeader, mappingProblems, mappingProblemText } from '../domain/column-mapping';
import {
  readCameraPresetCell,
  readCountCell,
  readCurrencyCell,
  readMoneyCell,
  splitList,
  TEMPLATE_COLUMNS,
  TEMPLATE_COLUMNS_ZH,
  TEMPLATE_FIELD_COLUMNS,
  type CellIssue,
  type ProductField,
  type TemplateColumn,
} from './catalog-template';

/** The header cell as a template column name: trimmed, lower case, spaces and dashes as underscores. */
export function normaliseHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const ZH_TEMPLATE_NAMES = new Map(Object.entries(TEMPLATE_COLUMNS_ZH).map(([column, zh]) => [zh, column]));

/** A header cell as a template column name, the Chinese template's names included (商家编码 is sku). */
function templateName(cell: string): string {
  return ZH_TEMPLATE_NAMES.get(cell.normalize('NFKC').trim()) ?? normaliseHeader(cell);
}

/**
 * The layout a header row is in, or null when it is a shop's own layout that needs a column mapping. A header with
 * `sku` (or 商家编码) is our template unless it also has columns the template lacks but a product field is known by
 * (商品名称, 价格...): that is a shop export that happens to have a SKU column.
 */
export function knownLayout(header: readonly string[]): 'template' | 'shopify' | null {
  const lower = header.map((c) => c.trim().toLowerCase());
  if (SHOPIFY_REQUIRED_COLUMNS.every((c) => lower.includes(c.toLowerCase()))) return 'shopify';
  const names = header.map(templateName);
  if (!names.includes('sku')) return null;
  const isShopColumn = (name: string, i: number) => name !== '' && !(TEMPLATE_COLUMNS as readonly string[]).includes(name) && fieldForHeader(header[i]!) !== null;
  return names.some(isShopColumn) ? null : 'template';
}

/** Message for a header row that fits neither layout (the 400 answer), naming the columns each layout needs. */
export function unknownLayoutMessage(header: readonly string[]): string {
  const found = header.filter((h) => h.trim() !== '').slice(0, 20).map((h) => h.trim().slice(0, 40));
  return (
    `The header row (line 1) matches no catalog layout. Our template has the columns ${TEMPLATE_COLUMNS.join(',')} ` +
    `(at least sku; see resources/catalog-template.csv); a Shopify product export has ${SHOPIFY_REQUIRED_COLUMNS.join(', ')}. ` +
    `Found: ${found.length ? found.join(', ') : 'an empty row'}. For a shop's own export, send a column mapping (mapping=...). Nothing was imported.`
  );
}

/** The error for a header row that names a column twice (case-insensitive), or null. */
export function duplicateHeaderError(header: SheetRow): string | null {
  const duplicate = header.cells.map((c) => c.trim().toLowerCase()).find((c, i, all) => c !== '' && all.indexOf(c) !== i);
  return duplicate ? `The header row (line ${header.line}) has the column "${duplicate.slice(0, 40)}" twice; keep one. Nothing was imported.` : null;
}

/**
 * Reads the rows of an import file (header first) into product drafts, recognising the layout from the header.
 * Returns an error message (the 400 answer) when the header fits no layout or names a column twice.
 */
export function readDrafts(rows: readonly SheetRow[], options: ImportOptions): DraftSet | { error: string } {
  const [header, ...data] = rows;
  if (!header) return { error: 'The file has no rows. Send a header row and one row per product (see resources/catalog-template.csv). Nothing was imported.' };
  const duplicate = duplicateHeaderError(header);
  if (duplicate) return { error: duplicate };
  const shopify = mapShopifyRows(header, data, options);
  if (shopify) return shopify;
  if (knownLayout(header.cells) === null) {
    if (!options.mapping) return { error: unknownLayoutMessage(header.cells) };
    const problems = mappingProblems(options.mapping, header.cells);
    if (problems.length > 0) return { error: `The column mapping does not fit this file: ${problems.map(mappingProblemText).join('; ')}. Nothing was imported.` };
    return mapMappedRows(header, data, options.mapping, options);
  }
  const names = header.cells.map(templateName);
  const index = new Map<TemplateColumn, number>();
  const ignoredColumns: string[] = [];
  names.forEach((name, i) => {
    if ((TEMPLATE_COLUMNS as readonly string[]).includes(name)) index.set(name as TemplateColumn, i);
    else if (name !== '') ignoredColumns.push(header.cells[i]!.trim());
  });
  const drafts = data.map((row) => templateDraft(row, index, options));
  // The Chinese template's issues name its own column (售价, not price), the one the person sees in the file.
  const fileName = new Map([...index].map(([column, i]) => [column as string, header.cells[i]!.trim()]));
  if ([...fileName].some(([column, name]) => column !== name)) {
    for (const draft of drafts) {
      draft.issues = draft.issues.map((issue) => ({ ...issue, column: fileName.get(issue.column) ?? issue.column }));
      draft.columns = Object.fromEntries(Object.entries(draft.columns).map(([field, column]) => [field, fileName.get(column) ?? column]));
    }
  }
  return { layout: 'template', drafts, rowIssues: [], ignoredColumns };
}

/** One template row as a product draft. Columns the file lacks keep the existing product's values (or defaults). */
function templateDraft(row: SheetRow, index: ReadonlyMap<TemplateColumn, number>, options: ImportOptions): ProductDraft {
  const issues: ImportIssue[] = [];
  const has = (c: TemplateColumn) => index.has(c);
  const cell = (c: TemplateColumn) => row.cells[index.get(c)!] ?? '';
  const text = (c: TemplateColumn) => cell(c).trim();
  const take = <T>(value: T | CellIssue, fallback: T): T => {
    if (value !== null && typeof value === 'object' && 'reason' in value) {
      issues.push({ line: row.line, ...value });
      return fallback;
    }
    return value as T;
  };
  const sku = text('sku');
  if (sku === '') issues.push({ line: row.line, column: 'sku', reason: 'sku is empty: every product needs its stock-keeping unit' });
  const old = sku === '' ? undefined : options.existing(sku);
  const currency = has('currency') && text('currency') !== '' ? take(readCurrencyCell(cell('currency'), 'currency'), options.currency) : (old?.currency ?? options.currency);
  const isNew = old === undefined;
  const money = (c: 'price' | 'list_price', kept: number | null | undefined, isRequired: boolean): number | null => {
    if (!has(c)) {
      if (kept !== undefined) return kept;
      if (isRequired) issues.push({ line: row.line, column: c, reason: `a new product needs a ${c}: add a ${c} column with an amount like 128.00` });
      return isRequired ? 0 : null;
    }
    if (text(c) === '') {
      if (isRequired) issues.push({ line: row.line, column: c, reason: `${c} is empty: write the selling price like 128.00` });
      return isRequired ? 0 : null;
    }
    return take<number | null>(readMoneyCell(cell(c), currency, c), 0);
  };
  const optional = (c: 'image' | 'scene', kept: string | null | undefined) => (has(c) ? text(c) || null : (kept ?? null));
  const product: Product = {
    sku,
    title: { zh: has('title_zh') ? text('title_zh') : (old?.title.zh ?? ''), en: has('title_en') ? text('title_en') : (old?.title.en ?? '') },
    price: money('price', old?.price, true) ?? 0,
    listPrice: money('list_price', isNew ? null : old.listPrice, false),
    currency,
    stock: has('stock') ? take(readCountCell(cell('stock'), 'stock'), null) : (old?.stock ?? null),
    sellingPoints: has('selling_points') ? splitList(cell('selling_points')) : (old?.sellingPoints ?? []),
    // The script keeps its spacing (it is read aloud as written); only Windows line ends are made plain.
    script: has('script') ? cell('script').replace(/\r\n?/g, '\n') : (old?.script ?? ''),
    image: optional('image', old?.image),
    tags: has('tags') ? splitList(cell('tags')) : (old?.tags ?? []),
    scene: optional('scene', old?.scene),
    cameraPreset: has('camera_preset') ? take(readCameraPresetCell(cell('camera_preset'), 'camera_preset'), null) : (old?.cameraPreset ?? null),
  };
  return { line: row.line, product, issues, columns: TEMPLATE_FIELD_COLUMNS };
}

/** The field a schema issue path points at (`['title','zh']` is `title.zh`). */
function fieldOf(path: readonly PropertyKey[]): ProductField {
  return (path[0] === 'title' && typeof path[1] === 'string' ? `title.${path[1]}` : String(path[0] ?? 'sku')) as ProductField;
}

/**
 * Every problem of a draft: what could not be read, then what the product schema and the cross-field rules say, each
 * named by the file column to fix. A column already reported is not reported again (one reason per cell).
 */
export function validateDraft(draft: ProductDraft): ImportIssue[] {
  const issues = [...draft.issues];
  const reported = new Set(issues.map((i) => i.column));
  const add = (field: ProductField, reason: string) => {
    const column = draft.columns[field] ?? field;
    if (reported.has(column)) return;
    reported.add(column);
    issues.push({ line: draft.line, column, reason });
  };
  const parsed = productSchema.safeParse(draft.product);
  if (!parsed.success) for (const issue of parsed.error.issues) add(fieldOf(issue.path), issue.message);
  const problem = productProblem(draft.product);
  if (problem) {
    const zh = draft.columns['title.zh'] ?? 'title.zh';
    const en = draft.columns['title.en'] ?? 'title.en';
    add('title.zh', zh === en ? `${problem}: fill ${zh}` : `${problem}: fill ${zh} or ${en}`);
  }
  return issues;
}

/** Issues for skus that more than one row of the file carries: every such row is refused (which one is right is unknown). */
export function duplicateSkuIssues(drafts: readonly ProductDraft[]): ImportIssue[] {
  const lines = new Map<string, number[]>();
  for (const d of drafts) if (d.product.sku !== '') lines.set(d.product.sku, [...(lines.get(d.product.sku) ?? []), d.line]);
  const issues: ImportIssue[] = [];
  for (const d of drafts) {
    const at = lines.get(d.product.sku);
    if (!at || at.length < 2) continue;
    const others = at.filter((l) => l !== d.line);
    issues.push({
      line: d.line,
      column: d.columns.sku ?? 'sku',
      reason: `sku ${d.product.sku.slice(0, 64)} is also on line${others.length > 1 ? 's' : ''} ${others.slice(0, 5).join(', ')}: a file lists each product once`,
    });
  }
  return issues;
}

/** The outcome of checking a whole file: the products that may be saved and every problem, by line. */
export interface ImportPlan {
  layout: CatalogLayout;
  /** Products without any problem, in file order. */
  valid: Product[];
  /** Every problem, ordered by line. */
  errors: ImportIssue[];
  /** Product rows in the file (valid or not). */
  total: number;
  ignoredColumns: string[];
}

/** Orders issues by line, keeping each line's issues in the order they were found. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.line - b.issue.line || a.i - b.i).map((x) => x.issue);
}

/** Combines validated drafts and the file's other issues into a plan (the last, synchronous step of an import check). */
export function planFrom(set: DraftSet, perDraft: readonly ImportIssue[][]): ImportPlan {
  const duplicates = duplicateSkuIssues(set.drafts);
  const badLines = new Set(duplicates.map((d) => d.line));
  const valid = set.drafts.filter((d, i) => perDraft[i]!.length === 0 && !badLines.has(d.line)).map((d) => d.product);
  return {
    layout: set.layout,
    valid,
    errors: sortIssues([...set.rowIssues, ...perDraft.flat(), ...duplicates]),
    total: set.drafts.length + new Set(set.rowIssues.map((i) => i.line)).size,
    ignoredColumns: set.ignoredColumns,
  };
}

/** Checks a whole import file at once (the HTTP route does the same in chunks, reporting progress). */
export function planCatalogImport(rows: readonly SheetRow[], options: ImportOptions): ImportPlan | { error: string } {
  const set = readDrafts(rows, options);
  if ('error' in set) return set;
  return planFrom(set, set.drafts.map(validateDraft));
}
