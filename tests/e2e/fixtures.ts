import { test as base, expect } from '@playwright/test';
import { startBuiltStudio, type BuiltStudio } from '../helpers/built-studio';

/**
 * A page test with its own built studio (dist/: the hub in its own process, as users run it) serving the built UI,
 * without OBS; tests that need video start their own studio with OBS on.
 */
export const test = base.extend<{ studio: BuiltStudio }>({
  studio: async ({}, use) => {
    // A crashed child comes back after a second: long enough for a page to show that it is reconnecting.
    const studio = await startBuiltStudio({ restart: { initialMs: 1000 } });
    await use(studio);
    await studio.stop();
  },
});

export { expect };
