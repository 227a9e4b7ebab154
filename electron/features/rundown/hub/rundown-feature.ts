import { productProblem, type Product } from '../../catalog/domain/catalog';
import type { StockTally } from '../../sales/domain/ledger';
import { rehearsalProducts } from '../../sales/domain/order-simulation';
import { buildOverlayCard, type OverlayCard, type PinnedComment } from '../../overlay/domain/overlay-card';
import {
  addCue,
  currentCueOf,
  endFlash,
  goToCue,
  isFlashActive,
  moveCue,
  removeCue,
  setOverlay,
  startFlash,
  stepCue,
  updateCue,
  type Cue,
  type RundownResult,
  type RundownState,
} from '../domain/rundown';
import { failure, type CommandResult } from '../../../core/protocol';
import { CATALOG_EVENT, type CatalogEvent } from '../../catalog/protocol/catalog-events';
import { CHAT_EVENTS, type ChatStatus } from '../../chat/protocol/chat-events';
import { ORDER_SIMULATOR_EVENT, TALLY_EVENT, type OrderSimulatorStatus, type TallyEvent } from '../../sales/protocol/sales-events';
import { CATALOG_MIGRATIONS, CatalogStore } from '../../catalog/hub/catalog-store';
import { catalogRoutes } from '../../catalog/hub/catalog-routes';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import { OrderSimulator } from '../../sales/hub/order-simulator';
import type { Principal } from '../../../core/hub/auth/tokens';

/** Most products handed to chat for mention matching: those in the run of show (matching all 5,000 would slow chat). */
const MAX_CHAT_PRODUCTS = 500;

/**
 * The run of show: catalog, cues, going to a cue (scene, camera preset, product card, sales timeline), flash sales,
 * and the rehearsal order simulator (it sells the show's products).
 * Cues live in the studio state (so concurrent edits are checked by revision); the catalog has its own table and event.
 */
