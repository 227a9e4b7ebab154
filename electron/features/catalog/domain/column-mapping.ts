/**
 * Column mapping for catalog files in a layout the studio does not know (a 抖店, 淘宝, 快手小店 or 视频号小店 product
 * export): which file column holds each product field, guessed from header names (zh-CN and English synonyms) and from
 * the values, confirmed by a person, then remembered per header set. Pure: the hub and the import dialog both use it.
 */

import { currencyDigits, parseMoneyInput } from '../../../core/domain/money';

/** The product fields a mapped column can fill. `title` goes to the Chinese or English title by its script. */
export const MAPPED_FIELDS = ['sku', 'title', 'variant', 'price', 'listPrice', 'currency', 'stock', 'image', 'sellingPoints', 'script', 'tags'] as const;

/** A product field a file column can be mapped to. */
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Fields every mapping needs: a product is keyed by its SKU, and a new one needs a title and a price. */
export const REQUIRED_MAPPED_FIELDS: readonly MappedField[] = ['sku', 'title', 'price'];

/** Which file column (its header cell, trimmed) each field is read from; a field without a column is left out. */
export type ColumnMapping = Partial<Record<MappedField, string>>;

/**
 * Header names per field, best first: the names Chinese shop back-ends (抖店, 淘宝/千牛, 快手小店, 视频号小店, 拼多多)
 * put in their product exports, then English ones. Matching ignores case, spaces, punctuation and bracketed units.
 */
export const HEADER_SYNONYMS: Record<MappedField, readonly string[]> = {
  sku: ['商家编码', 'sku编码', '商家sku编码', '规格编码', '商品编码', '商家货号', '货号', '外部编码', 'sku', 'skuid', 'sku id', '商品id', '商品编号', '宝贝id', 'item id', 'product id', 'variant sku', 'code'],
  title: ['商品名称', '商品标题', '宝贝标题', '宝贝名称', '商品名', '标题', '名称', '品名', 'title', 'product name', 'product title', 'name', 'item name'],
  variant: ['规格', '规格名称', 'sku规格', '销售属性', '规格属性', '颜色分类', 'sku名称', 'variant', 'option', 'spec', 'specification'],
  price: ['售价', '价格', '现价', '销售价', '商品价格', 'sku价格', '一口价', '直播价', '到手价', '活动价', '促销价', '单价', 'price', 'sale price', 'selling price', 'variant price'],
  listPrice: ['划线价', '原价', '市场价', '吊牌价', '参考价', '专柜价', '建议零售价', 'list price', 'compare at price', 'original price', 'msrp', 'rrp'],
  currency: ['币种', '货币', '币别', 'currency'],
  stock: ['库存', '库存数量', '可售库存', '总库存', 'sku库存', '库存量', '数量', 'stock', 'inventory', 'inventory qty', 'qty', 'quantity'],
  image: ['主图', '商品主图', '主图链接', '主图地址', '图片', '商品图片', '图片链接', '图片地址', 'image', 'image url', 'image src', 'picture', 'photo'],
  sellingPoints: ['卖点', '商品卖点', '核心卖点', 'selling points', 'highlights', 'features'],
  script: ['讲解词', '话术', '直播话术', '商品描述', '描述', '商品详情', '详情', '简介', 'script', 'description', 'details'],
  tags: ['标签', '商品标签', '关键词', 'tags', 'keywords'],
};

