import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Locator, Page } from '@playwright/test';
import { buildOverlayCard } from '../../electron/features/overlay/domain/overlay-card';
import { cardDrawing } from '../../electron/features/overlay/domain/overlay-layout';
import { SAMPLE_PICTURES, SAMPLE_SHOW } from '../../electron/features/rundown/hub/sample-show';
import { openAsDesktopAnchor } from '../helpers/desktop-bridge';
import { startObsStudio, type ObsStudio } from '../helpers/obs-studio';
import { decodeScreenshot } from '../helpers/png-pixels';
import { OBS_RESTART_MS, QUICK_MS } from '../helpers/timeouts';
import { expect, test } from './fixtures';

// A new user's first ten minutes on the built studio with a real OBS 29 (own Xvfb): from the first start to a live
// rehearsal without leaving the UI. The desktop app opens the setup checklist; the user casts two test patterns as the
// main and hands cameras, picks the vertical canvas, loads the sample tea-set show, closes the list and puts the
// teapot cue live: OBS then has a 9:16 canvas, the close-up scene with both cameras (picture-in-picture) and the card
// with the teapot's picture. Every click and pick is counted and printed; in zh-CN no English word is left on screen.
test.describe.configure({ mode: 'serial' });

const PICTURES = join('.test-output', 'first-rehearsal');
/** Canvas and program picture size of the vertical profile, and the size the test asks OBS's screenshot in. */
const VERTICAL = { width: 1080, height: 1920 };
const SHOT = { width: 360, height: 640 };

/** Latin words that may stay in a Chinese window, each group for its reason. */
const ALLOWED_LATIN = new Set([
  // Brands, platforms, operating systems, and a language's own name in the language menu.
  ...['OBS', 'Studio', 'Douyin', 'TikTok', 'LIVE', 'YouTube', 'Taobao', 'Bilibili', 'Kuaishou', 'WeChat', 'obsproject', 'com'],
  ...['Linux', 'Windows', 'macOS', 'English'],
  // Formats, units and keys on the keyboard, as printed on them.
  ...['RTMP', 'CNY', 'HTML', 'CSV', 'CPU', 'ml', 'g', 'B', 'H', 'PageDown', 'PageUp'],
  // The show's own data: the default show's scene and source names (OBS names the user may rename), product codes.
  ...['Opening', 'Anchor', 'Product', 'close', 'up', 'Workshop', 'wide', 'Q', 'A', 'Flash', 'sale', 'Be', 'right', 'back', 'Rehearsal', 'camera'],
  ...['title', 'background', 'card', 'overlay', 'SAMPLE', 'POT', 'CUP', 'TEA', 'TRAY'],
]);

/** Words of Latin letters only in the visible text (code and key caps left out) that are not on the allow-list. */
async function strayLatin(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (!parent || parent.closest('code, kbd, script, style') || !parent.checkVisibility()) continue;
      parts.push(walker.currentNode.textContent ?? '');
    }
    for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) if (field.checkVisibility()) parts.push(field.placeholder);
    return parts.join(' ');
  });
  const words = text.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED_LATIN.has(w)))];
}

/** Counts what a user does: every click and every pick from a list. */
class Hands {
  count = 0;
  readonly steps: string[] = [];
  constructor(private readonly page: Page) {}
  async click(what: Locator, why: string): Promise<void> {
    await what.click();
    this.note(why);
  }
  async pick(what: Locator, value: string, why: string): Promise<void> {
    await what.selectOption(value);
    this.note(why);
  }
  private note(why: string): void {
    this.count += 1;
    this.steps.push(`${this.count}. ${why}`);
  }
  async keep(name: string): Promise<void> {
    mkdirSync(PICTURES, { recursive: true });
    await this.page.screenshot({ path: join(PICTURES, name) });
  }
}