export const rundownFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  const catalog = new CatalogStore(ctx.db);
  const overlay = new OverlaySync(ctx, catalog);
  ctx.onBroadcast(TALLY_EVENT, (event) => overlay.setStock((event as TallyEvent).tallies.stock));
  ctx.onBroadcast(CHAT_EVENTS.status, (status) => overlay.setPinned((status as ChatStatus).pinned));

  const publish = (event: CatalogEvent) => ctx.broadcast(CATALOG_EVENT, event);

  /** Applies a pure run-of-show edit to the studio state. */
  const edit = (change: (r: RundownState) => RundownResult): CommandResult => {
    const result = change(ctx.store.current.rundown);
    if (!result.ok) return failure('rejected', result.reason);
    const applied = ctx.store.apply({ name: 'rundown.set', payload: result.state });
    if (!applied.ok) return failure('rejected', applied.reason);
    overlay.refresh();
    return { ok: true, version: applied.version };
  };

  /** Tells chat which products to find mentions of: the products the cues sell, in cue order. */
  const syncChatProducts = async (principal: Principal) => {
    const products = cueSkus()
      .map((sku) => catalog.get(sku))
      .filter((p): p is Product => p !== undefined)
      .slice(0, MAX_CHAT_PRODUCTS)
      .map((p) => ({
        id: p.sku,
        title: (p.title.zh || p.title.en).slice(0, 120),
        aliases: [p.title.en, ...p.tags].filter((a) => a.trim() && a !== p.title.zh).map((a) => a.slice(0, 60)).slice(0, 20),
      }));
    const result = await ctx.execute(principal, 'chat.products.set', { products });
    if (!result.ok) ctx.log.warn('chat products not updated', { code: result.error.code });
  };

  /** A cue edit that may change which products the show sells: chat then looks for the new set. */
  const editCues = async (change: (r: RundownState) => RundownResult, principal: Principal): Promise<CommandResult> => {
    const before = cueSkus().join('\n');
    const result = edit(change);
    if (result.ok && cueSkus().join('\n') !== before) await syncChatProducts(principal);
    return result;
  };

  const cueSkus = () => [...new Set(ctx.store.current.rundown.cues.flatMap((c) => (c.sku ? [c.sku] : [])))];

  // The rehearsal order simulator lives here because this feature knows what the show sells and at what price.
  const simulator = new OrderSimulator({
    url: ctx.localUrl,
    secret: ctx.ingestSecret,
    log: ctx.log,
    products: (now) => {
      const rundown = ctx.store.current.rundown;
      const products = cueSkus().flatMap((sku) => catalog.get(sku) ?? []);
      return rehearsalProducts(products, currentCueOf(rundown)?.sku ?? null, rundown.flash, overlay.stockLevels, now);
    },
  });
  const publishSimulator = () => ctx.broadcast(ORDER_SIMULATOR_EVENT, { settings: simulator.settings } satisfies OrderSimulatorStatus);
  let unsubscribeLive: (() => void) | null = null;

  /**
   * Stores products batch by batch (each its own transaction and `catalog` event; `onSaved` reports progress), then
   * does the derived work once for all of them: stock to the ledger (which re-derives its tallies), chat mentions when a
   * saved product is in the run of show, the card on the stream.
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
    const inShow = new Set(cueSkus());
    if (batches.some((batch) => batch.some((p) => inShow.has(p.sku)))) await syncChatProducts(principal);
    overlay.refresh();
    return { ok: true, version: ctx.store.current.version };
  };

  /** Goes live on a cue: state first (timer, revision), then the sales timeline, scene, camera preset and card. */
  const goLive = async (change: (r: RundownState, now: number) => RundownResult, principal: Principal): Promise<CommandResult> => {
    // One instant for the cue's timer and its sales segment, so orders are attributed exactly as the timer shows.
    const now = Date.now();
    const applied = edit((r) => change(r, now));
    if (!applied.ok) return applied;
    const cue = currentCueOf(ctx.store.current.rundown);
    if (!cue) return applied;
    const product = cue.sku ? catalog.get(cue.sku) : undefined;
    const label = cue.label || (product ? product.title.zh || product.title.en : cue.sku ?? cue.segment ?? cue.id);
    const warnings: string[] = [];
    const run = async (name: Parameters<HubContext['execute']>[1], payload: unknown, what: string) => {
      const result = await ctx.execute(principal, name, payload);
      if (!result.ok) warnings.push(`${what}: ${result.error.message}`);
    };
    const scene = cue.scene ?? product?.scene ?? null;
    const preset = cue.cameraPreset ?? product?.cameraPreset ?? null;
    await Promise.all([
      run('segment.start', { cueId: cue.id, label: label.slice(0, 200), startedAt: now }, 'Sales timeline not marked'),
      (async () => {
        if (scene && scene !== ctx.store.current.scenes.program) await run('scene.switch', { scene }, 'Scene not switched');
        if (scene && preset) await run('camera.preset', { scene, preset }, 'Camera preset not applied');
      })(),
      overlay.whenPainted(),
    ]);
    return { ok: true, version: ctx.store.current.version, data: { cueId: cue.id, warnings } };
  };

  return {
    name: 'rundown',
    migrations: CATALOG_MIGRATIONS,
    start() {
      catalog.load();
      overlay.start();
      // Rehearsal orders must never run into a live show.
      unsubscribeLive = ctx.store.subscribe((state) => {
        if (state.live.isLive && simulator.settings) {
          simulator.stop();
          publishSimulator();
        }
      });
    },
    commands: {
      'catalog.upsert': ({ products }, principal) => saveProducts([products], principal),
      'catalog.remove': async ({ skus }) => {
        const removed = catalog.remove(skus);
        if (removed.length === 0) return failure('rejected', 'None of those products are in the catalog.');
        publish({ kind: 'changed', upserted: [], removed });
        overlay.refresh();
        return { ok: true, version: ctx.store.current.version };
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
        return { ok: true, version: ctx.store.current.version };
      },
      'cue.add': ({ cue, index }, principal) => editCues((r) => addCue(r, cue as Cue, index), principal),
      'cue.update': ({ cue }, principal) => editCues((r) => updateCue(r, cue.id, cue as Cue), principal),
      'cue.remove': ({ id }, principal) => editCues((r) => removeCue(r, id), principal),
      'cue.move': ({ id, toIndex }) => edit((r) => moveCue(r, id, toIndex)),
      'cue.goto': ({ id }, principal) => goLive((r, now) => goToCue(r, id, now), principal),
      'cue.next': ({ fromCueId }, principal) => goLive((r, now) => stepCue(r, 1, now, fromCueId), principal),
      'cue.prev': ({ fromCueId }, principal) => goLive((r, now) => stepCue(r, -1, now, fromCueId), principal),
      'overlay.set': ({ visible, language }) => edit((r) => setOverlay(r, { isVisible: visible, language })),
      'flash.start': ({ sku, price, durationMs, limit }) => {
        if (!catalog.get(sku)) return failure('rejected', `No product ${sku} in the catalog.`);
        const now = Date.now();
        return edit((r) => startFlash(r, { sku, price, startedAt: now, endsAt: now + durationMs, limit: limit ?? null }));
      },
      'flash.end': () => edit((r) => endFlash(r)),
      'sales.simulator.start': (settings) => {
        if (ctx.store.current.live.isLive) {
          return failure('rejected', 'The show is live: rehearsal orders would count as sales. End the show to rehearse.');
        }
        if (cueSkus().every((sku) => !catalog.get(sku))) {
          return failure('rejected', 'The run of show has no products to order: add product cues first.');
        }
        simulator.start(settings);
        publishSimulator();
        return { ok: true, version: ctx.store.current.version };
      },
      'sales.simulator.stop': () => {
        simulator.stop();
        publishSimulator();
        return { ok: true, version: ctx.store.current.version };
      },
    },
    route: catalogRoutes({
      catalog,
      principalOf: (token) => ctx.tokens.resolve(token),
      save: saveProducts,
      allowedOrigins: ctx.allowedOrigins,
    }),
    onConnect(send) {
      send(CATALOG_EVENT, { kind: 'snapshot', products: catalog.all(), customTerms: catalog.terms } satisfies CatalogEvent);
      send(ORDER_SIMULATOR_EVENT, { settings: simulator.settings } satisfies OrderSimulatorStatus);
    },
    close() {
      simulator.stop();
      unsubscribeLive?.();
      overlay.stop();
    },
  };
};

