import { join } from 'node:path';
import { app, type BrowserWindow, dialog, globalShortcut, Menu, type MenuItemConstructorOptions, type Tray, type WebContents } from 'electron';
import { createLogger } from '../core/hub/logger';
import { generateToken } from '../core/hub/auth/tokens';
import type { Bootstrap } from '../core/protocol/bootstrap';
import { installCrashHandlers } from '../studio/crash-handlers';
import { startStudio, type Studio } from '../studio/studio';
import { obsSettingsFromEnv, portFromEnv } from '../studio/studio-env';
import { registerAppProtocol, registerAppScheme } from './app-protocol';
import { APP_ORIGIN } from './app-url';
import { registerBootstrapIpc, registerCoHostWindowIpc } from './bootstrap-ipc';
import { loadKeychainDataKey } from './keychain-data-key';
import { registerGlobalHotkeys } from './global-hotkeys';
import { HOTKEY_CHANNEL } from '../core/protocol/global-hotkeys';
import { confirmEndShowOnQuit, isShowOnAir } from './quit-guard';
import { createStudioTray } from './tray';
import { denyAllPermissions, installAppSecurity } from './security';
import { utilityChildSpawner } from './utility-children';
import { openAnchorWindow, showCoHostWindow, warmCoHostWindow, type WindowContext } from './windows';

// The bundle lives in dist/main; the preload and the renderer are its siblings (also inside app.asar when packaged).
const PRELOAD = join(__dirname, '..', 'preload', 'preload.cjs');
const RENDERER_DIR = join(__dirname, '..', 'renderer');

const log = createLogger({ fields: { component: 'shell' } });
installCrashHandlers(log, 'shell');
let quitting = false;
/** Set once quitting may end a live show: the anchor said so, or a signal asked (a terminal, a process manager). */
let isQuitConfirmed = false;
let studioStart: Promise<Studio> | null = null;
let shutdown: Promise<void> | null = null;
let anchorWindow: BrowserWindow | null = null;
let coHostWindow: BrowserWindow | null = null;
let coHostBootstrap: Bootstrap | null = null;
/** Kept referenced: a tray icon that is garbage-collected disappears. */
let _tray: Tray | null = null;
/** Bootstrap per web contents id: the IPC answer depends on which window asks. */
const bootstraps = new Map<number, Bootstrap>();

const windowContext: WindowContext = { preload: PRELOAD, isQuitting: () => quitting };

/** Shows the co-host window, kept warm since start-up (the Window menu, its shortcut and the anchor's co-host drawer call this). */
function openCoHostWindow(): BrowserWindow | null {
  if (!coHostBootstrap) return null;
  const before = coHostWindow;
  coHostWindow = showCoHostWindow(coHostWindow, windowContext);
  if (coHostWindow !== before) track(coHostWindow, coHostBootstrap);
  return coHostWindow;
}

/** Remembers which bootstrap a window gets, until it closes. */
function track(window: BrowserWindow, bootstrap: Bootstrap): void {
  const id = window.webContents.id;
  bootstraps.set(id, bootstrap);
  window.once('closed', () => bootstraps.delete(id));
}

