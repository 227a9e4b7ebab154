import { createHash } from 'node:crypto';
import type { Product } from '../domain/catalog';
import { headerSetSignature, type ColumnMapping } from '../domain/column-mapping';
import type { Db, Migration } from '../../../core/hub/storage';

/** Schema of the catalog: one row per product (JSON body, keyed by sku) and the studio's own banned claims. */
export const CATALOG_MIGRATIONS: Migration[] = [
  {
    feature: 'catalog',
    version: 1,
    sql: `
      CREATE TABLE catalog_products (
        sku TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE catalog_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    feature: 'catalog',
    version: 2,
    // Column mappings a person confirmed for a shop export's header set, so the same export imports again without asking.
    sql: `
      CREATE TABLE catalog_column_mappings (
        header_key TEXT PRIMARY KEY,
        header TEXT NOT NULL,
        mapping TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];

/** The key a header row's mapping is saved under: SHA-256 of its header set (names normalised and sorted, order-free). */
export function headerKeyOf(header: readonly string[]): string {
  return createHash('sha256').update(headerSetSignature(header)).digest('hex');
}

/** The catalog as the hub keeps it: in memory for reads (cue cards, overlay), in SQLite for every write. */
export class CatalogStore {
  private readonly products = new Map<string, Product>();
  private customTerms: string[] = [];
  private nextPosition = 0;

  constructor(private readonly db: Db) {}

  /** Loads what the database holds (call once the migrations ran). */
  load(): void {
    const rows = this.db.prepare('SELECT body, position FROM catalog_products ORDER BY position').all() as { body: string; position: number }[];
    for (const row of rows) {
      const product = JSON.parse(row.body) as Product;
      this.products.set(product.sku, product);
      this.nextPosition = Math.max(this.nextPosition, row.position + 1);
    }
    const terms = this.db.prepare("SELECT value FROM catalog_settings WHERE key = 'customTerms'").get() as { value: string } | undefined;
    this.customTerms = terms ? (JSON.parse(terms.value) as string[]) : [];
  }

  /** Every product, in the order they were first added. */
  all(): Product[] {
    return [...this.products.values()];
  }

  /** One product, or undefined. */
  get(sku: string): Product | undefined {
    return this.products.get(sku);
  }

  /** How many products the catalog holds. */
  get size(): number {
    return this.products.size;
  }

  /** Adds or replaces products by sku in one transaction (all or nothing). */
  upsert(products: readonly Product[]): void {
    const insert = this.db.prepare(
      `INSERT INTO catalog_products (sku, position, body, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    );
    const now = Date.now();
    let position = this.nextPosition;
    this.db.transaction(() => {
      for (const p of products) insert.run(p.sku, position++, JSON.stringify(p), now);
    })();
    this.nextPosition = position;
    for (const p of products) this.products.set(p.sku, structuredClone(p));
  }

  /** Removes products; returns the skus that existed. */
  remove(skus: readonly string[]): string[] {
    const existing = skus.filter((s) => this.products.has(s));
    const del = this.db.prepare('DELETE FROM catalog_products WHERE sku = ?');
    this.db.transaction(() => {
      for (const sku of existing) del.run(sku);
    })();
    for (const sku of existing) this.products.delete(sku);
    return existing;
  }

  /** The column mapping saved for a header set (see {@link headerKeyOf}), or null. */
  mappingFor(headerKey: string): ColumnMapping | null {
    const row = this.db.prepare('SELECT mapping FROM catalog_column_mappings WHERE header_key = ?').get(headerKey) as { mapping: string } | undefined;
    return row ? (JSON.parse(row.mapping) as ColumnMapping) : null;
  }

  /** Saves (or replaces) the column mapping of a header set. */
  saveMapping(headerKey: string, header: readonly string[], mapping: ColumnMapping): void {
    this.db
      .prepare(
        `INSERT INTO catalog_column_mappings (header_key, header, mapping, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (header_key) DO UPDATE SET header = excluded.header, mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(headerKey, JSON.stringify(header), JSON.stringify(mapping), Date.now());
  }

  /** The studio's own banned claims (on top of the built-in lists). */
  get terms(): string[] {
    return [...this.customTerms];
  }

  /** Replaces the studio's own banned claims. */
  setTerms(terms: readonly string[]): void {
    const unique = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))];
    this.db
      .prepare("INSERT INTO catalog_settings (key, value) VALUES ('customTerms', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(unique));
    this.customTerms = unique;
  }
}
