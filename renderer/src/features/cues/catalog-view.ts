import type { Product } from '../../../../electron/domain/catalog';
import type { CatalogEvent } from '../../../../electron/protocol/catalog-events';

/** The catalog as this window knows it: products by sku in catalog order, and the studio's own banned claims. */
export interface CatalogViewState {
  bySku: Record<string, Product>;
  skus: string[];
  customTerms: string[];
  isLoaded: boolean;
}

/** A window that has not heard from the hub yet. */
export function initialCatalogView(): CatalogViewState {
  return { bySku: {}, skus: [], customTerms: [], isLoaded: false };
}

/** Applies a catalog event: a snapshot replaces everything (reconnect), a change upserts and removes. */
export function reduceCatalogView(state: CatalogViewState, event: CatalogEvent): CatalogViewState {
  if (event.kind === 'snapshot') {
    const bySku: Record<string, Product> = {};
    for (const p of event.products) bySku[p.sku] = p;
    return { bySku, skus: event.products.map((p) => p.sku), customTerms: event.customTerms, isLoaded: true };
  }
  const bySku = { ...state.bySku };
  const added: string[] = [];
  for (const p of event.upserted) {
    if (!bySku[p.sku]) added.push(p.sku);
    bySku[p.sku] = p;
  }
  const removed = new Set(event.removed);
  for (const sku of removed) delete bySku[sku];
  const skus = [...state.skus.filter((s) => !removed.has(s)), ...added.filter((s) => !removed.has(s))];
  return { bySku, skus, customTerms: event.customTerms ?? state.customTerms, isLoaded: state.isLoaded };
}
