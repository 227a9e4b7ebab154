import { answerCors } from '../../../core/hub/http/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CATALOG_LIMITS, type Product } from '../domain/catalog';
import { HTTP_STATUS, type CommandResult } from '../../../core/protocol';
import type { CatalogStore } from './catalog-store';
import { productForRole } from '../protocol/catalog-events';
import { renderCatalogCsv, renderCatalogXlsx, renderTemplateCsv } from './catalog-export';
import { headerKeyOf } from './catalog-store';
import { guessMapping, mappingProblems, rebaseMapping, type ColumnMapping } from '../domain/column-mapping';
import { XLSX_CONTENT_TYPE, readSheetFile } from '../../../core/hub/sheets/sheet-file';
import { duplicateHeaderError, knownLayout, planFrom, readDrafts, validateDraft } from './catalog-import';
import {
  CATALOG_EXPORT_PATHS,
  CATALOG_IMPORT_PATH,
  CATALOG_TEMPLATE_PATHS,
  columnMappingSchema,
  NDJSON_CONTENT_TYPE as NDJSON,
  type ImportIssue,
  type ImportProgress,
  type ImportResult,
} from '../protocol/catalog-import';
import { isCurrencyCode } from './catalog-template';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, headerOf, readBody } from '../../../core/hub/http/http-body';
import type { RouteHandler } from '../../../core/hub/hub-feature';
import { bearerToken, type Principal } from '../../../core/hub/auth/tokens';

/** What the catalog's HTTP routes need from the run-of-show feature. */
export interface CatalogRouteDeps {
  catalog: CatalogStore;
  /** The principal a bearer token belongs to, or null. */
  principalOf(token: string | null): Principal | null;
  /** Saves batches the way `catalog.upsert` does (each batch broadcast as saved; stock and chat mentions once at the end). */
  save(batches: Product[][], principal: Principal, onSaved: (batch: Product[], fresh: number) => Promise<void>): Promise<CommandResult>;
  /** Page origins besides the hub's own that may call these routes (the desktop app's `app://anchor` pages). */
  allowedOrigins: readonly string[];
}

/** Largest catalog file `POST /api/v1/catalog/import` takes. */
export const MAX_CATALOG_IMPORT_BODY = 20 * 1024 * 1024;

/** Products saved per store transaction (and per `catalog` event) during an import. */
export const IMPORT_SAVE_BATCH = 500;

/** Data rows the mapping step shows (and the hub guesses from: values tell a price from a stock). */
const MAPPING_SAMPLE_ROWS = 5;
const GUESS_ROWS = 50;