/** The sample teapot picture's middle colour, as the card shows it (drawn to a canvas the same way it is decoded). */
async function teapotMiddle(): Promise<number[]> {
  const image = await loadImage(SAMPLE_PICTURES.get('sample-pot.jpg')!);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  return [...g.getImageData(Math.floor(image.width / 2), Math.floor(image.height / 2), 1, 1).data.subarray(0, 3)];
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`a new user (${language}) reaches a live rehearsal from the setup checklist: two cameras, vertical, the sample show, the first product with its picture`, async ({ browser }) => {
    test.setTimeout(240_000);
    let studio: ObsStudio | undefined;
    try {
      studio = await startObsStudio();
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
      const hands = new Hands(page);
      // The desktop app on a new studio: it opens the setup checklist by itself. A Chinese user first picks the language.
      await openAsDesktopAnchor(page, studio, 'en');
      if (language === 'zh-CN') await hands.pick(page.getByTestId('language-select'), 'zh-CN', 'language');
      const setup = page.getByTestId('setup');
      await expect(setup).toBeVisible();
      await expect(page.getByTestId('setup-obs')).toHaveAttribute('data-done', 'true', { timeout: QUICK_MS });
      if (language === 'zh-CN') expect(await strayLatin(page), 'English left in the setup checklist').toEqual([]);
      await hands.keep(`1-setup-${language}.png`);

      // Cameras: a test pattern for the main part and another for the hands.
      await hands.pick(page.getByTestId('camera-pick-main'), 'pattern:', 'main camera: a new test pattern');
      await expect(page.getByTestId('camera-pick-main')).not.toHaveValue('');
      await hands.pick(page.getByTestId('camera-pick-hands'), 'pattern:', 'hands camera: a new test pattern');
      await expect(page.getByTestId('camera-pick-hands')).not.toHaveValue('');
      await expect(page.getByTestId('setup-cameras')).toHaveAttribute('data-done', 'true');

      // Vertical for Douyin / 视频号: OBS restarts with a 9:16 canvas.
      await hands.click(page.getByTestId('setup-vertical'), 'vertical canvas');
      await studio.states.waitFor((s) => s.obs.profile === 'vertical' && s.obs.status === 'connected', OBS_RESTART_MS * 2, 'vertical canvas');
      await expect(page.getByTestId('setup-canvas')).toHaveAttribute('data-done', 'true');

      // Something to sell: the sample tea-set show.
      await hands.click(page.getByTestId('setup-sample'), 'load the sample show');
      await expect(page.getByTestId('setup-catalog')).toHaveAttribute('data-done', 'true');
      if (language === 'zh-CN') expect(await strayLatin(page), 'English left in the setup checklist').toEqual([]);
      await hands.keep(`2-setup-done-${language}.png`);
      await hands.click(page.getByTestId('setup-close'), 'close the setup list');

      // The teapot, first product of the show, goes live in rehearsal.
      const teapot = SAMPLE_SHOW.cues.find((c) => c.kind === 'product')!;
      await hands.click(page.locator(`[data-testid="cue-row"][data-cue-id="${teapot.id}"]`).getByTestId('cue-goto'), 'Go on the first product');
      await expect.poll(async () => (await studio!.state()).rundown.currentCueId, { timeout: QUICK_MS }).toBe(teapot.id);
      // Rehearsing, not on air: the live cue says so.
      await expect(page.getByTestId('live-cue-label')).toHaveText(language === 'zh-CN' ? '彩排中' : 'Rehearsing');
      const state = await studio.state();
      expect(state.live.isLive, 'a rehearsal, not on air').toBe(false);

      // OBS's own view: a 9:16 canvas, the teapot's scene on program with both cameras, the card with its picture.
      const obs = await studio.obs();
      const video = await obs.call('GetVideoSettings');
      expect([video.baseWidth, video.baseHeight]).toEqual([VERTICAL.width, VERTICAL.height]);
      const product = SAMPLE_SHOW.products.find((p) => p.sku === teapot.sku)!;
      const { currentProgramSceneName } = await obs.call('GetCurrentProgramScene');
      expect(currentProgramSceneName).toBe(product.scene);
      // Picture-in-picture (the teapot's preset) places both cast cameras once the "Go" has run in OBS.
      const roles = state.scenes.cameraRoles!;
      const shown = async () => {
        const items = (await obs.call('GetSceneItemList', { sceneName: currentProgramSceneName })).sceneItems as Array<{ sourceName: string; sceneItemEnabled: boolean }>;
        return [roles.main!, roles.hands!].filter((camera) => items.some((i) => i.sourceName === camera && i.sceneItemEnabled));
      };
      await expect.poll(shown, { timeout: QUICK_MS, message: 'both cameras shown in the close-up scene' }).toEqual([roles.main, roles.hands]);
      await expect(page.getByTestId('go-warnings')).toHaveCount(0);
      const card = buildOverlayCard({ product, stock: undefined, flash: null, language: 'zh-CN', now: 0 });
      const square = cardDrawing(card, VERTICAL, 0).find((op) => op.kind === 'image');
      expect(square, 'the card has a picture square').toBeDefined();
      const at = { x: Math.round(((square!.x + square!.w / 2) * SHOT.width) / VERTICAL.width), y: Math.round(((square!.y + square!.h / 2) * SHOT.height) / VERTICAL.height) };
      const want = await teapotMiddle();
      await expect
        .poll(
          async () => {
            const shot = await obs.call('GetSourceScreenshot', { sourceName: currentProgramSceneName, imageFormat: 'png', imageWidth: SHOT.width, imageHeight: SHOT.height });
            const pixels = decodeScreenshot(shot.imageData, SHOT.width, SHOT.height);
            const i = (at.y * SHOT.width + at.x) * 3;
            return [...pixels.data.subarray(i, i + 3)].map((c, k) => Math.abs(c - want[k]!)).every((d) => d <= 40);
          },
          { timeout: 10_000, message: `the teapot picture (${want}) at ${JSON.stringify(at)} on OBS's program` },
        )
        .toBe(true);
      const shot = await obs.call('GetSourceScreenshot', { sourceName: currentProgramSceneName, imageFormat: 'png', imageWidth: SHOT.width, imageHeight: SHOT.height });
      mkdirSync(PICTURES, { recursive: true });
      writeFileSync(join(PICTURES, `3-obs-program-${language}.png`), Buffer.from(shot.imageData.replace(/^data:image\/png;base64,/, ''), 'base64'));
      if (language === 'zh-CN') expect(await strayLatin(page), 'English left in the studio window').toEqual([]);
      await hands.keep(`3-rehearsal-${language}.png`);

      const report = `First rehearsal (${language}) in ${hands.count} clicks:\n${hands.steps.join('\n')}`;
      console.log(report);
      writeFileSync(join(PICTURES, `clicks-${language}.txt`), `${report}\n`);
      // What the walk takes today; more means the first ten minutes got longer.
      expect(hands.count).toBeLessThanOrEqual(language === 'zh-CN' ? 7 : 6);
    } finally {
      await studio?.close();
    }
  });
}