/**
 * Keeps the engine's product card equal to what the run of show says: rebuilds the card on every change (cue, price,
 * stock, flash sale, visibility), sends it only when it differs, and sends it again whenever OBS (re)connects.
 */
class OverlaySync {
  private stock: Record<string, StockTally> = {};
  private pinned: PinnedComment | null = null;
  private lastSent: string | null = null;
  private painting: Promise<void> = Promise.resolve();
  private flashTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private wasConnected = false;

  constructor(
    private readonly ctx: HubContext,
    private readonly catalog: CatalogStore,
  ) {}

  start(): void {
    this.unsubscribe = this.ctx.store.subscribe((state) => {
      const isConnected = state.obs.status === 'connected';
      if (isConnected && !this.wasConnected) {
        this.lastSent = null;
        this.refresh();
      }
      this.wasConnected = isConnected;
    });
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.flashTimer) clearTimeout(this.flashTimer);
  }

  /** Stock per SKU as the ledger last reported it. */
  get stockLevels(): Readonly<Record<string, StockTally>> {
    return this.stock;
  }

  setStock(stock: Record<string, StockTally>): void {
    this.stock = stock;
    this.refresh();
  }

  /** The chat message moderators pinned for the stream (one line of plain text, bounded), or none. */
  setPinned(entry: ChatStatus['pinned']): void {
    const clean = (text: string, max: number) => [...text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim()].slice(0, max).join('');
    this.pinned = entry ? { user: clean(entry.user.name, 100), text: clean(entry.text, 500) } : null;
    this.refresh();
  }

  /** Resolves once the latest card reached OBS (or failed to). */
  whenPainted(): Promise<void> {
    return this.painting;
  }

  /** The card the run of show calls for now; null when nothing should be on the stream. */
  card(now = Date.now()): OverlayCard | null {
    const rundown = this.ctx.store.current.rundown;
    const cue = currentCueOf(rundown);
    const product = cue?.sku ? this.catalog.get(cue.sku) : undefined;
    if (!rundown.isOverlayVisible || !product) return null;
    return buildOverlayCard({ product, stock: this.stock[product.sku], flash: rundown.flash, language: rundown.overlayLanguage, now });
  }

  refresh(): void {
    const now = Date.now();
    this.scheduleFlashEnd(now);
    const payload = { card: this.card(now), pinned: this.pinned };
    const text = JSON.stringify(payload);
    if (text === this.lastSent || this.ctx.store.current.obs.status !== 'connected') return;
    this.lastSent = text;
    this.painting = this.painting.then(async () => {
      const pending = this.ctx.engine.request({ name: 'overlay.render', payload });
      const result = pending ? await pending : null;
      if (result && !result.ok) {
        this.ctx.log.warn('product card not painted', { code: result.error.code, reason: result.error.message });
        if (this.lastSent === text) this.lastSent = null;
      }
    });
  }

  /** A flash sale changes the card when it ends: repaint then. */
  private scheduleFlashEnd(now: number): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = null;
    const flash = this.ctx.store.current.rundown.flash;
    if (isFlashActive(flash, now)) {
      this.flashTimer = setTimeout(() => this.refresh(), flash.endsAt - now + 50);
      this.flashTimer.unref();
    }
  }
}
