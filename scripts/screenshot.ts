// Takes the README screenshot: a real hub serving the built UI, opened in Debian's Chromium.
// Usage: npm run build:renderer && npx tsx scripts/screenshot.ts [out.png] [lang]
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { CHROMIUM_PATH } from '../playwright.config';
import { startTestHub } from '../tests/helpers/hub';

const out = resolve(process.argv[2] ?? 'docs/screenshot.png');
const language = process.argv[3] ?? 'zh-CN';
const hub = await startTestHub({ staticDir: resolve('dist/renderer') });
hub.store.apply({ name: 'show.rename', payload: { title: '春季茶具专场 · Spring tea set night' } });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
  await page.getByTestId('language-select').selectOption(language);
  await page.getByTestId('hub-status').and(page.locator('[data-status="connected"]')).waitFor();
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  await hub.stop();
}
