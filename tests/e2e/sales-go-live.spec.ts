import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadOrdersSecret } from '../../electron/core/hub/auth/webhook-auth';
import { DEFAULT_ORDER_SIMULATION } from '../../electron/features/sales/domain/order-simulation';
import { UI_DIR } from '../helpers/built-studio';
import { connectFakeEngine, type FakeEngine } from '../helpers/fake-engine';
import { postCommand, startTestHub, type TestHub } from '../helpers/hub';
import { orderEvent, postOrdersOk } from '../helpers/orders';
import { product, productCue } from '../helpers/rundown';

// The built UI in Chromium against a real hub on loopback; the OBS engine is a socket.io stand-in that answers the
// hub's go-live requests, so the show goes live through the real path without OBS.
let hub: TestHub;
let engine: FakeEngine;
test.beforeEach(async () => {
  hub = await startTestHub({ staticDir: UI_DIR });
  engine = await connectFakeEngine(hub);
});
test.afterEach(async () => {
  await engine.close();
  await hub.stop();
});

async function openStudio(page: Page, token: string) {
  await page.goto(`${hub.url}/?token=${token}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
}

const anchor = async (name: string, payload: object) => {
  const res = await postCommand(hub.url, hub.anchorToken, name, payload);
  expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(200);
};

test('going live takes rehearsal stock alerts and rehearsal orders off the sales panel of every window (issue #21)', async ({ page, browser }) => {
  // 23 s on an idle CI machine: selling the stock down waits for simulated payments (up to 15 s). The default 60 s ran
  // out once on a machine that also ran a second suite; 120 s is about five times the measured run.
  test.setTimeout(120_000);
  const producerPage = await browser.newPage();
  try {
    await anchor('catalog.upsert', { products: [product('TEA-SET', { stock: 12 })] });
    await anchor('sales.setStock', { sku: 'TEA-SET', initial: 12, lowAt: 3 });
    await anchor('cue.add', { cue: productCue('c-set', 'TEA-SET') });
    await anchor('cue.goto', { id: 'c-set' });
    const producer = hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' });
    await openStudio(page, hub.anchorToken);
    await openStudio(producerPage, producer);

    // Rehearsal: the simulator sells the tea set down to its low level; both windows show the alert and the orders.
    // No late deliveries or cancels: the stock reaches its low level within the longest payment delay (15 s).
    await anchor('sales.simulator.start', { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: 3_000, lateShare: 0, cancelShare: 0 });
    for (const p of [page, producerPage]) {
      const panel = p.getByTestId('panel-sales');
      await expect(panel.locator('[data-testid="sales-low-stock"][data-sku="TEA-SET"]')).toBeVisible({ timeout: 30_000 });
      await expect(panel.getByTestId('sales-recent').locator('li').first()).toBeVisible();
      await expect(panel.getByTestId('sales-rehearsal-banner')).toBeVisible();
    }

    // Going live (the simulator still running, its posts in flight) clears the rehearsal for everyone.
    await engine.goLive();
    for (const p of [page, producerPage]) {
      const panel = p.getByTestId('panel-sales');
      await expect(panel.getByTestId('sales-rehearsal-banner')).toHaveCount(0);
      await expect(panel.getByTestId('sales-orders')).toHaveText('0');
      await expect(panel).toContainText('No orders recorded in this show.');
      await expect(panel.getByTestId('sales-low-stock')).toHaveCount(0);
      await expect(panel.getByTestId('sales-recent')).toHaveCount(0);
      await expect(panel.locator('[data-testid="sales-sku-row"][data-sku="TEA-SET"]')).toContainText('12');
    }

    // The show's first real order is listed, alone.
    await postOrdersOk(hub.url, loadOrdersSecret(hub.dataDir), orderEvent({ eventId: 'live-1', orderId: 'live-1', items: [{ sku: 'TEA-SET', quantity: 1, unitPrice: 12_800 }] }));
    for (const p of [page, producerPage]) {
      const panel = p.getByTestId('panel-sales');
      await expect(panel.getByTestId('sales-orders')).toHaveText('1');
      await expect(panel.getByTestId('sales-recent').locator('li')).toHaveCount(1);
      await expect(panel.getByTestId('sales-low-stock')).toHaveCount(0);
    }
  } finally {
    await producerPage.close();
  }
});
