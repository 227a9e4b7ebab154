import { expect, test } from './fixtures';

/** Posts one message to a bridge link the way Social Stream Ninja does. */
async function postSsn(url: string, message: object): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) });
  return res.status;
}

test('the anchor adds a Social Stream Ninja bridge from the UI; its messages show as text with their source; pause, new link and remove work', async ({ page, studio }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await page.getByTestId('open-bridges').click();
  const drawer = page.getByTestId('bridges-drawer');
  await expect(drawer).toContainText('还没有桥接');
  await drawer.getByTestId('bridge-name').fill('店里电脑上的 SSN');
  await drawer.getByTestId('bridge-add').click();
  const url = (await drawer.getByTestId('bridge-url').textContent())!;
  expect(url).toMatch(/\/api\/v1\/bridges\/ssn\/[\w-]+\/[\w-]{32}$/);
  const bridge = drawer.getByTestId('bridge');
  await expect(bridge).toHaveAttribute('data-health', 'waiting');

  // As SSN sends it: HTML with an emote and a hostile image.
  expect(await postSsn(url, { chatname: 'Lena', chatmessage: 'Is the <b>teapot</b> <img src="https://e/k.png" alt="Kappa"> in stock? <img src=x onerror="window.__xss=1">', type: 'youtube', userid: 'UC1', id: 1 })).toBe(200);
  expect(await postSsn(url, { chatname: 'Sam', chatmessage: '好看', hasDonation: '¥6.00', type: 'tiktok', userid: 't2', id: 2 })).toBe(200);
  const list = page.getByTestId('chat-list');
  await expect(list).toContainText('Is the teapot Kappa in stock?');
  await expect(list).toContainText('¥6.00 · 好看');
  await expect(list).toContainText('youtubeLena');
  await expect(page.locator('[data-testid="chat-list"] img, [data-testid="chat-list"] b, [data-testid="chat-list"] script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(bridge).toHaveAttribute('data-accepted', '2');
  await expect(bridge).toHaveAttribute('data-health', 'receiving');
  await expect(bridge).toContainText('正在接收');

  await bridge.getByTestId('bridge-pause').click();
  await expect(bridge).toHaveAttribute('data-health', 'paused');
  expect(await postSsn(url, { chatname: 'Bo', chatmessage: 'while paused', type: 'twitch' })).toBe(200);
  await bridge.getByTestId('bridge-pause').click();
  await expect(bridge).toHaveAttribute('data-health', 'receiving');

  await bridge.getByTestId('bridge-rotate').click();
  await expect(drawer.getByTestId('bridge-url')).not.toHaveText(url);
  expect(await postSsn(url, { chatname: 'Bo', chatmessage: 'old link', type: 'twitch' })).toBe(404);
  const renewed = (await drawer.getByTestId('bridge-url').textContent())!;
  await bridge.getByTestId('bridge-remove').click();
  await expect(drawer.getByTestId('bridge')).toHaveCount(0);
  expect(await postSsn(renewed, { chatname: 'Bo', chatmessage: 'removed', type: 'twitch' })).toBe(404);
  await expect(list).not.toContainText('while paused');
  expect(errors).toEqual([]);
});
