import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl, vetExternalUrl } from './app-url';

/**
 * The web preferences of every studio window. Frozen and applied last, so no caller can weaken them: pages talk to the
 * hub over socket.io like any browser, and the preload exposes bootstrap data only.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} satisfies WebPreferences);

/** Options of a studio window: anything a BrowserWindow takes except web preferences, plus the preload bundle. */
export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preload: string;
};

/** Creates a studio window with the secure preferences and navigation, pop-up and webview guards attached. */
export function createSecureWindow(options: SecureWindowOptions): BrowserWindow {
  const { preload, ...windowOptions } = options;
  // Strip webPreferences even if a caller smuggled it past the type (a cast, a spread of foreign options).
  const { webPreferences: _ignored, ...rest } = windowOptions as BrowserWindowConstructorOptions;
  const window = new BrowserWindow({
    ...rest,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload },
  });
  hardenWebContents(window.webContents);
  return window;
}

/** Minimal shape of a navigation event: Electron's new-style event carries the target URL. */
interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}

/**
 * Keeps a page on the app origin: navigations and redirects elsewhere are cancelled, `window.open` is denied (a vetted
 * https link goes to the system browser instead), and `<webview>` can never attach. Safe to call twice on one contents.
 */
export function hardenWebContents(contents: WebContents): void {
  const marked = contents as WebContents & { anchorHardened?: boolean };
  if (marked.anchorHardened) return;
  marked.anchorHardened = true;

  const guard = (event: NavigationEvent, legacyUrl?: unknown) => {
    const target = event.url ?? (typeof legacyUrl === 'string' ? legacyUrl : undefined);
    if (!isAppUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // Sub-frame navigations do not emit will-navigate; CSP already blocks frames, this is the second lock.
  contents.on('will-frame-navigate', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = vetExternalUrl(url);
    if (external) void shell.openExternal(external).catch(() => undefined);
    return { action: 'deny' };
  });
}
