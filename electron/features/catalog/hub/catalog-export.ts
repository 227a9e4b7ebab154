import writeXlsxFile, { type Row } from 'write-excel-file/node';
import type { Product } from '../domain/catalog';
import { currencyDigits } from '../../../core/domain/money';
import { csvField } from '../../../core/hub/csv';
import { productToTemplateRow, TEMPLATE_COLUMNS } from './catalog-template';

/**
 * The catalog as a template CSV (UTF-8 with BOM so Excel reads Chinese, CRLF rows). Every text cell a spreadsheet would
 * run as a formula is prefixed with `'`, which the import removes again, so an export re-imports to the same catalog.
 */
export function renderCatalogCsv(products: readonly Product[]): string {
  const lines = [TEMPLATE_COLUMNS.join(',')];
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
