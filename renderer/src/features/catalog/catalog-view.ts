import type { Product } from '@shared/features/catalog/domain/catalog';
import type { CatalogEvent } from '@shared/features/catalog/protocol/catalog-events';

/** The catalog as this window knows it: products by sku, skus in catalog order, the studio's own banned claims. */
export interface CatalogViewState {
  bySku: Record<string, Product>;
  /** Skus in catalog order (the order products were first added); a new array only when a product is added or removed. */
  skus: string[];
  customTerms: string[];
  /** False until the hub's first snapshot arrived. */
  isLoaded: boolean;
}

/** A window that has not heard from the hub yet. */
export function initialCatalogView(): CatalogViewState {
  return { bySku: {}, skus: [], customTerms: [], isLoaded: false };
}

/**
 * Applies a catalog event (pure): a snapshot replaces everything (every connect sends one), a change upserts and
 * removes. Updating products that are already listed keeps the same `skus` array, so the table does not re-lay out.
 */
export function reduceCatalogView(state: CatalogViewState, event: CatalogEvent): CatalogViewState {
  if (event.kind === 'snapshot') {
    const bySku: Record<string, Product> = {};
    for (const p of event.products) bySku[p.sku] = p;
    return { bySku, skus: event.products.map((p) => p.sku), customTerms: event.customTerms, isLoaded: true };
  }
  if (event.upserted.length === 0 && event.removed.length === 0) {
    return event.customTerms ? { ...state, customTerms: event.customTerms } : state;
  }
  const bySku = { ...state.bySku };
  const added: string[] = [];
  for (const p of event.upserted) {
    if (!(p.sku in bySku) && !added.includes(p.sku)) added.push(p.sku);
    bySku[p.sku] = p;
  }
  const removed = new Set(event.removed.filter((sku) => sku in bySku));
  for (const sku of removed) delete bySku[sku];
  const skus = added.length === 0 && removed.size === 0 ? state.skus : [...state.skus.filter((s) => !removed.has(s)), ...added.filter((s) => !removed.has(s))];
  return { bySku, skus, customTerms: event.customTerms ?? state.customTerms, isLoaded: state.isLoaded };
}
