import { postCommand } from '../helpers/hub';
import { product, productCue } from '../helpers/rundown';
import { expect, test } from './fixtures';
import type { BuiltStudio } from '../helpers/built-studio';
import { openAsDesktopAnchor } from '../helpers/desktop-bridge';

async function seed(studio: BuiltStudio) {
  const ok = async (name: string, payload: object) => expect((await postCommand(studio.url, studio.anchorToken, name, payload)).body, name).toMatchObject({ ok: true });
  await ok('catalog.upsert', { products: [product('TEA', { title: { zh: '柴烧茶壶', en: 'Wood-fired teapot' } }), product('CUP', { title: { zh: '建盏茶杯', en: 'Jian tea cup' } })] });
  await ok('cue.add', { cue: productCue('c1', 'TEA') });
  await ok('cue.add', { cue: productCue('c2', 'CUP') });
}

test('"?" opens the key map in the window\'s language; a browser window says global keys are the desktop app\'s; typing "?" in a field does not', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await page.getByTestId('show-title').press('?');
  await expect(page.getByTestId('show-title')).toHaveValue('?');
  // "?" toggles the map: had the field's "?" opened it, this one would close it (keys are handled in order).
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('?');
  const map = page.getByTestId('key-map');
  await expect(map).toContainText('键盘与脚踏板');
  await expect(map).toContainText('下一张卡片');
  await expect(page.getByTestId('key-map-global-off')).toContainText('桌面应用');
  await page.keyboard.press('Escape');
  await expect(map).toHaveCount(0);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-keys').click();
  await expect(map).toContainText('Keyboard and foot pedal');
  await page.getByTestId('key-map-close').click();
  await expect(map).toHaveCount(0);
});

test('global hotkeys move the show from any app, even with the focus in a text field; the key map lists them', async ({ page, studio }) => {
  await seed(studio);
  await openAsDesktopAnchor(page, studio);
  await expect(page.getByTestId('cue-row')).toHaveCount(2);
  // Typing in a field: the window's own keys stay out of the way, the global ones still act.
  await page.getByTestId('show-title').click();
  const press = (action: string) => page.evaluate((a) => (window as unknown as { pressHotkey: (a: string) => void }).pressHotkey(a), action);
  await press('cue.next');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
  await press('cue.next');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Jian tea cup');
  await press('cue.previous');
  await expect(page.getByTestId('live-cue-title')).toHaveText('Wood-fired teapot');
  await expect(page.getByTestId('card-toggle')).toBeChecked();
  await press('card.toggle');
  await expect(page.getByTestId('card-toggle')).not.toBeChecked();
  expect((await studio.state()).rundown.isOverlayVisible).toBe(false);
  await page.getByTestId('open-keys').click();
  await expect(page.getByTestId('key-map-global')).toContainText('Ctrl+Alt+→');
  await expect(page.getByTestId('key-map-global')).toContainText('F13');
});
