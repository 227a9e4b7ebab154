import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrderEvent } from '../domain/ledger';
import { failure, type CommandResult } from '../../../core/protocol';
import { REHEARSING } from '../../../core/domain/show-phase';
import { orderEventSchema } from '../protocol/sales-commands';
import { SALES_READERS, SHOW_SUMMARY_EVENT, STOCK_LOW_EVENT, TALLY_EVENT, TALLY_PATCH_EVENT, type OrdersIngestInfo, type TallyEvent } from '../protocol/sales-events';
import { LEDGER_READER } from '../protocol/ledger-service';
import { CATALOG_READER, type CatalogReader } from '../../catalog/protocol/catalog-service';
import { CATALOG_EVENT } from '../../catalog/protocol/catalog-events';
import { CHAT_EVENTS } from '../../chat/protocol/chat-events';
import { isBuyerQuestion } from '../domain/show-timeline';
import { reportFileName } from '../domain/report-files';
import type { ShowSummary } from '../domain/show-summary';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, headerOf, readBody } from '../../../core/hub/http/http-body';
import { csvToEvents } from './report/order-csv';
import { IngestQueue } from './ledger/ingest-queue';
import { readEntriesAfter } from './ledger/ledger-entries';
import { LedgerStore, LEDGER_MIGRATIONS } from './ledger/ledger-store';
import { createTallyPublisher } from './tally-publisher';
import { renderSalesReportCsv, renderSalesReportHtml, type LedgerCheck, type SalesReportInput } from './report/sales-report';
import { reconciliationWindow, salesReportInput, showSummaryOf, type ReportSources } from './report/report-input';
import { reconcile } from '../domain/reconciliation';
import { readShopExport } from './shops/shop-exports';
import { readSheetFile } from '../../../core/hub/sheets/sheet-file';
import { contentDisposition } from './report/content-disposition';
import { verifyLedgerFile } from './ledger/ledger-verify';
import { describe, parseOrderBody, readLimited } from './order-body';
import { shopWebhookRoutes } from './shops/shop-webhooks';
import { openDatabase } from '../../../core/hub/storage';
import { bearerToken, type Principal } from '../../../core/hub/auth/tokens';
import { verifyWebhook } from '../../../core/hub/auth/webhook-auth';
import { presenterOf } from '../../rundown/domain/presenters';

/** How long the post-show summary waits for more changes before it is recomputed and sent (orders, late questions). */
const SUMMARY_REFRESH_MS = 250;

/** Largest shop order export `POST /api/v1/orders/reconcile` reads. */
export const MAX_EXPORT_BODY = 10 * 1024 * 1024;

/** File of the ledger database inside the data dir. */
export const LEDGER_FILE = 'ledger.db';

/** The sales ledger: signed order ingest, Shopify and CSV adapters, tallies over HTTP and as sequenced socket events. */
/** What a bridge that signs orders with the chat bridges' secret is told. */
const ORDERS_SIGNED_WITH_CHAT_SECRET =
  "This batch is signed with the chat bridges' secret. Orders have their own, the orders secret: the anchor reads it with orders.ingestInfo (or <data dir>/orders-secret, or ANCHOR_ORDERS_SECRET). Sign orders with it.";

