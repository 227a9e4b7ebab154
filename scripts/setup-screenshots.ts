// Takes the docs' pictures of the first ten minutes: the setup checklist (a new studio, then with cameras cast and the
// sample show loaded) and the scene and source editor, at 1280x720 and 1920x1080, in English and Chinese, from the
// built studio with its real OBS. Usage: npm run build && npx tsx scripts/setup-screenshots.ts [out dir]
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../playwright.config';
import { postCommand } from '../tests/helpers/hub';
import { startObsStudio } from '../tests/helpers/obs-studio';

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
const LANGUAGES = ['en', 'zh-CN'] as const;

mkdirSync(outDir, { recursive: true });
const studio = await startObsStudio();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** Opens the anchor's window in a window of this size, in this language, with the setup list open. */
async function open(size: (typeof SIZES)[number], language: (typeof LANGUAGES)[number]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: size })).newPage();
  // The link the studio prints (tsx cannot hand the desktop bridge's init script to the page: it adds helpers to it).
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption(language);
  await page.locator('[data-testid="obs-status"][data-status="connected"]').waitFor({ state: 'attached' });
  await page.getByTestId('open-setup').click();
  await page.getByTestId('setup').waitFor();
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(outDir, `${name}.jpg`);
  await page.screenshot({ path, type: 'jpeg', quality: 82 });
  console.log(`screenshot: ${path}`);
}

try {
  // A new studio: the checklist as a new user first sees it.
  for (const size of SIZES) {
    for (const language of LANGUAGES) {
      const page = await open(size, language);
      await shoot(page, `setup-new-${language}-${size.width}x${size.height}`);
      await page.close();
    }
  }
  // Cameras cast and the sample show loaded, as the walk in docs/first-show.md leaves it.
  const run = async (name: string, payload: object) => {
    const res = await postCommand(studio.url, studio.anchorToken, name, payload);
    if (res.status !== 200) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
  };
  await run('camera.assign', { role: 'main', source: 'Main camera', create: { type: 'test-pattern' } });
  await run('camera.assign', { role: 'hands', source: 'Hands camera', create: { type: 'test-pattern' } });
  await run('show.loadSample', {});
  for (const size of SIZES) {
    for (const language of LANGUAGES) {
      const page = await open(size, language);
      await page.getByTestId('camera-cast').scrollIntoViewIfNeeded();
      await shoot(page, `setup-cast-${language}-${size.width}x${size.height}`);
      await page.getByTestId('setup-close').click();
      const editor = page.getByTestId('scene-editor');
      await editor.scrollIntoViewIfNeeded();
      await shoot(page, `editor-${language}-${size.width}x${size.height}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await studio.close();
}
