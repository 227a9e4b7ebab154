import type { Page } from '@playwright/test';
import type { BuiltStudio } from './built-studio';

/**
 * The desktop app's preload gives the page `window.anchor` (Electron cannot run here): this stands in for it with the
 * anchor's bootstrap and a hotkey channel the test presses, so the page's side of the global hotkeys runs for real.
 */
export async function openAsDesktopAnchor(page: Page, studio: BuiltStudio, language: 'en' | 'zh-CN' = 'en') {
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
  await page.getByTestId('language-select').selectOption(language);
}
