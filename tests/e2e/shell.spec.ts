import { postCommand } from '../helpers/hub';
import { expect, test } from './fixtures';

test('opens connected, hides the token from the address bar, shows the role', async ({ page, studio }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && cspViolations.push(m.text()));
  const response = await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  expect(page.url()).not.toContain(studio.anchorToken);
  await expect(page.getByTestId('role')).toContainText(/Anchor|主播/);
  await expect(page.getByTestId('obs-status')).toHaveAttribute('data-status', 'unavailable');
  for (const area of ['scenes', 'cues', 'chat', 'sales']) await expect(page.getByTestId(`panel-${area}`)).toBeVisible();
  expect(cspViolations).toEqual([]);
});

test('switches language and keeps the choice after a reload', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
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

test('refuses a wrong token and says what to do', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${'w'.repeat(43)}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'unauthorized');
  await expect(page.getByTestId('hub-status')).toContainText('ask the anchor for a new invite');
});

test('the hub process dies: the page shows reconnecting, the studio restarts the hub, the page resyncs', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('show-title').fill('Spring tea set night');
  await page.getByTestId('show-title').press('Enter');
  await expect.poll(async () => (await studio.state()).show.title).toBe('Spring tea set night');

  // SIGKILL: no shutdown code runs. The studio restarts the hub on the same port with the same data and tokens.
  const back = studio.studio.hub.nextReady(20_000);
  studio.studio.hub.kill('SIGKILL');
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'reconnecting');
  await back;
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(page.getByTestId('show-title')).toHaveValue('Spring tea set night');
  expect(studio.studio.hub.restarts).toBe(1);
  // The restarted hub drives the page like the first one.
  expect((await postCommand(studio.url, studio.anchorToken, 'show.rename', { title: 'After restart' })).status).toBe(200);
  await expect(page.getByTestId('show-title')).toHaveValue('After restart');
});

test('panels fold to their title (the other panel of the column takes the height) and one can fill the window; the layout survives a reload', async ({ page, studio }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const output = page.getByTestId('panel-output');
  const before = (await output.boundingBox())!.height;
  await page.getByTestId('panel-scenes-collapse').click();
  await expect(page.getByTestId('panel-scenes')).toHaveClass(/is-collapsed/);
  await expect.poll(async () => (await output.boundingBox())!.height).toBeGreaterThan(before * 1.5);
  await page.getByTestId('panel-cues-enlarge').click();
  const cues = page.getByTestId('panel-cues');
  await expect(page.getByTestId('panel-chat')).toBeHidden();
  await expect(output).toBeHidden();
  await expect.poll(async () => (await cues.boundingBox())!.width).toBeGreaterThan(1100);
  await page.reload();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('panel-chat')).toBeHidden();
  await page.getByTestId('panel-cues-enlarge').click();
  await expect(page.getByTestId('panel-chat')).toBeVisible();
  await expect(page.getByTestId('panel-scenes')).toHaveClass(/is-collapsed/);
  await page.getByTestId('panel-scenes-collapse').click();
  await expect(page.getByTestId('panel-scenes').getByRole('heading')).toContainText('Scenes');
  await expect(page.getByTestId('panel-scenes')).not.toHaveClass(/is-collapsed/);
});

test('panels rearrange by dragging their title onto another panel or an empty column; the arrangement survives a reload', async ({ page, studio }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  const column = (index: number) =>
    page.getByTestId(`studio-col-${index}`).evaluate((col) => [...col.querySelectorAll(':scope > .panel')].map((p) => p.getAttribute('data-testid')));
  expect(await column(0)).toEqual(['panel-scenes', 'panel-output']);
  // Chat onto the scenes panel: it goes above it, in the left column; the right column is left empty.
  await page.getByTestId('panel-chat-title').dragTo(page.getByTestId('panel-scenes'));
  await expect.poll(() => column(0)).toEqual(['panel-chat', 'panel-scenes', 'panel-output']);
  expect(await column(2)).toEqual([]);
  // Sales onto the empty right column.
  await page.getByTestId('panel-sales-title').dragTo(page.getByTestId('studio-col-2'));
  await expect.poll(() => column(2)).toEqual(['panel-sales']);
  await page.reload();
  await expect(page.getByTestId('hub-status')).toHaveAttribute('data-status', 'connected');
  expect([await column(0), await column(1), await column(2)]).toEqual([['panel-chat', 'panel-scenes', 'panel-output'], ['panel-monitor', 'panel-cues'], ['panel-sales']]);
});