export const salesFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  const db = openDatabase(ctx.dataDir, { file: LEDGER_FILE, synchronous: 'FULL', migrations: LEDGER_MIGRATIONS });
  const store = new LedgerStore(db);
  ctx.provide(LEDGER_READER, {
    tallies: () => store.current.tallies,
    settings: () => store.currentSettings,
    entriesAfter: (afterSeq, limit) => readEntriesAfter(db, afterSeq, limit),
    entryCount: () => store.current.chain.entries,
  });
  const { ordersSecret } = ctx;

  /** The catalog, once its feature runs (a hub without one reports SKUs only). */
  const catalog = (): CatalogReader | null => {
    try {
      return ctx.use(CATALOG_READER);
    } catch {
      return null;
    }
  };
  const sources = (): ReportSources => ({
    ledger: store,
    history: ctx.history,
    live: ctx.store.current.live,
    showTitle: ctx.store.current.show.title,
    catalog: catalog(),
    presenters: Object.fromEntries(ctx.store.current.rundown.cues.map((c) => [c.id, presenterOf(c)]).filter((e): e is [string, string] => e[1] !== null)),
  });

  // The post-show summary: computed when asked (the catalog loads after this feature starts), sent when it changes.
  let summary: ShowSummary | null | undefined;
  let summaryTimer: NodeJS.Timeout | null = null;
  const currentSummary = (): ShowSummary | null => (summary === undefined ? (summary = showSummaryOf(sources())) : summary);
  const publishSummary = () => {
    if (summaryTimer) clearTimeout(summaryTimer);
    summaryTimer = null;
    summary = showSummaryOf(sources());
    ctx.broadcast(SHOW_SUMMARY_EVENT, { summary }, SALES_READERS);
  };
  /** After the end, a late payment or refund, or a question still on its way, changes the summary: send it again. */
  const refreshSummary = () => {
    if (ctx.store.current.live.endedAt === null || ctx.store.current.live.isLive) return;
    summaryTimer ??= setTimeout(publishSummary, SUMMARY_REFRESH_MS);
  };

  const emit = createTallyPublisher(
    {
      hub: (event) => ctx.broadcast(TALLY_EVENT, event, SALES_READERS, { isSentToClients: false }),
      patch: (event) => ctx.broadcast(TALLY_PATCH_EVENT, event, SALES_READERS, { isHeardInHub: false }),
      whole: (event) => ctx.broadcast(TALLY_EVENT, event, SALES_READERS, { isHeardInHub: false }),
    },
    store.current,
  );
  const queue = new IngestQueue(store, (result) => {
    if (result.event) {
      emit(result.event);
      refreshSummary();
    }
    for (const alert of result.lowStock) {
      ctx.broadcast(STOCK_LOW_EVENT, alert, 'producer');
      ctx.broadcast(STOCK_LOW_EVENT, alert, 'anchor');
    }
  });

  const ingest = async (res: ServerResponse, events: OrderEvent[], source: string) => {
    const outcome = await queue.submit({ events, source });
    sendJson(res, 200, { ok: true, ...outcome });
  };

  const commandDone = (event: TallyEvent): CommandResult => {
    emit(event);
    refreshSummary();
    return { ok: true, version: event.seq };
  };

  /** The last check of the ledger, by the tally seq it was asked at: the HTML and CSV of one moment share one. */
  let lastCheck: { seq: number; check: Promise<LedgerCheck> } | null = null;
  /**
   * Checks the whole ledger (hash chain, current states, published tallies): what the report says about it. Off to the
   * side of ingest (its own read connection, in steps): a report asked for on air must not stall orders and chat.
   */
  const checkLedger = (): Promise<LedgerCheck> => {
    const seq = store.current.seq;
    if (lastCheck?.seq !== seq) {
      const check = verifyLedgerFile(db.name).then((v) => ({ isValid: v.isValid, entries: v.entries, head: v.head, problems: v.problems }));
      // A failed read (the file went away) is not remembered: the next report tries again.
      check.catch(() => (lastCheck = null));
      lastCheck = { seq, check };
    }
    return lastCheck.check;
  };

  const principalOf = (req: IncomingMessage) => ctx.tokens.resolve(bearerToken(headerOf(req, 'authorization')));

  /** Whoever may read the sales figures (not a viewer); answers 401 or 403 itself (and gives null) for anyone else. */
  const salesReaderOf = (req: IncomingMessage, res: ServerResponse): Principal | null => {
    const principal = principalOf(req);
    if (!principal) {
      sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>".');
      return null;
    }
    if (!SALES_READERS.includes(principal.role)) {
      sendError(res, 403, 'forbidden', `The ${principal.role} role does not read the sales figures; ask the anchor for a producer or moderator invite.`);
      return null;
    }
    return principal;
  };

  /** The anchor or producer behind a request; answers 401 or 403 itself (and gives null) for anyone else. */
  const staffOf = (req: IncomingMessage, res: ServerResponse, action: string): Principal | null => {
    const principal = principalOf(req);
    if (!principal) {
      sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>".');
      return null;
    }
    if (principal.role !== 'anchor' && principal.role !== 'producer') {
      sendError(res, 403, 'forbidden', `The ${principal.role} role may not ${action}; ask the anchor or a producer.`);
      return null;
    }
    return principal;
  };

  /** The report's inputs for an anchor or producer; answers 401/403 itself and returns null otherwise. */
  const reportInput = async (req: IncomingMessage, res: ServerResponse): Promise<SalesReportInput | null> => {
    if (!staffOf(req, res, 'export the sales report')) return null;
    const check = await checkLedger();
    return salesReportInput(sources(), check, Date.now());
  };
  /** The report's file name: the show's title and the day it went on air (or today, never on air). */
  const fileName = (input: SalesReportInput, kind: 'html' | 'csv') => reportFileName(input.showTitle, input.onAir?.startedAt ?? input.generatedAt, kind);

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    'POST /api/v1/orders': async (req, res) => {
      const raw = await readLimited(req, res);
      if (!raw) return;
      const signed = { timestamp: headerOf(req, 'x-anchor-timestamp'), signature: headerOf(req, 'x-anchor-signature') };
      const refusal = verifyWebhook(ordersSecret, signed, raw, Date.now(), 'orders secret (orders.ingestInfo)');
      if (refusal) {
        // Orders and chat have separate secrets: say so to a bridge that still signs with the chat one.
        const isChatSecret = verifyWebhook(ctx.ingestSecret, signed, raw, Date.now()) === null;
        return sendError(res, refusal.status, 'unauthorized', isChatSecret ? ORDERS_SIGNED_WITH_CHAT_SECRET : refusal.message);
      }
      const parsed = parseOrderBody(raw);
      if (!parsed.ok) return sendError(res, parsed.status, 'invalid', parsed.message);
      await ingest(res, parsed.value, 'http');
    },
    'POST /api/v1/orders/import': async (req, res) => {
      if (!staffOf(req, res, 'import orders')) return;
      const raw = await readLimited(req, res);
      if (!raw) return;
      const table = csvToEvents(raw.toString('utf8'));
      if ('error' in table) return sendError(res, 400, 'invalid', `${table.error} Nothing was imported.`);
      const events: OrderEvent[] = [];
      for (const [i, candidate] of table.events.entries()) {
        const parsed = orderEventSchema.safeParse(candidate);
        if (!parsed.success) return sendError(res, 400, 'invalid', `Order event ${i + 1} of the CSV: ${describe(parsed.error)}. Nothing was imported.`);
        events.push(parsed.data);
      }
      await ingest(res, events, 'csv');
    },
    'POST /api/v1/orders/reconcile': async (req, res, url) => {
      if (!staffOf(req, res, 'reconcile orders')) return;
      let raw: Buffer;
      try {
        raw = await readBody(req, MAX_EXPORT_BODY);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return sendError(res, 413, 'payload_too_large', 'The export is over 10 MiB: export only the show\'s day from the shop and check that.');
        throw err;
      }
      const sheet = await readSheetFile(raw, headerOf(req, 'content-type'), 'The file is empty: send the order export file from the shop as it was downloaded.');
      if ('error' in sheet) return sendError(res, 400, 'invalid', sheet.error);
      const read = readShopExport(sheet.rows);
      if ('error' in read) return sendError(res, 400, 'invalid', `${read.error} Nothing was checked.`);
      const platform = url.searchParams.get('platform')?.trim() || (read.kind === 'shopify' ? 'shopify' : 'douyin');
      const now = Date.now();
      const tallies = store.current.tallies;
      const result = reconcile(read.orders, store.currentOrders, {
        shop: read.kind,
        platform,
        currency: tallies.currency,
        window: reconciliationWindow(ctx.store.current.live, tallies.showStartedAt, now),
        checkedAt: now,
      });
      store.saveReconciliation(result);
      sendJson(res, 200, { ok: true, reconciliation: result });
    },
    ...shopWebhookRoutes({ ingest, readLimited, addSecret: (secret) => ctx.log.addSecret(secret) }),
    'GET /api/v1/tallies': async (req, res) => {
      if (!salesReaderOf(req, res)) return;
      const latest = store.current;
      sendJson(res, 200, { ...latest.tallies, seq: latest.seq, at: latest.at, chain: latest.chain });
    },
    'GET /api/v1/reports/sales.html': async (req, res, url) => {
      const input = await reportInput(req, res);
      if (!input) return;
      const language = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Disposition': contentDisposition('inline', fileName(input, 'html')),
        'Cache-Control': 'no-store',
        // The report is static: no scripts, nothing loaded from elsewhere.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
      res.end(renderSalesReportHtml(input, language));
    },
    'GET /api/v1/reports/sales.csv': async (req, res) => {
      const input = await reportInput(req, res);
      if (!input) return;
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': contentDisposition('attachment', fileName(input, 'csv')),
        'Cache-Control': 'no-store',
      });
      // BOM so Excel opens Chinese SKUs and labels as UTF-8.
      res.end('\uFEFF' + renderSalesReportCsv(input));
    },
    'GET /api/v1/reports/timeline.json': async (req, res) => {
      const input = await reportInput(req, res);
      if (!input) return;
      sendJson(res, 200, { ok: true, showTitle: input.showTitle, generatedAt: input.generatedAt, onAir: input.onAir, currency: input.tallies.currency, timeline: input.timeline });
    },
    'GET /api/v1/tallies/events': async (req, res, url) => {
      if (!salesReaderOf(req, res)) return;
      const after = Number(url.searchParams.get('after') ?? '0');
      if (!Number.isInteger(after) || after < 0) return sendError(res, 400, 'invalid', 'after must be a whole sequence number (0 for everything kept).');
      sendJson(res, 200, { ok: true, ...store.eventsAfter(after) });
    },
  };

  /** From now on, rehearsal orders placed so far no longer count (their entries stay in the ledger). */
  const clearRehearsal = (now = Date.now()) => store.updateSettings((s) => ({ ...s, rehearsalClearedAt: now }), now);

  const offs: Array<() => void> = [];

  return {
    name: 'ledger',
    start() {
      // No client is connected yet: this tells other features (the product card's stock line) the restored tallies.
      ctx.broadcast(TALLY_EVENT, store.current, SALES_READERS);
      offs.push(
        ctx.onShowPhase((change) => {
          // The report cuts chat exactly at going live and at the end: mark what each edge minute had counted then.
          if (change.to !== 'rehearsal') ctx.history.markInstant(change.at);
          // Going live ends the rehearsal: what it sold must not be counted as the show's sales.
          if (change.to === 'live' && store.current.tallies.rehearsal.orders > 0) emit(clearRehearsal(change.at));
          publishSummary();
        }),
        // The summary names the show and its products: a rename or a catalog edit after the end reaches every window.
        (() => {
          let title = ctx.store.current.show.title;
          return ctx.store.subscribe((state) => {
            if (state.show.title === title) return;
            title = state.show.title;
            refreshSummary();
          });
        })(),
        ctx.onBroadcast(CATALOG_EVENT, (event) => {
          if (event.kind === 'changed') refreshSummary();
        }),
        // Buyer questions for the report and the summary, counted as chat sends them out (by when they were received).
        ctx.onBroadcast(CHAT_EVENTS.batch, (batch) => {
          const byInstant = new Map<number, number>();
          for (const m of batch.messages) if (isBuyerQuestion(m)) byInstant.set(m.receivedAt, (byInstant.get(m.receivedAt) ?? 0) + 1);
          for (const [at, count] of byInstant) ctx.history.countQuestions(at, count);
          const { startedAt, endedAt } = ctx.store.current.live;
          if (endedAt !== null && startedAt !== null && [...byInstant.keys()].some((at) => at >= startedAt && at <= endedAt)) refreshSummary();
        }),
      );
    },
    commands: {
      'orders.ingestInfo': () => {
        const info: OrdersIngestInfo = { endpoint: `${ctx.localUrl()}/api/v1/orders`, secret: ordersSecret, isFromEnv: Boolean(process.env.ANCHOR_ORDERS_SECRET?.trim()) };
        return { ok: true, version: store.current.seq, data: info };
      },
      'order.record': async (payload) => {
        await queue.submit({ events: [payload], source: 'manual' });
        return { ok: true, version: store.current.seq };
      },
      'sales.setTarget': (payload) =>
        commandDone(
          store.updateSettings((s) => ({ ...s, currency: payload.currency ?? s.currency, target: { gmv: payload.gmv, orders: payload.orders } })),
        ),
      'sales.setStock': (payload) =>
        commandDone(
          store.updateSettings((s) => ({
            ...s,
            stock: { ...s.stock, [payload.sku]: { initial: payload.initial, lowAt: payload.lowAt ?? s.stock[payload.sku]?.lowAt ?? 0 } },
          })),
        ),
      'sales.setStocks': ({ items }) =>
        commandDone(
          store.updateSettings((s) => {
            const stock = { ...s.stock };
            for (const item of items) {
              if (item.initial === null) delete stock[item.sku];
              else stock[item.sku] = { initial: item.initial, lowAt: item.lowAt ?? stock[item.sku]?.lowAt ?? 0 };
            }
            return { ...s, stock };
          }),
        ),
      'sales.clearRehearsal': () => commandDone(clearRehearsal()),
      'sales.newShow': () => {
        if (ctx.store.current.live.isLive) return failure('rejected', 'The show is live: end it before starting a new one.');
        const now = Date.now();
        ctx.store.apply({ name: 'live.set', payload: REHEARSING });
        return commandDone(store.updateSettings((s) => ({ ...s, showStartedAt: now }), now));
      },
      'segment.start': (payload) =>
        commandDone(store.recordSegment({ cueId: payload.cueId, label: payload.label, startedAt: payload.startedAt ?? Date.now() })),
    },
    // Signed with the orders secret or the shop's own (webhooks): posted by shops and tunnels under their names.
    anyHostPaths: [/^\/api\/v1\/orders$/, /^\/api\/v1\/webhooks\//],
    async route(req, res, url) {
      const handler = routes[`${req.method} ${url.pathname}`];
      if (!handler) {
        if (Object.keys(routes).some((k) => k.endsWith(` ${url.pathname}`))) {
          sendError(res, 405, 'invalid', `Wrong method for ${url.pathname}; see docs/api.md.`);
          return true;
        }
        return false;
      }
      await handler(req, res, url);
      return true;
    },
    onConnect(send, principal, auth) {
      if (!SALES_READERS.includes(principal.role)) return;
      // The newest event is a full snapshot: enough to resync. A bridge that wants every change it missed passes
      // `tallyAfterSeq` in its socket.io auth and gets them (or just the snapshot if they are no longer kept).
      // What is pending goes out first, so the patches after this snapshot build on it.
      const sent = emit.flushNow();
      const after = auth.tallyAfterSeq;
      const catchUp = typeof after === 'number' && Number.isInteger(after) && after >= 0 ? store.eventsAfter(after).events.filter((e) => e.seq <= sent.seq) : [sent];
      // A catch-up longer than a page ends with the newest anyway: the bridge sees the gap and pages through the rest.
      if (catchUp.length > 0 && catchUp.at(-1)!.seq !== sent.seq) catchUp.push(sent);
      for (const event of catchUp) send(TALLY_EVENT, event);
      send(SHOW_SUMMARY_EVENT, { summary: currentSummary() });
    },
    close() {
      for (const off of offs) off();
      if (summaryTimer) clearTimeout(summaryTimer);
      emit.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};
