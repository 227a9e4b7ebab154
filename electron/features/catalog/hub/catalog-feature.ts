import { productProblem, type Product } from '../domain/catalog';
import { failure, type CommandResult } from '../../../core/protocol';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';
import { CATALOG_EVENT, catalogEventForRole, SCRIPT_READERS, type CatalogEvent } from '../protocol/catalog-events';
import { CATALOG_READER } from '../protocol/catalog-service';
import { catalogRoutes } from './catalog-routes';
import { CATALOG_MIGRATIONS, CatalogStore } from './catalog-store';

/**
 * The product catalog: products and the studio's own compliance terms in their own tables, edited by commands and by
 * file import, announced as `catalog` events, read by the other features through {@link CATALOG_READER}.
 */
export const catalogFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  const catalog = new CatalogStore(ctx.db);
  ctx.provide(CATALOG_READER, { get: (sku) => catalog.get(sku) });
  /**
   * Every window gets the change, the scripts only those who run the show: the full event to them (and to the hub's
   * own listeners), one without scripts to moderators and viewers.
   */
  const publish = (event: CatalogEvent) => {
    ctx.broadcast(CATALOG_EVENT, event, [...SCRIPT_READERS, 'engine']);
    ctx.broadcast(CATALOG_EVENT, catalogEventForRole(event, 'viewer'), ['moderator', 'viewer'], { isHeardInHub: false });
  };
  const ok = (): CommandResult => ({ ok: true, version: ctx.store.current.version });

  /**
   * Stores products batch by batch (each its own transaction and `catalog` event; `onSaved` reports progress), then
   * hands the stock changes to the ledger once for all of them (each `sales.setStocks` re-derives the tallies).
   */
  const saveProducts = async (
    batches: Product[][],
    principal: Principal,
    onSaved: (batch: Product[], fresh: number) => Promise<void> = async () => {},
  ): Promise<CommandResult> => {
    for (const p of batches.flat()) {
      const problem = productProblem(p);
      // Well-formed but against a catalog rule: rejected (422), like every domain refusal, not a malformed request (400).
      if (problem) return failure('rejected', `Product ${p.sku}: ${problem}. Nothing was saved.`);
    }
    const stockChanges: Array<{ sku: string; initial: number | null }> = [];
    for (const batch of batches) {
      const before = new Map(batch.map((p) => [p.sku, catalog.get(p.sku)]));
      catalog.upsert(batch);
      publish({ kind: 'changed', upserted: batch, removed: [] });
      for (const p of batch) if (before.get(p.sku)?.stock !== p.stock) stockChanges.push({ sku: p.sku, initial: p.stock });
      await onSaved(batch, batch.filter((p) => !before.get(p.sku)).length);
    }
    if (stockChanges.length > 0) {
      const result = await ctx.execute(principal, 'sales.setStocks', { items: stockChanges });
      if (!result.ok) return failure(result.error.code, `Products saved, but the stock was not: ${result.error.message}`);
    }
    return ok();
  };

  return {
    name: 'catalog',
    migrations: CATALOG_MIGRATIONS,
    start() {
      catalog.load();
    },
    commands: {
      'catalog.upsert': ({ products }, principal) => saveProducts([products], principal),
      'catalog.remove': async ({ skus }) => {
        const removed = catalog.remove(skus);
        if (removed.length === 0) return failure('rejected', 'None of those products are in the catalog.');
        publish({ kind: 'changed', upserted: [], removed });
        return ok();
      },
      'product.setStock': ({ sku, stock }, principal) => {
        const product = catalog.get(sku);
        if (!product) return failure('rejected', `No product ${sku} in the catalog.`);
        return saveProducts([[{ ...product, stock }]], principal);
      },
      'product.setPrice': ({ sku, price, listPrice }, principal) => {
        const product = catalog.get(sku);
        if (!product) return failure('rejected', `No product ${sku} in the catalog.`);
        return saveProducts([[{ ...product, price, listPrice: listPrice === undefined ? product.listPrice : listPrice }]], principal);
      },
      'compliance.setTerms': ({ terms }) => {
        catalog.setTerms(terms);
        publish({ kind: 'changed', upserted: [], removed: [], customTerms: catalog.terms });
        return ok();
      },
    },
    route: catalogRoutes({
      catalog,
      principalOf: (token) => ctx.tokens.resolve(token),
      save: saveProducts,
      allowedOrigins: ctx.allowedOrigins,
    }),
    onConnect(send, principal) {
      send(CATALOG_EVENT, catalogEventForRole({ kind: 'snapshot', products: catalog.all(), customTerms: catalog.terms }, principal.role));
    },
  };
};
