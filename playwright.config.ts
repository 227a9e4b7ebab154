import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright never downloads a browser in this project. */
export const CHROMIUM_PATH = process.env.ANCHOR_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  // test:repeat gives each run its own folder, so the screenshots of a run that failed are still there at the end.
  outputDir: process.env.ANCHOR_PLAYWRIGHT_OUTPUT ?? '.test-output/playwright',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
