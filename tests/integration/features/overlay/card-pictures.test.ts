import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardPictures } from '../../../../electron/features/overlay/engine/card-pictures';
import { OverlayPainter } from '../../../../electron/features/overlay/engine/overlay-painter';
import { buildOverlayCard } from '../../../../electron/features/overlay/domain/overlay-card';
import { cardDrawing } from '../../../../electron/features/overlay/domain/overlay-layout';
import { MAX_PICTURE_BYTES } from '../../../../electron/features/overlay/domain/card-picture';
import type { EngineLogger } from '../../../../electron/core/engine/obs-session';
import { makeTempDir } from '../../../helpers/temp-dir';
import { product } from '../../../helpers/rundown';

/** A solid-colour PNG, the kind of picture a shop's CDN serves. */
function solidPng(colour: string, width = 40, height = 30): Buffer {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = colour;
  g.fillRect(0, 0, width, height);
  return canvas.toBuffer('image/png');
}

const RED = solidPng('#ff0000');

/**
 * A real HTTP server on loopback stands in for a shop's image CDN. The studio fetches only https; the test's fetch is
 * the real one, pointed from https://cdn.shop.test to this server (TLS itself is fetch's own business).
 */
describe('card pictures: from the images folder or an https address, fetched once, size- and type-checked', () => {
  const hits: string[] = [];
  let server: Server;
  let base = '';
  const dir = makeTempDir('anchor-pictures-');
  const warnings: string[] = [];
  const log: EngineLogger = { debug() {}, info() {}, error() {}, warn: (message, fields) => warnings.push(`${message}: ${String((fields as { reason?: string } | undefined)?.reason)}`) };
  const viaLoopback: typeof fetch = (input, init) => fetch(String(input).replace('https://cdn.shop.test', base), init);
  const pictures = () => new CardPictures({ imagesDir: join(dir.path, 'images'), cacheDir: join(dir.path, 'cache'), log, fetch: viaLoopback });

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/tea.png') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': RED.length }).end(RED);
      if (req.url === '/page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a picture</html>');
      if (req.url === '/huge.png') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': MAX_PICTURE_BYTES + 1 }).end();
      if (req.url === '/endless.png') {
        // No length announced: the studio must stop reading at its limit.
        res.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 20 && res.write(chunk)) sent++;
          if (sent < 20) res.once('drain', pump);
          else res.end();
        };
        res.on('error', () => undefined);
        return pump();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(join(dir.path, 'images'));
    writeFileSync(join(dir.path, 'images', '茶壶.png'), solidPng('#00ff00'));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    dir.remove();
  });

  it('downloads an https picture once: a second studio with the same data dir reads it from disk', async () => {
    const first = pictures();
    await Promise.all([first.prepare('https://cdn.shop.test/tea.png'), first.prepare('https://cdn.shop.test/tea.png')]);
    expect(first.get('https://cdn.shop.test/tea.png')?.width).toBe(40);
    const again = pictures();
    await again.prepare('https://cdn.shop.test/tea.png');
    expect(again.get('https://cdn.shop.test/tea.png')?.height).toBe(30);
    expect(hits.filter((h) => h === '/tea.png')).toHaveLength(1);
  });

  it('reads a file name from the images folder', async () => {
    const p = pictures();
    await p.prepare('茶壶.png');
    expect(p.get('茶壶.png')?.width).toBe(40);
  });

  it('leaves out, and logs why, a picture that is not one, too big, endless, missing, or outside the images folder', async () => {
    const p = pictures();
    const cases: Array<[string, RegExp]> = [
      ['https://cdn.shop.test/page', /not a png, jpeg or webp/],
      ['https://cdn.shop.test/huge.png', /at most 8 MB/],
      ['https://cdn.shop.test/endless.png', /at most 8 MB/],
      ['https://cdn.shop.test/gone.png', /answered 404/],
      ['http://cdn.shop.test/tea.png', /https only/],
      ['../cache/x.png', /is a path/],
      ['missing.png', /no file "missing.png" in the images folder/],
    ];
    for (const [ref, why] of cases) {
      warnings.length = 0;
      await p.prepare(ref);
      expect(p.get(ref), ref).toBeNull();
      expect(warnings.join('\n'), ref).toMatch(why);
    }
    // Refused pictures are not asked for again on every repaint (a flash sale repaints every second).
    const before = hits.length;
    await p.prepare('https://cdn.shop.test/page');
    expect(hits.length).toBe(before);
  });

  it('paints the picture into the card at its square, and the card without it when it cannot load', async () => {
    const p = pictures();
    await p.prepare('https://cdn.shop.test/tea.png');
    const painter = new OverlayPainter({ client: { onStatus() {} } as never, dir: join(dir.path, 'overlay'), scenes: () => [], pictures: p });
    const canvas = { width: 640, height: 360 };
    const card = buildOverlayCard({ product: product('TEA', { image: 'https://cdn.shop.test/tea.png' }), stock: undefined, flash: null, language: 'zh-CN', now: 0 });
    const square = cardDrawing(card, canvas, 0).find((op) => op.kind === 'image')!;
    const pixelAt = async (png: Buffer) => {
      const image = await loadImage(png);
      const g = createCanvas(canvas.width, canvas.height).getContext('2d');
      g.drawImage(image, 0, 0);
      return [...g.getImageData(Math.round(square.x + square.w / 2), Math.round(square.y + square.h / 2), 1, 1).data];
    };
    expect(await pixelAt(painter.renderPng(card, canvas, 0))).toEqual([255, 0, 0, 255]);
    const unloaded = { ...card, image: 'https://cdn.shop.test/never-prepared.png' };
    const [r, g, b] = await pixelAt(painter.renderPng(unloaded, canvas, 0));
    expect([r, g, b]).not.toEqual([255, 0, 0]);
  });
});
