import { mappingIndex, readMappedRow, type ColumnMapping, type MappedField } from '../domain/column-mapping';
import type { DraftSet, ImportOptions, ProductDraft, SheetRow } from './catalog-drafts';
import type { ProductField } from './catalog-template';
import { clip, htmlToText } from './catalog-shopify';
import { CATALOG_LIMITS } from '../domain/catalog';

/** Shop descriptions (淘宝 宝贝描述, 抖店 商品详情) are often HTML: the teleprompter gets their text, cut at the script limit. */
function scriptText(text: string): string {
  return clip(/<[a-z][^>]*>/i.test(text) ? htmlToText(text) : text, CATALOG_LIMITS.script);
}

/** The product field a mapped field is validated as (so a schema issue names the file column to fix). */
const PRODUCT_FIELDS: Record<MappedField, ProductField[]> = {
  sku: ['sku'],
  title: ['title.zh', 'title.en'],
  variant: [],
  price: ['price'],
  listPrice: ['listPrice'],
  currency: ['currency'],
  stock: ['stock'],
  image: ['image'],
  sellingPoints: ['sellingPoints'],
  script: ['script'],
  tags: ['tags'],
};

/**
 * Reads a file in a shop's own layout through a confirmed column mapping (see domain/column-mapping.ts). Fields the
 * mapping leaves out keep the existing product's values; a title fills the Chinese or English title by its script and
 * the other language keeps what the product had.
 */
export function mapMappedRows(header: SheetRow, rows: readonly SheetRow[], mapping: ColumnMapping, options: ImportOptions): DraftSet {
  const index = mappingIndex(mapping, header.cells);
  const columns: Partial<Record<ProductField, string>> = {};
  for (const [field, targets] of Object.entries(PRODUCT_FIELDS) as [MappedField, ProductField[]][]) {
    for (const target of targets) if (mapping[field]) columns[target] = mapping[field];
  }
  const used = new Set(Object.values(mapping));
  const ignoredColumns = header.cells.map((c) => c.trim()).filter((c) => c !== '' && !used.has(c));
  const drafts = rows.map((row): ProductDraft => {
    const { values, issues } = readMappedRow(row.cells, index, mapping, options.currency);
    const sku = values.sku ?? '';
    const old = sku === '' ? undefined : options.existing(sku);
    const currency = values.currency ?? old?.currency ?? options.currency;
    const title = values.title;
    return {
      line: row.line,
      product: {
        sku,
        title: {
          zh: title && 'zh' in title ? title.zh : (old?.title.zh ?? ''),
          en: title && 'en' in title ? title.en : (old?.title.en ?? ''),
        },
        price: values.price ?? old?.price ?? 0,
        listPrice: values.listPrice !== undefined ? values.listPrice : (old?.listPrice ?? null),
        currency,
        stock: values.stock !== undefined ? values.stock : (old?.stock ?? null),
        sellingPoints: values.sellingPoints ?? old?.sellingPoints ?? [],
        script: values.script !== undefined ? scriptText(values.script) : (old?.script ?? ''),
        image: values.image !== undefined ? values.image : (old?.image ?? null),
        tags: values.tags ?? old?.tags ?? [],
        scene: old?.scene ?? null,
        cameraPreset: old?.cameraPreset ?? null,
      },
      issues: issues.map(({ column, reason }) => ({ line: row.line, column, reason })),
      columns,
    };
  });
  return { layout: 'mapped', drafts, rowIssues: [], ignoredColumns };
}
