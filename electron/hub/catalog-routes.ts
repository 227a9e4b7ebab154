import type { Product } from '../domain/catalog';
import type { CommandResult } from '../protocol';
import type { CatalogStore } from './catalog-store';
import { sendError, sendJson } from './http-api';
import type { RouteHandler } from './hub-feature';
import { bearerToken, type Principal } from './tokens';

/** What the catalog's HTTP routes need from the run-of-show feature. */
export interface CatalogRouteDeps {
  catalog: CatalogStore;
  /** The principal a bearer token belongs to, or null. */
  principalOf(token: string | null): Principal | null;
  /** Saves products the way `catalog.upsert` does (broadcast, stock to the ledger, chat mentions). */
  save(products: Product[], principal: Principal): Promise<CommandResult>;
}

/** HTTP routes of the catalog: `GET /api/v1/catalog` (any role) lists every product. */
export function catalogRoutes(deps: CatalogRouteDeps): RouteHandler {
  return async (req, res, url) => {
    if (url.pathname !== '/api/v1/catalog') return false;
    if (req.method !== 'GET') {
      sendError(res, 405, 'invalid', `Wrong method for ${url.pathname}; see docs/api.md.`);
      return true;
    }
    if (!deps.principalOf(bearerToken(req.headers.authorization))) {
      sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>".');
      return true;
    }
    sendJson(res, 200, { ok: true, products: deps.catalog.all(), customTerms: deps.catalog.terms });
    return true;
  };
}
