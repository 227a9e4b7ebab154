import { serviceKey } from '../../../core/protocol/service-key';
import type { Product } from '../domain/catalog';

/** The catalog as other hub features read it (the run of show, the overlay, the rehearsal order simulator). */
export interface CatalogReader {
  /** A product by SKU, or undefined. */
  get(sku: string): Product | undefined;
}

/** The catalog feature offers its products under this key. */
export const CATALOG_READER = serviceKey<CatalogReader>('catalog.reader');
