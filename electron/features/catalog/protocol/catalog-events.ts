import type { Role } from '../../../core/domain/roles';
import type { Product } from '../domain/catalog';

/** Socket.io event carrying the catalog: the whole of it on connect, then only what changed. */
export const CATALOG_EVENT = 'catalog';

/** The catalog as clients receive it. `customTerms` are the studio's own banned claims for the compliance check. */
export type CatalogEvent =
  | { kind: 'snapshot'; products: Product[]; customTerms: string[] }
  | { kind: 'changed'; upserted: Product[]; removed: string[]; customTerms?: string[] };

/** Roles that read the products' scripts (the anchor's talking points): those who run the show. */
export const SCRIPT_READERS: readonly Role[] = ['anchor', 'producer'];

/** A product as `role` reads it: without its script for anyone but those who run the show. */
export function productForRole<P extends Pick<Product, 'script'>>(product: P, role: Role): P {
  return SCRIPT_READERS.includes(role) || product.script === '' ? product : { ...product, script: '' };
}

/** A catalog event as `role` reads it (see {@link productForRole}). */
export function catalogEventForRole(event: CatalogEvent, role: Role): CatalogEvent {
  if (SCRIPT_READERS.includes(role)) return event;
  return event.kind === 'snapshot'
    ? { ...event, products: event.products.map((p) => productForRole(p, role)) }
    : { ...event, upserted: event.upserted.map((p) => productForRole(p, role)) };
}

/** The catalog feature's events (part of the protocol's feature events map). */
export interface CatalogEvents {
  catalog: CatalogEvent;
}
