import { openAsDesktopAnchor } from '../helpers/desktop-bridge';
import { expect, test } from './fixtures';

test('the desktop app opens the setup checklist on a new studio; the sample show ticks a step; closed, it stays closed and the top bar reopens it', async ({ page, studio }) => {
  await openAsDesktopAnchor(page, studio, 'zh-CN');
  const setup = page.getByTestId('setup');
  await expect(setup).toContainText('从新工作室到第一次彩排');
  // No OBS in this studio: the step says how to get it; nothing to sell yet.
  await expect(page.getByTestId('setup-obs')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('setup-obs')).toContainText('OBS Studio 29');
  await expect(page.getByTestId('setup-catalog')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('setup-progress')).toContainText('已完成 0/5');
  await page.getByTestId('setup-sample').click();
  await expect(page.getByTestId('setup-catalog')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('setup-progress')).toContainText('已完成 1/5');
  await page.getByTestId('setup-close').click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('cue-row')).toHaveCount(8);
  // Closed once: a reload of an (even emptied) studio does not open it again; the top bar does.
  await page.reload();
  await expect(page.getByTestId('cue-row')).toHaveCount(8);
  await page.getByTestId('open-setup').click();
  await expect(setup).toContainText('已完成 1/5');
});
