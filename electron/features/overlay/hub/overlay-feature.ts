import type { StockTally } from '../../sales/domain/tallies';
import { currentCueOf, isFlashActive } from '../../rundown/domain/rundown';
import { buildOverlayCard, type OverlayCard, type PinnedComment } from '../domain/overlay-card';
import type { StudioState } from '../../../core/domain/studio-state';
import type { HubContext, HubFeature, HubFeatureFactory } from '../../../core/hub/hub-feature';
import { CATALOG_EVENT } from '../../catalog/protocol/catalog-events';
import { CATALOG_READER, type CatalogReader } from '../../catalog/protocol/catalog-service';
import { CHAT_EVENTS, type ChatStatus } from '../../chat/protocol/chat-events';
import { TALLY_EVENT } from '../../sales/protocol/sales-events';
import { OVERLAY_STATUS } from '../protocol/overlay-service';
import { derivedWindow } from '../../output/domain/dual-output';

/**
 * The card painted into OBS: kept equal to what the run of show, the catalog, the ledger's stock and chat's pinned
 * comment say, sent to the engine only when it differs, and again whenever OBS (re)connects.
 */
export const overlayFeature: HubFeatureFactory = (ctx: HubContext): HubFeature => {
  const sync = new OverlaySync(ctx);
  ctx.provide(OVERLAY_STATUS, sync);
  const offs: Array<() => void> = [];
  return {
    name: 'overlay',
    start() {
      sync.catalog = ctx.use(CATALOG_READER);
      offs.push(
        ctx.onBroadcast(TALLY_EVENT, (event) => sync.setStock(event.tallies.stock)),
        ctx.onBroadcast(CHAT_EVENTS.status, (status) => sync.setPinned(status.pinned)),
        ctx.onBroadcast(CATALOG_EVENT, () => sync.refresh()),
        ctx.store.subscribe((state) => sync.onState(state)),
      );
      sync.onState(ctx.store.current);
    },
    close() {
      for (const off of offs) off();
      sync.stop();
    },
  };
};

/** Rebuilds the card on every change (cue, price, stock, flash sale, visibility, pin) and paints it when it differs. */
class OverlaySync {
  catalog: CatalogReader | null = null;
  private stock: Record<string, StockTally> = {};
  private pinned: PinnedComment | null = null;
  private lastSent: string | null = null;
  private painting: Promise<void> = Promise.resolve();
  private flashTimer: NodeJS.Timeout | null = null;
  private wasConnected = false;
  private lastRundown: StudioState['rundown'] | null = null;
  /** The band of the canvas the card keeps out of (dual output's 9:16 window), or null. */
  private keepOut: { x: number; w: number } | null = null;

  constructor(private readonly ctx: HubContext) {}

  /** Repaints when the run of show changed, and from scratch whenever OBS (re)connects. */
  onState(state: StudioState): void {
    const isConnected = state.obs.status === 'connected';
    if (isConnected && !this.wasConnected) this.lastSent = null;
    const isNewRundown = state.rundown !== this.lastRundown;
    this.lastRundown = state.rundown;
    // The destinations and the engine's picture decide where the card may go (dual output keeps it out of the 9:16
    // window). The output part changes every second while live (bitrates): only a new window repaints.
    const keepOut = derivedWindow(state.output.destinations, state.output.engine);
    const isNewKeepOut = keepOut?.x !== this.keepOut?.x || keepOut?.w !== this.keepOut?.w;
    this.keepOut = keepOut;
    if (isNewRundown || isNewKeepOut || (isConnected && !this.wasConnected)) this.refresh();
    this.wasConnected = isConnected;
  }

  stop(): void {
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
    const product = cue?.sku ? this.catalog?.get(cue.sku) : undefined;
    if (!rundown.isOverlayVisible || !product) return null;
    return buildOverlayCard({ product, stock: this.stock[product.sku], flash: rundown.flash, language: rundown.overlayLanguage, now });
  }

  refresh(): void {
    const now = Date.now();
    this.scheduleFlashEnd(now);
    const payload = { card: this.card(now), pinned: this.pinned, keepOut: this.keepOut };
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
