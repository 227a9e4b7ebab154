import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OverlayCard } from '../domain/overlay-card';
import { overlaySvg, type CanvasSize } from '../domain/overlay-svg';
import { ObsRequestError, type ObsClient } from './obs-client';

/** Name of the OBS image source that shows the product card in every scene. */
export const PRODUCT_CARD_SOURCE = 'Product card overlay';

/** Scenes where a product card would cover what viewers came for. */
const SCENES_WITHOUT_CARD = new Set(['Opening', 'Be right back']);

/** CJK fonts per platform, tried in order; the first that exists is loaded instead of scanning every system font. */
const CJK_FONT_FILES: Record<string, string[]> = {
  linux: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'],
  win32: ['C:\\Windows\\Fonts\\msyh.ttc', 'C:\\Windows\\Fonts\\msyhbd.ttc'],
  darwin: ['/System/Library/Fonts/PingFang.ttc'],
};

/** What the painter needs from the engine. */
export interface OverlayPainterDeps {
  client: ObsClient;
  /** Folder for the card images (in the engine's data dir). */
  dir: string;
  /** The show's scenes now (the card is placed in each, except opening and break scenes). */
  scenes(): string[];
  platform?: NodeJS.Platform;
}

/**
 * Paints the product card into OBS with any build (no browser source needed): SVG drawn by the domain, turned into a PNG
 * by resvg, shown by an OBS image source. Files alternate between two names so OBS always sees a new path and reloads.
 * While a flash sale runs the card is repainted every second for its countdown.
 */
export class OverlayPainter {
  private card: OverlayCard | null = null;
  private turn = 0;
  private readonly placed = new Set<string>();
  private countdown: NodeJS.Timeout | null = null;
  private painting: Promise<void> = Promise.resolve();
  private readonly fontOptions: ResvgRenderOptions['font'];

  constructor(private readonly deps: OverlayPainterDeps) {
    mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
    const files = (CJK_FONT_FILES[deps.platform ?? process.platform] ?? []).filter((f) => existsSync(f));
    this.fontOptions = files.length > 0 ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Noto Sans CJK SC' } : { loadSystemFonts: true };
    // A reconnected OBS may be a relaunched one: place the card again before the next paint.
    deps.client.onStatus((status) => {
      if (status !== 'identified') this.placed.clear();
    });
  }

  /** Shows a card (null clears it); resolves once OBS has the new image. */
  show(card: OverlayCard | null): Promise<void> {
    this.card = card;
    this.setCountdown(card?.flash ? card.flash.endsAt : null);
    return this.repaint();
  }

  /** Stops the countdown timer. */
  stop(): void {
    this.setCountdown(null);
  }

  /** The PNG of a card for a canvas at `now` (exposed for tests and the bench). */
  renderPng(card: OverlayCard | null, canvas: CanvasSize, now = Date.now()): Buffer {
    return new Resvg(overlaySvg(card, canvas, now), { font: this.fontOptions }).render().asPng();
  }

  private repaint(): Promise<void> {
    // One paint at a time, in order: the last card asked for is the one that stays.
    const next = this.painting.then(() => this.paintNow());
    this.painting = next.catch(() => undefined);
    return next;
  }

  private async paintNow(): Promise<void> {
    const { client } = this.deps;
    const video = await client.call('GetVideoSettings');
    const png = this.renderPng(this.card, { width: video.baseWidth, height: video.baseHeight });
    this.turn = 1 - this.turn;
    const file = join(this.deps.dir, `product-card-${this.turn === 0 ? 'a' : 'b'}.png`);
    writeFileSync(`${file}.tmp`, png);
    renameSync(`${file}.tmp`, file);
    await this.place(file);
    await client.call('SetInputSettings', { inputName: PRODUCT_CARD_SOURCE, inputSettings: { file }, overlay: true });
  }

  /** Creates the image source once and puts it on top of every show scene that should carry it. */
  private async place(file: string): Promise<void> {
    const { client } = this.deps;
    const scenes = this.deps.scenes().filter((s) => !SCENES_WITHOUT_CARD.has(s) && !this.placed.has(s));
    if (scenes.length === 0) return;
    const exists = await client.call('GetInputSettings', { inputName: PRODUCT_CARD_SOURCE }).then(
      () => true,
      (err: unknown) => (err instanceof ObsRequestError ? false : Promise.reject(err)),
    );
    for (const [i, sceneName] of scenes.entries()) {
      const isCreatedHere = !exists && i === 0;
      const item = isCreatedHere
        ? await client.call('CreateInput', { sceneName, inputName: PRODUCT_CARD_SOURCE, inputKind: 'image_source', inputSettings: { file } })
        : await client.call('GetSceneItemId', { sceneName, sourceName: PRODUCT_CARD_SOURCE }).catch((err: unknown) =>
            err instanceof ObsRequestError ? client.call('CreateSceneItem', { sceneName, sourceName: PRODUCT_CARD_SOURCE }) : Promise.reject(err),
          );
      const { sceneItems } = await client.call('GetSceneItemList', { sceneName });
      await client.call('SetSceneItemIndex', { sceneName, sceneItemId: item.sceneItemId, sceneItemIndex: sceneItems.length - 1 });
      this.placed.add(sceneName);
    }
  }

  private setCountdown(endsAt: number | null): void {
    if (this.countdown) clearInterval(this.countdown);
    this.countdown = null;
    if (endsAt === null) return;
    this.countdown = setInterval(() => {
      if (Date.now() > endsAt + 1000) this.setCountdown(null);
      void this.repaint().catch(() => undefined);
    }, 1000);
    this.countdown.unref();
  }
}
