import { loadOrdersSecret } from '../../electron/core/hub/auth/webhook-auth';
import { postCommandOk } from '../helpers/hub';
import { orderEvent, postOrdersOk } from '../helpers/orders';
import { product } from '../helpers/rundown';
import { expect, test } from './fixtures';

const PRODUCTS = 2_000;
const skuOf = (n: number) => `SKU-${String(n).padStart(5, '0')}`;

// A shop with its whole catalog in the studio, every product's stock tracked. The panel once rendered a row per
// product on every tally event (up to 25 a second at peak): with 2,000 products the window fell seconds behind the
// orders (bench/orders.ts: no tally reached the screen in time at 2,000 orders/s).
test('with 2,000 products the sales panel keeps only the rows in view: best sellers on top, the last a scroll away', async ({ page, studio }) => {
  for (let i = 0; i < PRODUCTS; i += 100) {
    const products = Array.from({ length: 100 }, (_, j) => product(skuOf(i + j), { stock: 100 }));
    await postCommandOk(studio.url, studio.anchorToken, 'catalog.upsert', { products });
  }
  const t = Date.now() - 30_000;
  await postOrdersOk(studio.url, loadOrdersSecret(studio.dataDir), {
    events: [
      orderEvent({ eventId: 'e1', orderId: 'o1', occurredAt: t, items: [{ sku: skuOf(1_999), quantity: 3, unitPrice: 12_800 }] }),
      orderEvent({ eventId: 'e2', orderId: 'o2', occurredAt: t + 1, items: [{ sku: skuOf(500), quantity: 1, unitPrice: 12_800 }] }),
    ],
  });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const panel = page.getByTestId('panel-sales');
  await expect(panel.getByTestId('sales-gmv')).toHaveText('CN¥512.00');

  const table = panel.getByTestId('sales-products');
  await expect(table).toHaveAttribute('aria-rowcount', String(PRODUCTS + 1));
  const rows = table.getByTestId('sales-sku-row');
  await expect(rows.first()).toHaveAttribute('data-sku', skuOf(1_999));
  await expect(rows.nth(1)).toHaveAttribute('data-sku', skuOf(500));
  await expect(rows.first()).toContainText('97');
  const inPage = await rows.count();
  expect(inPage).toBeGreaterThan(5);
  expect(inPage).toBeLessThan(60);

  // The rest is there, a scroll away: the last by SKU (the two best sellers came first).
  await panel.locator('.sales-products').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(table.locator(`[data-testid="sales-sku-row"][data-sku="${skuOf(1_998)}"]`)).toBeVisible();
  await expect(rows).not.toHaveCount(0);
  expect(await rows.count()).toBeLessThan(60);
});
