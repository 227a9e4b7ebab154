import { createCanvas, GlobalFonts, type Image } from '@napi-rs/canvas';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OverlayCard, PinnedComment } from '../domain/overlay-card';
import { CARD_FONT_FAMILY, cardDrawing, pinnedDrawing, type CanvasSize, type DrawOp, type KeepOut } from '../domain/overlay-layout';
import { ObsRequestError, type ObsClient } from '../../../core/engine/obs-client';
import { sceneShowsCard } from '../../scenes/domain/scenes';
import type { CardPictures } from './card-pictures';

/** Name of the OBS image source that shows the product card in every scene. */
export const PRODUCT_CARD_SOURCE = 'Product card overlay';


/** CJK fonts per platform, registered once (Skia also finds system fonts; naming these makes the choice explicit). */
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
  /** The products' pictures (loaded before a card with one is painted). */
  pictures: CardPictures;
  platform?: NodeJS.Platform;
}

/**
 * Paints the product card into OBS with any build (no browser source needed): the domain lays the card out, Skia
 * (@napi-rs/canvas, fonts loaded once per process) draws it into a PNG, an OBS image source shows it. Files alternate
 * between two names so OBS always sees a new path and reloads.
 * While a flash sale runs the card is repainted every second for its countdown.
 */
export class OverlayPainter {
  private card: OverlayCard | null = null;
  private pinned: PinnedComment | null = null;
  private turn = 0;
  private readonly placed = new Set<string>();
  private countdown: NodeJS.Timeout | null = null;
  private painting: Promise<void> = Promise.resolve();
  /** Canvas size of the connected OBS; asked once per connection (a profile change restarts OBS). */
  private canvas: CanvasSize | null = null;
  /** The band of OBS's canvas the card keeps out of (dual output's 9:16 window), or null. */
  private keepOut: KeepOut | null = null;
  /** The second picture of dual output, painted beside OBS's (null: single output). */
  private derived: { size: CanvasSize; file: string } | null = null;

  constructor(private readonly deps: OverlayPainterDeps) {
    mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
    registerCardFonts(deps.platform ?? process.platform);
    // A reconnected OBS may be a relaunched one: place the card again and ask its canvas size before the next paint.
    deps.client.onStatus((status) => {
      if (status === 'identified') return;
      this.placed.clear();
      this.canvas = null;
    });
  }

  /** Shows a product card and a pinned chat comment (null: none) out of `keepOut`; resolves once OBS has the new image. */
  show(card: OverlayCard | null, pinned: PinnedComment | null = null, keepOut: KeepOut | null = null): Promise<void> {
    this.card = card;
    this.pinned = pinned;
    this.keepOut = keepOut;
    // Sources added since the last card (a camera, a title) go on top of their scene: put the card back above them.
    this.placed.clear();
    this.setCountdown(card?.flash ? card.flash.endsAt : null);
    return this.repaint();
  }

  /**
   * Dual output: also paints the card for a derived picture of `size`, into a file ffmpeg reads (returned) on every
   * change from now on; null stops. Resolves once it is painted.
   */
  async paintDerived(size: CanvasSize | null): Promise<string | null> {
    this.derived = size ? { size, file: join(this.deps.dir, 'derived-card.png') } : null;
    await this.repaint();
    return this.derived?.file ?? null;
  }

  /** Stops the countdown timer. */
  stop(): void {
    this.setCountdown(null);
  }

  /** The PNG of a card and a pinned comment for a canvas at `now` (exposed for tests and the bench). */
  renderPng(card: OverlayCard | null, canvas: CanvasSize, now = Date.now(), pinned: PinnedComment | null = null, keepOut: KeepOut | null = null): Buffer {
    const ops = [...cardDrawing(card, canvas, now, keepOut), ...pinnedDrawing(pinned, canvas, keepOut)];
    return drawCard(ops, canvas, (ref) => this.deps.pictures.get(ref));
  }

  private repaint(): Promise<void> {
    // One paint at a time, in order: the last card asked for is the one that stays.
    const next = this.painting.then(() => this.paintNow());
    this.painting = next.catch(() => undefined);
    return next;
  }

  private async paintNow(): Promise<void> {
    const { client } = this.deps;
    if (!this.canvas) {
      const video = await client.call('GetVideoSettings');
      this.canvas = { width: video.baseWidth, height: video.baseHeight };
    }
    await this.deps.pictures.prepare(this.card?.image ?? null);
    const now = Date.now();
    const derived = this.derived;
    // The derived picture's card first: ffmpeg picks it up within a quarter second, OBS on its next frame.
    if (derived) writeAtomically(derived.file, this.renderPng(this.card, derived.size, now, this.pinned));
    this.turn = 1 - this.turn;
    const file = join(this.deps.dir, `product-card-${this.turn === 0 ? 'a' : 'b'}.png`);
    writeAtomically(file, this.renderPng(this.card, this.canvas, now, this.pinned, this.keepOut));
    await this.place(file);
    await client.call('SetInputSettings', { inputName: PRODUCT_CARD_SOURCE, inputSettings: { file }, overlay: true });
  }

  /** Creates the image source once and puts it on top of every show scene that should carry it (again after a change). */
  private async place(file: string): Promise<void> {
    const { client } = this.deps;
    const scenes = this.deps.scenes().filter((s) => sceneShowsCard(s) && !this.placed.has(s));
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

/** Writes a file readers never see half-written (ffmpeg re-reads the derived card several times a second). */
function writeAtomically(file: string, data: Buffer): void {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
}

let areFontsRegistered = false;

function registerCardFonts(platform: NodeJS.Platform): void {
  if (areFontsRegistered) return;
  areFontsRegistered = true;
  for (const file of CJK_FONT_FILES[platform] ?? []) if (existsSync(file)) GlobalFonts.registerFromPath(file);
}

/** Draws the card's steps on a transparent canvas and encodes it as PNG; a picture not loaded is left out. */
function drawCard(ops: readonly DrawOp[], size: CanvasSize, picture: (ref: string) => Image | null): Buffer {
  const canvas = createCanvas(size.width, size.height);
  const g = canvas.getContext('2d');
  for (const op of ops) {
    if (op.kind === 'image') {
      const image = picture(op.ref);
      if (!image) continue;
      // Cover the square: the picture's middle, cropped to the square's shape, never stretched.
      const scale = Math.max(op.w / image.width, op.h / image.height);
      const sw = op.w / scale;
      const sh = op.h / scale;
      g.save();
      g.beginPath();
      g.roundRect(op.x, op.y, op.w, op.h, op.radius);
      g.clip();
      g.drawImage(image, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, op.x, op.y, op.w, op.h);
      g.restore();
      continue;
    }
    if (op.kind === 'rect') {
      g.globalAlpha = op.opacity;
      g.fillStyle = op.fill;
      g.beginPath();
      g.roundRect(op.x, op.y, op.w, op.h, op.radius);
      g.fill();
      g.globalAlpha = 1;
      continue;
    }
    g.font = `${op.isBold ? 'bold ' : ''}${op.size.toFixed(1)}px ${CARD_FONT_FAMILY}`;
    g.fillStyle = op.fill;
    g.fillText(op.text, op.x, op.y);
    if (op.isStruck) {
      const width = g.measureText(op.text).width;
      g.fillRect(op.x, op.y - op.size * 0.32, width, Math.max(1, op.size * 0.07));
    }
  }
  return canvas.toBuffer('image/png');
}
