import type { Product } from '../domain/catalog';
import type { ColumnMapping } from '../domain/column-mapping';
import type { ImportIssue } from '../protocol/catalog-import';
import type { ProductField } from './catalog-template';

// What every import layout (the studio's template, Shopify's export) reads a file into, before validation.

export type { ImportIssue };

export type { SheetRow } from '../../../core/hub/sheets/sheet-file';

/** The layouts an import file may have. */
export type CatalogLayout = 'template' | 'shopify' | 'mapped';

/** A product read from a file, before validation: what could not be read is in `issues`. */
export interface ProductDraft {
  line: number;
  product: Product;
  issues: ImportIssue[];
  /** The file column each product field came from, to name it in a validation issue. */
  columns: Partial<Record<ProductField, string>>;
}

/** What reading an import file's rows gives: the drafts (one per product row) and issues of rows that made no draft. */
export interface DraftSet {
  layout: CatalogLayout;
  drafts: ProductDraft[];
  /** Problems of rows that could not become a product at all (a Shopify row without a Handle). */
  rowIssues: ImportIssue[];
  /** Header cells neither layout knows; they are ignored (reported so a typo in a column name is seen). */
  ignoredColumns: string[];
}

/** How to read an import file. */
export interface ImportOptions {
  /** Currency of rows that name none (the template's empty currency cells, every Shopify row). */
  currency: string;
  /** The catalog's current product for a sku: columns the file does not have keep its values. */
  existing(sku: string): Product | undefined;
  /** How to read a file in a layout the studio does not know (a shop's own export): its confirmed column mapping. */
  mapping?: ColumnMapping | null;
}
