import type { Product } from '../domain/catalog';

/** Socket.io event carrying the catalog: the whole of it on connect, then only what changed. */
export const CATALOG_EVENT = 'catalog';

/** The catalog as clients receive it. `customTerms` are the studio's own banned claims for the compliance check. */
export type CatalogEvent =
  | { kind: 'snapshot'; products: Product[]; customTerms: string[] }
  | { kind: 'changed'; upserted: Product[]; removed: string[]; customTerms?: string[] };

/** The catalog feature's events (part of the protocol's feature events map). */
export interface CatalogEvents {
  catalog: CatalogEvent;
}
