import { test as base, expect } from '@playwright/test';
import { startBuiltStudio, type BuiltStudio } from '../helpers/built-studio';

/**
 * A page test with its own built studio (dist/: the hub in its own process, as users run it) serving the built UI,
 * without OBS; tests that need video start their own studio with OBS on.
 */
export const test = base.extend<{ studio: BuiltStudio; closesItsWindows: void }>({
  // Windows a test opens itself (browser.newPage / newContext, a producer's or a viewer's) close with the test: left
  // open, they kept reconnecting to studios already gone for the rest of the run, in the one browser all tests share.
  closesItsWindows: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close()));
    },
    { auto: true },
  ],
  studio: async ({}, use) => {
    // A crashed child comes back after a second: long enough for a page to show that it is reconnecting.
    const studio = await startBuiltStudio({ restart: { initialMs: 1000 } });
    await use(studio);
    await studio.stop();
  },
});

export { expect };
