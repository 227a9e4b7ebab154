import writeXlsxFile, { type Row } from 'write-excel-file/node';
import type { Product } from '../domain/catalog';
import { currencyDigits } from '../../../core/domain/money';
import { csvField } from '../../../core/hub/csv';
import { productToTemplateRow, TEMPLATE_COLUMNS, TEMPLATE_COLUMNS_ZH } from './catalog-template';

/**
 * The catalog as a template CSV (UTF-8 with BOM so Excel reads Chinese, CRLF rows). Every text cell a spreadsheet would
 * run as a formula is prefixed with `'`, which the import removes again, so an export re-imports to the same catalog.
 */
export function renderCatalogCsv(products: readonly Product[], headerLanguage: 'en' | 'zh' = 'en'): string {
  const lines = [TEMPLATE_COLUMNS.map((c) => (headerLanguage === 'zh' ? TEMPLATE_COLUMNS_ZH[c] : c)).join(',')];
  for (const p of products) {
    const row = productToTemplateRow(p);
    lines.push(TEMPLATE_COLUMNS.map((c) => csvField(row[c])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The catalog as a template XLSX workbook: prices and stock as numbers (shown with the currency's decimals), every
 * other cell as text (a sku like 00123 stays text, and no cell is ever a formula).
 */
export async function renderCatalogXlsx(products: readonly Product[]): Promise<Buffer> {
  const header: Row = TEMPLATE_COLUMNS.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const }));
  const rows: Row[] = [header];
  for (const p of products) {
    const row = productToTemplateRow(p);
    const digits = currencyDigits(p.currency);
    const format = digits === 0 ? '0' : `0.${'0'.repeat(digits)}`;
    const money = (text: string) => (text === '' ? null : { value: Number(text), type: Number, format });
    rows.push(
      TEMPLATE_COLUMNS.map((c) => {
        if (c === 'price' || c === 'list_price') return money(row[c]);
        if (c === 'stock') return row.stock === '' ? null : { value: Number(row.stock), type: Number };
        return row[c] === '' ? null : { value: row[c], type: String };
      }),
    );
  }
  return writeXlsxFile(rows, { sheet: 'catalog', stickyRowsCount: 1 }).toBuffer();
}

/** The two products of the downloadable templates (the same as resources/catalog-template.csv). */
export const TEMPLATE_EXAMPLES: readonly Product[] = [
  {
    sku: 'TEA-LJ-250',
    title: { zh: '明前龙井 250 克', en: 'Pre-Qingming Longjing tea 250 g' },
    price: 12_800,
    listPrice: 16_800,
    currency: 'CNY',
    stock: 120,
    sellingPoints: ['明前采摘', '手工炒制', '250 克罐装'],
    script: '先闻香，再看叶底。\n今天直播间专享价 128 元。',
    image: 'https://example.com/images/longjing.jpg',
    tags: ['龙井', '绿茶', 'longjing'],
    scene: 'Product close-up',
    cameraPreset: 'pip',
  },
  {
    sku: 'CUP-CELADON-2',
    title: { zh: '青瓷品茗杯（两只装）', en: 'Celadon tasting cups (pair)' },
    price: 3_950,
    listPrice: null,
    currency: 'CNY',
    stock: null,
    sellingPoints: ['手工拉坯', '容量 80 毫升'],
    script: '两只一套，适合两个人喝茶。',
    image: 'cups.jpg',
    tags: ['青瓷', '茶杯'],
    scene: null,
    cameraPreset: null,
  },
];

/** A downloadable template: the example products under English (`sku, title_zh, ...`) or Chinese (商家编码, 中文标题...) headers. */
export function renderTemplateCsv(headerLanguage: 'en' | 'zh'): string {
  return renderCatalogCsv(TEMPLATE_EXAMPLES, headerLanguage);
}