/** A header cell as matching compares it: NFKC (full-width to half-width), lower case, bracketed units, spaces and punctuation dropped. */
export function normaliseHeaderName(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【{<].*?[)\]】}>]/g, '')
    .replace(/[\s_\-:：*·.,，/\\|'"]+/g, '');
}

/**
 * The header set as one text, the same for any column order (names normalised and sorted), so an export whose columns
 * moved still finds its saved mapping. The hub hashes it into the key it stores the mapping under.
 */
export function headerSetSignature(header: readonly string[]): string {
  return [...new Set(header.map((h) => h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')).filter((h) => h !== ''))].sort().join('\n');
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const URL_RE = /^https?:\/\/\S+$/i;
const IMAGE_URL_RE = /^(https?:\/\/\S+\.(jpe?g|png|webp|gif|bmp|avif)(\?\S*)?|https?:\/\/\S*(img|image|pic|alicdn|ecombdimg|douyinpic|yzcdn|kwimgs)\S*)$/i;

/** How well a column's values fit a field, 0 (not at all, or no values) to 1. */
function valueFit(field: MappedField, values: readonly string[]): number {
  const seen = values.map((v) => v.trim()).filter((v) => v !== '');
  if (seen.length === 0) return 0;
  const share = (test: (v: string) => boolean) => seen.filter(test).length / seen.length;
  const isAmount = (v: string) => typeof parseShopPrice(v, 'CNY') === 'number';
  switch (field) {
    case 'price':
    case 'listPrice': {
      // A column of decimals (or of amounts with a ¥ or 元) is a price; plain integers may as well be stock.
      const amounts = share(isAmount);
      const marked = share((v) => /[.¥￥元$]/.test(v));
      return amounts === 1 ? (marked > 0 ? 1 : 0.4) : 0;
    }
    case 'stock':
      return share((v) => /^\d{1,9}$/.test(v.replace(/,/g, '')));
    case 'image':
      return share((v) => IMAGE_URL_RE.test(v));
    case 'currency':
      return share((v) => /^[A-Za-z]{3}$/.test(v) && ['CNY', 'USD', 'HKD', 'TWD', 'JPY', 'EUR', 'GBP', 'SGD', 'MYR', 'THB', 'VND', 'IDR', 'KRW', 'AUD', 'CAD'].includes(v.toUpperCase()));
    case 'sku': {
      const codes = share((v) => /^[\w.\-/#]{1,64}$/.test(v) && !URL_RE.test(v));
      return codes === 1 && new Set(seen).size === seen.length ? 0.5 : 0;
    }
    case 'title':
      return share((v) => !URL_RE.test(v) && (CJK.test(v) || /[a-z]{2,}\s+[a-z]{2,}/i.test(v)) && v.length >= 4) >= 0.8 ? 0.5 : 0;
    default:
      return 0;
  }
}

/** Words that make a column a link: 详情页链接 is the product page, not the description (详情). */
const LINKISH = /链接|网址|地址|link|url|href/;

/** Score of a header name for a field: an exact synonym beats a contained one, an earlier (more specific) synonym beats a later one. */
function headerScore(field: MappedField, name: string): number {
  const n = normaliseHeaderName(name);
  if (n === '') return 0;
  const synonyms = HEADER_SYNONYMS[field].map(normaliseHeaderName);
  const exact = synonyms.indexOf(n);
  if (exact >= 0) return 100 - exact;
  const isLink = LINKISH.test(n);
  let best = 0;
  for (const s of synonyms) {
    if (s.length < 2 || !n.includes(s) || (isLink && !LINKISH.test(s))) continue;
    best = Math.max(best, 50 + Math.min(s.length, 10));
  }
  return best;
}

/** Columns without a matching name are guessed from values alone only for fields whose values say enough. */
const VALUE_ONLY_FIELDS: ReadonlySet<MappedField> = new Set(['price', 'stock', 'image', 'currency']);

/**
 * Guesses which column holds each field from the header names and the first data rows (`rows[i][c]` is column c).
 * Each column fills at most one field and each field comes from at most one column. The guess depends on names and
 * values only, never on column order: any permutation of the columns gives the same mapping.
 */
export function guessMapping(header: readonly string[], rows: readonly (readonly string[])[]): ColumnMapping {
  const candidates: { field: MappedField; column: string; score: number }[] = [];
  header.forEach((cell, c) => {
    const column = cell.trim();
    if (column === '') return;
    const values = rows.slice(0, 50).map((r) => r[c] ?? '');
    for (const field of MAPPED_FIELDS) {
      const named = headerScore(field, column);
      const fit = valueFit(field, values);
      // A column of web links (the product page) is none of the text fields, whatever its name.
      const isLinks = values.some((v) => v.trim() !== '') && values.every((v) => v.trim() === '' || URL_RE.test(v.trim()));
      // An empty column (a 商家编码 the seller never filled) loses to a filled one with a weaker name (SKU ID).
      const isEmpty = rows.length > 0 && values.every((v) => v.trim() === '');
      let score = 0;
      if (isLinks && field !== 'image') score = 0;
      else if (named > 0) score = (isEmpty ? named / 2 : named) + 20 * fit;
      else if (VALUE_ONLY_FIELDS.has(field) && fit === 1) score = 20;
      else if (VALUE_ONLY_FIELDS.has(field) && field === 'price' && fit >= 0.4) score = 10;
      if (score > 0) candidates.push({ field, column, score });
    }
  });
  const order = (f: MappedField) => MAPPED_FIELDS.indexOf(f);
  candidates.sort((a, b) => b.score - a.score || order(a.field) - order(b.field) || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || used.has(column)) continue;
    mapping[field] = column;
    used.add(column);
  }
  return mapping;
}

/** What is wrong with a mapping for a header: a required field without a column, a column the file lacks, a column used twice. */
export type MappingProblem =
  | { kind: 'missing'; field: MappedField }
  | { kind: 'unknownColumn'; field: MappedField; column: string }
  | { kind: 'sharedColumn'; field: MappedField; column: string; other: MappedField };

/** Every problem of a mapping for a header row, in field order; empty when it can be imported. */
export function mappingProblems(mapping: ColumnMapping, header: readonly string[]): MappingProblem[] {
  const columns = new Set(header.map((h) => h.trim()).filter((h) => h !== ''));
  const problems: MappingProblem[] = [];
  const owner = new Map<string, MappedField>();
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === '') {
      if (REQUIRED_MAPPED_FIELDS.includes(field)) problems.push({ kind: 'missing', field });
      continue;
    }
    if (!columns.has(column)) problems.push({ kind: 'unknownColumn', field, column });
    const other = owner.get(column);
    if (other) problems.push({ kind: 'sharedColumn', field, column, other });
    else owner.set(column, field);
  }
  return problems;
}

/** A mapping problem as an English sentence (the hub's 400 answer; the dialog says the same in the UI language). */
export function mappingProblemText(problem: MappingProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `no column is chosen for ${problem.field}: every product needs one (choose the column that holds it)`;
    case 'unknownColumn':
      return `${problem.field} is mapped to "${problem.column.slice(0, 40)}", which is not a column of this file`;
    case 'sharedColumn':
      return `${problem.field} and ${problem.other} are both mapped to "${problem.column.slice(0, 40)}": a column fills one field`;
  }
}

/** Currencies a price mark may stand for (¥ is both yuan and yen; $ many dollars). */
const PRICE_MARKS: { mark: RegExp; currencies: readonly string[] }[] = [
  { mark: /^(人民币|rmb|cny)/i, currencies: ['CNY'] },
  { mark: /^(us\$|usd)/i, currencies: ['USD'] },
  { mark: /^(hk\$|hkd)/i, currencies: ['HKD'] },
  { mark: /^(nt\$|twd)/i, currencies: ['TWD'] },
  { mark: /^[¥]/, currencies: ['CNY', 'JPY'] },
  { mark: /^\$/, currencies: ['USD', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'NZD'] },
  { mark: /^€/, currencies: ['EUR'] },
  { mark: /^£/, currencies: ['GBP'] },
];
const SUFFIX_MARKS: { mark: RegExp; currencies: readonly string[] }[] = [
  { mark: /(元|块|rmb|cny)$/i, currencies: ['CNY', 'TWD', 'HKD'] },
  { mark: /(円|jpy)$/i, currencies: ['JPY'] },
  { mark: /usd$/i, currencies: ['USD'] },
];

/**
 * Reads a price as shop exports write it ("¥59.00", "￥1,299", "59.9元", "RMB 59", "59") into integer minor units of
 * `currency`, by string arithmetic; otherwise a reason saying what is wrong (a range, a negative, too many decimals, a
 * currency sign that is not the import's currency, not an amount).
 */
export function parseShopPrice(text: string, currency: string): number | { reason: string } {
  const raw = text.normalize('NFKC').trim();
  let body = raw.replace(/\s+/g, '');
  for (const marks of [PRICE_MARKS, SUFFIX_MARKS]) {
    for (const { mark, currencies } of marks) {
      if (!mark.test(body)) continue;
      if (!currencies.includes(currency)) return { reason: `is not in ${currency} (its sign says ${currencies.join(' or ')}): choose that currency for the import, or remove the sign` };
      body = body.replace(mark, '');
      break;
    }
  }
  if (/^-/.test(body)) return { reason: 'is negative: a price is 0 or more' };
  if (/^\d[\d,.]*[-~～至]\d/.test(body)) return { reason: 'is a price range: export one row per SKU (规格) so each has its own price' };
  const value = parseMoneyInput(body, currency);
  if (value !== null) return value;
  const digits = currencyDigits(currency);
  if (/^[\d,]*\.\d+$/.test(body)) return { reason: `has more than ${digits} decimals for ${currency}` };
  return { reason: 'is not an amount' };
}

/** Reads a whole count (stock) as exports write it ("120", "1,200", "120件"); empty is null (not tracked). */
export function parseShopCount(text: string): number | null | { reason: string } {
  const body = text.normalize('NFKC').trim().replace(/[,\s]/g, '').replace(/(件|个|份|pcs)$/i, '');
  if (body === '') return null;
  if (/^-\d+$/.test(body)) return { reason: 'is negative: write 0 or more, or leave it empty when not tracked' };
  if (!/^\d{1,9}$/.test(body)) return { reason: 'is not a whole number: write a count like 120, or leave it empty when not tracked' };
  return Number(body);
}

/** Splits a list cell as shop exports write lists: on `|`, commas, semicolons, 、 and line breaks (either width). */
export function splitShopList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[|,;、\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One data row read through a mapping: the values of the mapped fields, and a reason per cell that could not be read. */
export interface MappedRow {
  values: {
    sku?: string;
    title?: { zh: string } | { en: string };
    price?: number | null;
    listPrice?: number | null;
    currency?: string;
    stock?: number | null;
    image?: string | null;
    sellingPoints?: string[];
    script?: string;
    tags?: string[];
  };
  /** Problems, each with the field and the file column to fix. */
  issues: { field: MappedField; column: string; reason: string }[];
}

/**
 * Reads one data row through a mapping (`index` gives each mapped field's column position). Prices and stock become
 * integers; a `variant` (规格) is appended to the title, "title - variant", so each SKU of a product has its own
 * title; the title goes to `zh` when it has Chinese characters, else to `en`. Only mapped fields are in `values`.
 */
export function readMappedRow(cells: readonly string[], index: Partial<Record<MappedField, number>>, mapping: ColumnMapping, currency: string): MappedRow {
  const issues: MappedRow['issues'] = [];
  const values: MappedRow['values'] = {};
  const cell = (f: MappedField) => (index[f] === undefined ? undefined : (cells[index[f]!] ?? ''));
  const fail = (field: MappedField, value: string, reason: string) =>
    issues.push({ field, column: mapping[field] ?? field, reason: `${mapping[field] ?? field} "${value.trim().slice(0, 40)}" ${reason}` });

  const currencyCell = cell('currency')?.trim();
  let rowCurrency = currency;
  if (currencyCell) {
    const code = currencyCell.toUpperCase() === 'RMB' || currencyCell === '人民币' ? 'CNY' : currencyCell.toUpperCase();
    if (/^[A-Z]{3}$/.test(code)) rowCurrency = code;
    else fail('currency', currencyCell, 'is not an ISO 4217 currency code like CNY or USD');
  }
  if (index.currency !== undefined) values.currency = rowCurrency;
  const sku = cell('sku');
  if (sku !== undefined) {
    values.sku = sku.trim();
    if (values.sku === '') issues.push({ field: 'sku', column: mapping.sku ?? 'sku', reason: `${mapping.sku ?? 'sku'} is empty: every product needs its stock-keeping unit (商家编码)` });
  }
  const title = cell('title');
  if (title !== undefined) {
    const variant = cell('variant')?.trim() ?? '';
    const full = variant && !title.includes(variant) ? `${title.trim()} - ${variant}` : title.trim();
    values.title = CJK.test(full) ? { zh: full } : { en: full };
  }
  for (const field of ['price', 'listPrice'] as const) {
    const text = cell(field);
    if (text === undefined) continue;
    if (text.trim() === '') {
      if (field === 'price') issues.push({ field, column: mapping.price ?? 'price', reason: `${mapping.price ?? 'price'} is empty: every product needs its selling price, like 59.00` });
      values[field] = null;
      continue;
    }
    const parsed = parseShopPrice(text, rowCurrency);
    if (typeof parsed === 'number') values[field] = parsed;
    else {
      const digits = currencyDigits(rowCurrency);
      fail(field, text, `${parsed.reason}; write an amount like ${digits === 0 ? '59' : `59.${'0'.repeat(digits)}`}`);
      values[field] = null;
    }
  }
  const stock = cell('stock');
  if (stock !== undefined) {
    const parsed = parseShopCount(stock);
    if (parsed !== null && typeof parsed === 'object') {
      fail('stock', stock, parsed.reason);
      values.stock = null;
    } else values.stock = parsed;
  }
  const image = cell('image');
  // Shops list several images in one cell; the first is the main one.
  if (image !== undefined) values.image = splitShopList(image.replace(/\s+(?=https?:)/g, '\n'))[0] ?? null;
  const points = cell('sellingPoints');
  if (points !== undefined) values.sellingPoints = splitShopList(points);
  const script = cell('script');
  if (script !== undefined) values.script = script.replace(/\r\n?/g, '\n').trim();
  const tags = cell('tags');
  if (tags !== undefined) values.tags = splitShopList(tags);
  return { values, issues };
}

/** Each mapped field's column position in a header row (fields whose column is not in the row are left out). */
export function mappingIndex(mapping: ColumnMapping, header: readonly string[]): Partial<Record<MappedField, number>> {
  const at = new Map(header.map((h, i) => [h.trim(), i] as const));
  const index: Partial<Record<MappedField, number>> = {};
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && at.has(column)) index[field] = at.get(column)!;
  }
  return index;
}

/** The field a header name most likely means (by name only), or null when it names none of them. */
export function fieldForHeader(name: string): MappedField | null {
  let best: { field: MappedField; score: number } | null = null;
  for (const field of MAPPED_FIELDS) {
    const score = headerScore(field, name);
    if (score > 0 && (!best || score > best.score)) best = { field, score };
  }
  return best?.field ?? null;
}

/**
 * A saved mapping applied to a header of the same set: each column is renamed to how this file spells it (the set
 * key ignores case, width and spacing, so "SKU编码" and "sku编码" share a mapping).
 */
export function rebaseMapping(mapping: ColumnMapping, header: readonly string[]): ColumnMapping {
  const spelling = (cell: string) => cell.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  const actual = new Map(header.map((h) => [spelling(h), h.trim()] as const));
  const rebased: ColumnMapping = {};
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) rebased[field] = actual.get(spelling(column)) ?? column;
  }
  return rebased;
}
