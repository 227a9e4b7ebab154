import type { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './app-url';
import { createSecureWindow } from './secure-window';

/** Everything a studio window needs from the shell. */
export interface WindowContext {
  /** Absolute path of the bundled preload. */
  preload: string;
  /** True once the app is quitting, so warm windows may really close. */
  isQuitting(): boolean;
}

/** Dark background painted before the first frame, so a window never flashes white during a show. */
const BACKGROUND = '#101216';

/** Opens the anchor's main window on the app origin; shown once the first paint is ready. */
export function openAnchorWindow(context: WindowContext): BrowserWindow {
  const window = createSecureWindow({
    preload: context.preload,
    title: 'Anchor Studio',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: BACKGROUND,
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}

/**
 * Creates the co-host window hidden and loaded, so showing it is instant (windows start slowly). Closing it only hides
 * it until the app quits.
 */
export function warmCoHostWindow(context: WindowContext): BrowserWindow {
  const window = createSecureWindow({
    preload: context.preload,
    title: 'Anchor Studio: co-host',
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: BACKGROUND,
  });
  window.on('close', (event) => {
    if (context.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(`${APP_INDEX_URL}?window=cohost`);
  return window;
}

/** Shows the warm co-host window (creating a fresh one if it was destroyed); returns the window shown. */
export function showCoHostWindow(current: BrowserWindow | null, context: WindowContext): BrowserWindow {
  const window = current && !current.isDestroyed() ? current : warmCoHostWindow(context);
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}
