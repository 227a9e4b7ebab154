import type { Page } from '@playwright/test';
import { postCommand } from '../helpers/hub';
import { product, productCue } from '../helpers/rundown';
import { expect, test } from './fixtures';
import type { BuiltStudio } from '../helpers/built-studio';

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

/**
 * The desktop app's preload gives the page `window.anchor` (Electron cannot run here): this stands in for it with the
 * anchor's bootstrap and a hotkey channel the test presses, so the page's side of the global hotkeys runs for real.
 */
async function openAsDesktopAnchor(page: Page, studio: BuiltStudio) {
  await page.addInitScript(
    ({ hubUrl, token }) => {
      const listeners = new Set<(action: string) => void>();
      (window as unknown as { pressHotkey: (a: string) => void }).pressHotkey = (action) => listeners.forEach((l) => l(action));
      (window as unknown as { anchor: unknown }).anchor = {
        getBootstrap: async () => ({ hubUrl, token, role: 'anchor' }),
        openCoHostWindow: async () => undefined,
        onHotkey(listener: (action: string) => void) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
    },
    { hubUrl: studio.url, token: studio.anchorToken },
  );
  await page.goto(studio.url);
  await page.getByTestId('language-select').selectOption('en');
}

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