/** The `mapping` query parameter (JSON, field to header cell), or why it cannot be read. */
function readMappingParam(text: string | null): ColumnMapping | null | { error: string } {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'mapping is not JSON: send an object like {"sku":"商家编码","title":"商品名称","price":"售价"}. Nothing was imported.' };
  }
  const parsed = columnMappingSchema.safeParse(value);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field ${i.keys.join(', ')}` : `${i.path.join('.') || 'mapping'}: ${i.message}`));
    return { error: `mapping is not a column mapping (${why.join('; ')}). Fields: sku, title, variant, price, listPrice, currency, stock, image, sellingPoints, script, tags. Nothing was imported.` };
  }
  return parsed.data;
}

const NO_ROWS = 'The file has a header but no product rows. Add one row per product under the header. Nothing was imported.';

/** Rows checked between two progress lines (and two turns of the event loop, so the hub keeps serving the show). */
const CHECK_CHUNK = 250;


const RUNNERS = new Set(['anchor', 'producer']);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const day = () => new Date().toISOString().slice(0, 10);


/**
 * HTTP routes of the catalog: `GET /api/v1/catalog` (any role) lists every product (scripts only to the anchor and producers); `POST /api/v1/catalog/import`
 * (anchor, producer) imports a CSV or XLSX file in our template, Shopify's product export layout or a shop's own layout
 * through a column mapping (asked for once per header set, then saved), all or nothing unless `?accept=valid`;
 * `GET /api/v1/catalog/export.csv|.xlsx` (anchor, producer) writes the catalog in the template layout, and
 * `GET /api/v1/catalog/template.csv|.zh-CN.csv` (any role) gives the English- or Chinese-header template.
 */
export function catalogRoutes(deps: CatalogRouteDeps): RouteHandler {
  /** The caller, or null after answering 401 (no or unknown token) or 403 (a role that may not do this). */
  const authorize = (req: IncomingMessage, res: ServerResponse, what: string | null): Principal | null => {
    const principal = deps.principalOf(bearerToken(headerOf(req, 'authorization')));
    if (!principal) {
      sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>".');
      return null;
    }
    if (what && !RUNNERS.has(principal.role)) {
      sendError(res, 403, 'forbidden', `The ${principal.role} role may not ${what}; ask the anchor or a producer.`);
      return null;
    }
    return principal;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'GET /api/v1/catalog': async (req, res) => {
      const principal = authorize(req, res, null);
      if (!principal) return;
      sendJson(res, 200, { ok: true, products: deps.catalog.all().map((p) => productForRole(p, principal.role)), customTerms: deps.catalog.terms });
    },
    // The exports carry every column, scripts included: for those who run the show.
    [`GET ${CATALOG_EXPORT_PATHS.csv}`]: async (req, res) => {
      if (!authorize(req, res, 'export the catalog')) return;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="catalog-${day()}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(renderCatalogCsv(deps.catalog.all()));
    },
    [`GET ${CATALOG_TEMPLATE_PATHS.en}`]: async (req, res) => {
      if (!authorize(req, res, null)) return;
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="catalog-template.csv"', 'Cache-Control': 'no-store' });
      res.end(renderTemplateCsv('en'));
    },
    [`GET ${CATALOG_TEMPLATE_PATHS.zh}`]: async (req, res) => {
      if (!authorize(req, res, null)) return;
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="catalog-template.zh-CN.csv"', 'Cache-Control': 'no-store' });
      res.end(renderTemplateCsv('zh'));
    },
    [`GET ${CATALOG_EXPORT_PATHS.xlsx}`]: async (req, res) => {
      if (!authorize(req, res, 'export the catalog')) return;
      const body = await renderCatalogXlsx(deps.catalog.all());
      res.writeHead(200, {
        'Content-Type': XLSX_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="catalog-${day()}.xlsx"`,
        'Cache-Control': 'no-store',
        'Content-Length': body.length,
      });
      res.end(body);
    },
    [`POST ${CATALOG_IMPORT_PATH}`]: async (req, res, url) => {
      const principal = authorize(req, res, 'import the catalog');
      if (!principal) return;
      const currency = (url.searchParams.get('currency') ?? 'CNY').trim().toUpperCase();
      if (!isCurrencyCode(currency)) return sendError(res, 400, 'invalid', `currency "${currency.slice(0, 20)}" is not an ISO 4217 code like CNY or USD.`);
      const accept = url.searchParams.get('accept');
      if (accept !== null && accept !== 'valid') return sendError(res, 400, 'invalid', 'accept takes one value, "valid" (import the valid rows of a file that has bad ones).');
      const ask = url.searchParams.get('ask');
      if (ask !== null && ask !== 'mapping') return sendError(res, 400, 'invalid', 'ask takes one value, "mapping" (show the column mapping again, even when one is saved).');
      const sentMapping = readMappingParam(url.searchParams.get('mapping'));
      if (sentMapping && 'error' in sentMapping) return sendError(res, 400, 'invalid', sentMapping.error);
      let body: Buffer;
      try {
        body = await readBody(req, MAX_CATALOG_IMPORT_BODY);
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err;
        return sendError(res, 413, 'payload_too_large', 'The catalog file is over 20 MiB. Split it into several files (each import adds or updates products by sku). Nothing was imported.');
      }
      const file = await readSheetFile(body, headerOf(req, 'content-type'), 'The file is empty: send a header row and one row per product (see resources/catalog-template.csv).');
      if ('error' in file) return sendError(res, 400, 'invalid', file.error);
      // A shop's own export: read it through the mapping sent, else the one saved for its header set, else ask for one.
      const head = file.rows[0];
      let mapping: ColumnMapping | null = null;
      let headerKey: string | null = null;
      if (head && knownLayout(head.cells) === null) {
        // What no mapping can fix is said before asking for one.
        const duplicate = duplicateHeaderError(head);
        if (duplicate) return sendError(res, 400, 'invalid', duplicate);
        if (file.rows.length < 2) return sendError(res, 400, 'invalid', NO_ROWS);
        headerKey = headerKeyOf(head.cells);
        const stored = deps.catalog.mappingFor(headerKey);
        const saved = stored ? rebaseMapping(stored, head.cells) : null;
        // A saved mapping that no longer fits (it cannot, unless the store was edited by hand) is asked about again.
        const usable = saved && mappingProblems(saved, head.cells).length === 0 ? saved : null;
        mapping = sentMapping ?? (ask === 'mapping' ? null : usable);
        if (!mapping) {
          const data = file.rows.slice(1);
          const message = saved
            ? 'Check the saved column mapping for this file, change it if needed, and import again with it. Nothing was imported.'
            : "This file's columns are not in a layout the studio knows: say which column holds each field (mapping=...; mappingRequest has the studio's guess). Nothing was imported.";
          return sendJson(res, 422, {
            ok: false,
            error: { code: 'mapping_needed', message },
            mappingRequest: {
              headerKey,
              header: head.cells,
              sample: data.slice(0, MAPPING_SAMPLE_ROWS).map((r) => ({ line: r.line, cells: head.cells.map((_, i) => (r.cells[i] ?? '').slice(0, 500)) })),
              mapping: saved ?? guessMapping(head.cells, data.slice(0, GUESS_ROWS).map((r) => r.cells)),
              isSaved: saved !== null,
            },
          } satisfies ImportResult);
        }
      }
      const set = readDrafts(file.rows, { currency, existing: (sku) => deps.catalog.get(sku), mapping });
      if ('error' in set) return sendError(res, 400, 'invalid', set.error);
      // The person confirmed this mapping and it fits the header: remember it, so this export imports without asking.
      if (sentMapping && headerKey && head) deps.catalog.saveMapping(headerKey, head.cells, sentMapping);
      if (set.drafts.length === 0 && set.rowIssues.length === 0) {
        return sendError(res, 400, 'invalid', NO_ROWS);
      }

      const isStreamed = (headerOf(req, 'accept') ?? '').toLowerCase().includes(NDJSON);
      if (isStreamed) res.writeHead(200, { 'Content-Type': `${NDJSON}; charset=utf-8`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      const progress = (line: ImportProgress) => {
        if (isStreamed && !res.destroyed) res.write(`${JSON.stringify(line)}\n`);
      };
      const finish = (status: number, result: ImportResult) => {
        if (!isStreamed) return sendJson(res, status, result);
        if (!res.destroyed) res.end(`${JSON.stringify({ ...result, status })}\n`);
      };

      const perDraft: ImportIssue[][] = [];
      const total = set.drafts.length;
      progress({ phase: 'parse', done: 0, total });
      for (let from = 0; from < total; from += CHECK_CHUNK) {
        for (const draft of set.drafts.slice(from, from + CHECK_CHUNK)) perDraft.push(validateDraft(draft));
        progress({ phase: 'parse', done: perDraft.length, total });
        await nextTurn();
      }
      const plan = planFrom(set, perDraft);
      const refused = { errors: plan.errors, valid: plan.valid.length, total: plan.total };
      if (plan.valid.length === 0) {
        return finish(422, { ok: false, error: { code: 'rejected', message: 'No row of the file can be imported: fix the rows listed in errors. Nothing was imported.' }, ...refused });
      }
      if (plan.errors.length > 0 && accept !== 'valid') {
        const bad = new Set(plan.errors.map((e) => e.line)).size;
        const message = `${bad} row${bad === 1 ? ' has' : 's have'} problems (listed in errors), so nothing was imported. Fix them and import again, or import the ${plan.valid.length} valid rows with ?accept=valid.`;
        return finish(422, { ok: false, error: { code: 'rejected', message }, ...refused });
      }
      const added = plan.valid.filter((p) => !deps.catalog.get(p.sku)).length;
      if (deps.catalog.size + added > CATALOG_LIMITS.products) {
        const message = `The catalog would hold ${deps.catalog.size + added} products; the limit is ${CATALOG_LIMITS.products}. Remove products you no longer sell first. Nothing was imported.`;
        return finish(422, { ok: false, error: { code: 'rejected', message }, ...refused });
      }

      let imported = 0;
      let updated = 0;
      progress({ phase: 'save', done: 0, total: plan.valid.length });
      const batches: Product[][] = [];
      for (let from = 0; from < plan.valid.length; from += IMPORT_SAVE_BATCH) batches.push(plan.valid.slice(from, from + IMPORT_SAVE_BATCH));
      const result = await deps.save(batches, principal, async (batch, fresh) => {
        imported += fresh;
        updated += batch.length - fresh;
        progress({ phase: 'save', done: imported + updated, total: plan.valid.length });
        await nextTurn();
      });
      if (!result.ok) {
        const saved = imported + updated;
        const message = `${result.error.message}${saved > 0 ? ` The first ${saved} products of the file were saved; import the file again to finish (it updates them in place).` : ''}`;
        return finish(HTTP_STATUS[result.error.code], { ok: false, error: { code: result.error.code, message }, ...refused, imported, updated });
      }
      finish(200, { ok: true, imported, updated, total: plan.total, errors: plan.errors, layout: plan.layout, ignoredColumns: plan.ignoredColumns, ...(mapping ? { mapping } : {}) });
    },
  };

  return async (req, res, url) => {
    const isOurs = Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`));
    if (!isOurs) return false;
    // The desktop app's pages (app://anchor) are another origin than the hub: the browser asks first (a preflight,
    // because of the Authorization header) and reads an answer only if it names the page's origin.
    if (answerCors(req, res, { origins: deps.allowedOrigins, methods: 'GET, POST', headers: 'Authorization, Content-Type, Accept', expose: 'Content-Disposition' })) {
      return true;
    }
    const handler = routes[`${req.method} ${url.pathname}`];
    if (handler) {
      await handler(req, res, url);
      return true;
    }
    sendError(res, 405, 'invalid', `Wrong method for ${url.pathname}; see docs/api.md.`);
    return true;
  };
}
