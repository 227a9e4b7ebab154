import { startTestHub } from '../helpers/hub';
import { expect, test, UI_DIR } from './fixtures';

test('opens connected, hides the token from the address bar, shows the role', async ({ page, hub }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && cspViolations.push(m.text()));
  const response = await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  expect(page.url()).not.toContain(hub.anchorToken);
  await expect(page.getByTestId('role')).toContainText(/Anchor|主播/);
  await expect(page.getByTestId('obs-status')).toHaveAttribute('data-status', 'unavailable');
  for (const area of ['scenes', 'cues', 'chat', 'sales']) await expect(page.getByTestId(`panel-${area}`)).toBeVisible();
  expect(cspViolations).toEqual([]);
});

test('switches language and keeps the choice after a reload', async ({ page, hub }) => {
  await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('panel-scenes')).toContainText('Scenes');
  await expect(page.getByTestId('hub-status')).toContainText('Studio connected');
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('panel-scenes')).toContainText('场景');
  await expect(page.getByTestId('hub-status')).toContainText('工作室已连接');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('panel-sales')).toContainText('销售');
});

test('refuses a wrong token and says what to do', async ({ page, hub }) => {
  await page.goto(`${hub.url}/?token=${'w'.repeat(43)}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'unauthorized');
  await expect(page.getByTestId('hub-status')).toContainText('ask the anchor for a new invite');
});

test('shows reconnecting while the hub is down and resyncs the saved state after it returns', async ({ page, hub }) => {
  await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('show-title').fill('Spring tea set night');
  await page.getByTestId('show-title').press('Enter');
  await expect.poll(() => hub.store.current.show.title).toBe('Spring tea set night');

  await hub.close();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'reconnecting');

  // Same port, same data dir, same token: the hub the page knew, restarted.
  const again = await startTestHub({ dataDir: hub.dataDir, port: hub.port, anchorToken: hub.anchorToken, staticDir: UI_DIR });
  try {
    await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
    await expect(page.getByTestId('show-title')).toHaveValue('Spring tea set night');
    // A change made while the page reconnected reaches it through the resync snapshot.
    again.store.apply({ name: 'show.rename', payload: { title: 'After restart' } });
    await expect(page.getByTestId('show-title')).toHaveValue('After restart');
  } finally {
    await again.close();
  }
});
