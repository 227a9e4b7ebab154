import { test as base, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub';

/** The built UI the hub serves in these tests (`npm test` builds it first). */
export const UI_DIR = resolve('dist/renderer');

/** A page test with its own real hub serving the built UI. */
export const test = base.extend<{ hub: TestHub }>({
  hub: async ({}, use) => {
    if (!existsSync(resolve(UI_DIR, 'index.html'))) throw new Error('UI not built: run "npm run build:renderer" (npm test does it).');
    const hub = await startTestHub({ staticDir: UI_DIR });
    await use(hub);
    await hub.stop();
  },
});

export { expect };
