import { openAsDesktopAnchor } from '../helpers/desktop-bridge';
import { expect, test } from './fixtures';

test('the desktop app opens the setup checklist on a new studio; the sample show and a destination added in it tick their steps; closed, it stays closed and the top bar reopens it', async ({ page, studio }) => {
  await openAsDesktopAnchor(page, studio, 'zh-CN');
  const setup = page.getByTestId('setup');
  await expect(setup).toContainText('从新工作室到第一次彩排');
  // No OBS in this studio: the step says how to get it; nothing to sell yet.
  await expect(page.getByTestId('setup-obs')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('setup-obs')).toContainText('OBS Studio 29');
  await expect(page.getByTestId('setup-catalog')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('setup-progress')).toContainText('已完成 0/6');
  await page.getByTestId('setup-sample').click();
  await expect(page.getByTestId('setup-catalog')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('setup-progress')).toContainText('已完成 1/6');
  // A first destination, added without leaving the list (the go-live panel's own form; the key stays masked).
  const destination = page.getByTestId('setup-destination');
  await destination.getByTestId('destination-add-open').click();
  await destination.getByTestId('destination-name').fill('视频号主账号');
  await destination.getByTestId('destination-server').fill('rtmp://push.example.com/live');
  await expect(destination.getByTestId('destination-key-input')).toHaveAttribute('type', 'password');
  await destination.getByTestId('destination-key-input').fill('KEY-setup-e2e-1f3a');
  await destination.getByTestId('destination-save').click();
  await expect(destination).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('setup-progress')).toContainText('已完成 2/6');
  expect(await page.content()).not.toContain('KEY-setup-e2e-1f3a');
  await page.getByTestId('setup-close').click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('cue-row')).toHaveCount(8);
  // Closed once: a reload of an (even emptied) studio does not open it again; the top bar does.
  await page.reload();
  await expect(page.getByTestId('cue-row')).toHaveCount(8);
  await page.getByTestId('open-setup').click();
  await expect(setup).toContainText('已完成 2/6');
});