async function start(): Promise<void> {
  denyAllPermissions();
  const port = portFromEnv(process.env);
  const obs = obsSettingsFromEnv(process.env);
  const dataDir = join(app.getPath('userData'), 'studio');
  // The co-host window on this machine gets its own token with producer rights, not the anchor's; the studio registers
  // it with every (re)start of the hub.
  const coHostToken = generateToken();
  log.addSecret(coHostToken);
  studioStart = (async () =>
    startStudio({
      dataDir,
      port,
      anchorToken: process.env.ANCHOR_ADMIN_TOKEN?.trim() || undefined,
      allowedOrigins: [APP_ORIGIN],
      extraTokens: [{ token: coHostToken, principal: { id: 'cohost-window', role: 'producer', name: 'Co-host window' } }],
      // Stream keys at rest: a data key sealed by the OS keychain, unsealed here and handed to the hub's process.
      secretKey: (await loadKeychainDataKey(dataDir, log)) ?? undefined,
      // The desktop app runs its own OBS (a copy bundled in resources first); ANCHOR_OBS=off opts out.
      obs: obs && { ...obs, locate: { ...obs.locate, resourcesPath: process.resourcesPath } },
      spawn: utilityChildSpawner({ dir: __dirname, onInvalid: (role, reason) => log.warn('ignored a malformed message', { role, reason }) }),
      log,
    }))();
  const studio = await studioStart;
  log.addSecret(studio.anchorToken);

  registerAppProtocol({ rootDir: RENDERER_DIR, hubOrigin: studio.url });
  coHostBootstrap = { hubUrl: studio.url, token: coHostToken, role: 'producer' };
  registerBootstrapIpc((sender: WebContents) => bootstraps.get(sender.id) ?? null);
  registerCoHostWindowIpc((sender) => anchorWindow !== null && sender.id === anchorWindow.webContents.id, () => void openCoHostWindow());
  Menu.setApplicationMenu(buildMenu());

  anchorWindow = openAnchorWindow(windowContext);
  track(anchorWindow, { hubUrl: studio.url, token: studio.anchorToken, role: 'anchor' });
  // Keys that move the show from any app and from a foot pedal: only the anchor's window hears them.
  const hotkeys = registerGlobalHotkeys(globalShortcut, (action) => anchorWindow?.webContents.send(HOTKEY_CHANNEL, action), log);
  app.once('will-quit', () => hotkeys.dispose());
  // The anchor window is the studio: closing it quits (ending the show), even with the warm co-host window hidden; a
  // live show is ended only once the anchor confirms.
  anchorWindow.on('close', (event) => {
    if (isQuitConfirmed) return;
    event.preventDefault();
    void requestQuit();
  });
  anchorWindow.on('closed', () => {
    anchorWindow = null;
    app.quit();
  });
  coHostWindow = warmCoHostWindow(windowContext);
  track(coHostWindow, coHostBootstrap);
  _tray = createStudioTray({
    iconPath: app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(__dirname, '..', '..', 'resources', 'icon.png'),
    showStudio: () => anchorWindow && showWindow(anchorWindow),
    openCoHostWindow: () => void openCoHostWindow(),
    quit: () => void requestQuit(),
  });
}

/** Brings a window to the front, restoring it if minimized. */
function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Quits from the window, the menu or the tray: while the show is live only after the anchor confirms. */
async function requestQuit(): Promise<void> {
  if (!isQuitConfirmed && studioStart) {
    const studio = await studioStart.catch(() => null);
    if (studio && (await isShowOnAir(studio.url, studio.anchorToken)) && !(await confirmEndShowOnQuit(anchorWindow))) return;
  }
  isQuitConfirmed = true;
  app.quit();
}

/** Closes the studio exactly once (database checkpoint, sockets), whatever asked to quit. */
function closeStudio(): Promise<void> {
  shutdown ??= (async () => {
    if (!studioStart) return;
    try {
      const studio = await studioStart;
      await studio.close();
    } catch (err) {
      log.error('studio shutdown failed', { err });
    }
  })();
  return shutdown;
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [{ role: 'togglefullscreen' }];
  if (!app.isPackaged) view.push({ role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    // Without an Edit menu, copy and paste shortcuts do nothing on macOS.
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Window', submenu: [{ label: 'Open co-host window', accelerator: 'CmdOrCtrl+Shift+K', click: () => void openCoHostWindow() }, { type: 'separator' }, { role: 'minimize' }, { role: 'close' }] },
  ];
  return Menu.buildFromTemplate(template);
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log.error('shell start failed', { err });
  dialog.showErrorBox('Anchor Studio could not start', message);
  void closeStudio().finally(() => app.exit(1));
}

registerAppScheme();
installAppSecurity();
if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the port: hand over to it (it focuses its window) and leave.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('studio.anchor.app');
  app.on('second-instance', () => anchorWindow && showWindow(anchorWindow));
  app.on('before-quit', (event) => {
    if (!isQuitConfirmed) {
      // Cmd+Q, the File menu's Quit, the tray: ask first when the show is live.
      event.preventDefault();
      void requestQuit();
      return;
    }
    quitting = true;
    if (!studioStart) return;
    // Hold the quit until the studio has closed; app.exit then skips before-quit, so this runs once per quit.
    event.preventDefault();
    void closeStudio().finally(() => app.exit(0));
  });
  // Ctrl+C in the terminal that started us, or a process manager: quit through the same graceful path, without asking.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      isQuitConfirmed = true;
      app.quit();
    });
  }
  app.whenReady().then(start).catch(fail);
}
