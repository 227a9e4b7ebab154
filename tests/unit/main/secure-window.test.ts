import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A fake `electron`: the real binary cannot run here, and these tests are about what the shell asks Electron to do.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;

  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }

  let nextId = 1;
  class FakeWebContents extends Emitter {
    readonly id = nextId++;
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    constructor(private readonly type = 'window') {
      super();
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    getType() {
      return this.type;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly hide = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
  }

  const ipcHandlers = new Map<string, Listener>();
  const exposed = new Map<string, unknown>();
  return {
    Emitter,
    FakeWebContents,
    FakeBrowserWindow,
    ipcHandlers,
    exposed,
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    app: new (class extends Emitter {
      readonly enableSandbox = vi.fn();
    })(),
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
      on: vi.fn((_channel: string, _listener: Listener) => undefined),
      removeListener: vi.fn((_channel: string, _listener: Listener) => undefined),
    },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeBrowserWindow,
  shell: fake.shell,
  app: fake.app,
  session: { defaultSession: {} },
  protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => fake.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: fake.ipcRenderer,
}));

import type { WebContents } from 'electron';
import { BOOTSTRAP_CHANNEL, OPEN_COHOST_CHANNEL, parseBootstrap, type Bootstrap } from '../../../electron/core/protocol/bootstrap';
import { HOTKEY_CHANNEL } from '../../../electron/core/protocol/global-hotkeys';
import { contentSecurityPolicy } from '../../../electron/core/protocol/content-security-policy';
import { createAppRequestHandler } from '../../../electron/main/app-protocol';
import { BootstrapRefusedError, registerBootstrapIpc, registerCoHostWindowIpc } from '../../../electron/main/bootstrap-ipc';
import { createSecureWindow, SECURE_WEB_PREFERENCES } from '../../../electron/main/secure-window';
import { denyAllPermissions, installAppSecurity } from '../../../electron/main/security';
import { openAnchorWindow, warmCoHostWindow, type WindowContext } from '../../../electron/main/windows';

type FakeWindow = InstanceType<typeof fake.FakeBrowserWindow>;
type FakeContents = InstanceType<typeof fake.FakeWebContents>;

const PRELOAD = '/app/dist/preload/preload.cjs';
const TOKEN = 'a'.repeat(43);
let quitting = false;
const context: WindowContext = { preload: PRELOAD, isQuitting: () => quitting };

/** The exact preferences a studio window must get, spelled out so weakening the shared constant fails the test. */
const EXPECTED_PREFS = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
  preload: PRELOAD,
};

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => {
  fake.FakeBrowserWindow.created = [];
  fake.shell.openExternal.mockClear();
  fake.ipcHandlers.clear();
  quitting = false;
});

describe('createSecureWindow and the windows built on it', () => {
  it('gives the anchor window and the co-host window the secure web preferences', () => {
    const anchor = openAnchorWindow(context) as unknown as FakeWindow;
    const coHost = warmCoHostWindow(context) as unknown as FakeWindow;
    expect(fake.FakeBrowserWindow.created).toEqual([anchor, coHost]);
    for (const window of [anchor, coHost]) {
      expect(window.options.webPreferences).toMatchObject(EXPECTED_PREFS);
      expect(window.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: PRELOAD });
      expect(window.loadURL.mock.calls[0]?.[0]).toMatch(/^app:\/\/anchor\/index\.html/);
    }
    expect(coHost.options.show).toBe(false);
  });

  it('ignores web preferences smuggled in by a caller', () => {
    const window = createSecureWindow({
      preload: PRELOAD,
      webPreferences: { nodeIntegration: true, sandbox: false, contextIsolation: false },
    } as never) as unknown as FakeWindow;
    expect(window.options.webPreferences).toMatchObject(EXPECTED_PREFS);
  });

  it('keeps the co-host window warm: closing hides it until the app quits', () => {
    const coHost = warmCoHostWindow(context) as unknown as FakeWindow;
    const close = { preventDefault: vi.fn() };
    coHost.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(coHost.hide).toHaveBeenCalled();

    quitting = true;
    const finalClose = { preventDefault: vi.fn() };
    coHost.emit('close', finalClose);
    expect(finalClose.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s away from app://anchor is prevented', (event) => {
    const window = createSecureWindow({ preload: PRELOAD }) as unknown as FakeWindow;
    for (const url of ['https://evil.example/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'app://anchor.evil.example/']) {
      const nav = navigation(url);
      window.webContents.emit(event, nav, url);
      expect(nav.preventDefault, url).toHaveBeenCalled();
    }
    const inside = navigation('app://anchor/index.html#/cues');
    window.webContents.emit(event, inside, inside.url);
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open and sends only vetted https links to the system browser', () => {
    const window = createSecureWindow({ preload: PRELOAD }) as unknown as FakeWindow;
    const open = window.webContents.windowOpenHandler;
    expect(open).toBeTypeOf('function');
    for (const url of ['https://example.com/help', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/', 'app://anchor/index.html']) {
      expect(open!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });

  it('prevents <webview> from attaching', () => {
    const window = createSecureWindow({ preload: PRELOAD }) as unknown as FakeWindow;
    const attach = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', attach, {}, { src: 'https://evil.example/' });
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('app-wide security', () => {
  it('sandboxes every renderer and hardens web contents Electron creates on its own', () => {
    installAppSecurity();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    const contents = new fake.FakeWebContents('window');
    fake.app.emit('web-contents-created', {}, contents);
    const nav = navigation('https://evil.example/');
    contents.emit('will-navigate', nav, nav.url);
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
    let check: ((contents: unknown, permission: string) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission)).toBe(false);
    }
  });
});

describe('bootstrap IPC', () => {
  const bootstrap: Bootstrap = { hubUrl: 'http://127.0.0.1:5173', token: TOKEN, role: 'anchor' };

  function setup() {
    const anchor = openAnchorWindow(context) as unknown as FakeWindow;
    registerBootstrapIpc((sender: WebContents) => ((sender as unknown as FakeContents) === anchor.webContents ? bootstrap : null));
    const handler = fake.ipcHandlers.get(BOOTSTRAP_CHANNEL);
    expect(handler).toBeTypeOf('function');
    const ask = (sender: FakeContents, frame: { url: string; parent: unknown } | null) => () => handler!({ sender, senderFrame: frame });
    return { anchor, ask };
  }

  it('answers the top frame of app://anchor in a known window', () => {
    const { anchor, ask } = setup();
    expect(ask(anchor.webContents, { url: 'app://anchor/index.html', parent: null })()).toEqual(bootstrap);
  });

  it('refuses a sender from another origin, a sub-frame, a missing frame and an unknown window', () => {
    const { anchor, ask } = setup();
    const refused = [
      ask(anchor.webContents, { url: 'https://evil.example/', parent: null }),
      ask(anchor.webContents, { url: 'app://anchor.evil.example/index.html', parent: null }),
      ask(anchor.webContents, { url: 'file:///app/dist/renderer/index.html', parent: null }),
      ask(anchor.webContents, { url: 'app://anchor/index.html', parent: {} }),
      ask(anchor.webContents, null),
      ask(new fake.FakeWebContents(), { url: 'app://anchor/index.html', parent: null }),
    ];
    for (const attempt of refused) expect(attempt).toThrow(BootstrapRefusedError);
  });
});

describe('co-host window IPC', () => {
  it('opens the co-host window for the top frame of the anchor window only', async () => {
    const anchor = openAnchorWindow(context) as unknown as FakeWindow;
    const other = new fake.FakeWebContents();
    const open = vi.fn();
    registerCoHostWindowIpc((sender: WebContents) => (sender as unknown as FakeContents) === anchor.webContents, open);
    const handler = fake.ipcHandlers.get(OPEN_COHOST_CHANNEL)!;
    const ask = (sender: FakeContents, frame: { url: string; parent: unknown } | null) => () => handler({ sender, senderFrame: frame });
    for (const refused of [
      ask(other, { url: 'app://anchor/index.html', parent: null }),
      ask(anchor.webContents, { url: 'https://evil.example/', parent: null }),
      ask(anchor.webContents, { url: 'app://anchor/index.html', parent: {} }),
      ask(anchor.webContents, null),
    ]) {
      expect(refused).toThrow(BootstrapRefusedError);
    }
    expect(open).not.toHaveBeenCalled();
    ask(anchor.webContents, { url: 'app://anchor/index.html', parent: null })();
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('preload bridge', () => {
  it('exposes getBootstrap, openCoHostWindow and onHotkey only, invokes their channels without page arguments, and validates the answer', async () => {
    await import('../../../electron/preload/preload');
    const bridge = fake.exposed.get('anchor') as {
      getBootstrap: (...args: unknown[]) => Promise<Bootstrap>;
      openCoHostWindow: (...args: unknown[]) => Promise<void>;
      onHotkey: (listener: (action: string) => void) => () => void;
    };
    expect(Object.keys(bridge)).toEqual(['getBootstrap', 'openCoHostWindow', 'onHotkey']);

    // Hotkeys: the page gets the action alone (never the IPC event), and only an action the protocol knows.
    const heard: unknown[] = [];
    const off = bridge.onHotkey((...args) => heard.push(args));
    const [channel, forward] = fake.ipcRenderer.on.mock.calls.at(-1)!;
    expect(channel).toBe(HOTKEY_CHANNEL);
    forward({ sender: 'ipc event' }, 'cue.next');
    forward({ sender: 'ipc event' }, 'rm -rf');
    forward({ sender: 'ipc event' }, { action: 'cue.next' });
    expect(heard).toEqual([['cue.next']]);
    off();
    expect(fake.ipcRenderer.removeListener).toHaveBeenLastCalledWith(HOTKEY_CHANNEL, forward);
    await bridge.openCoHostWindow('steer');
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_COHOST_CHANNEL);

    fake.ipcRenderer.invoke.mockResolvedValueOnce({ hubUrl: 'http://127.0.0.1:5173', token: TOKEN, role: 'anchor', extra: 1 });
    await expect(bridge.getBootstrap('steer', 'me')).resolves.toEqual({ hubUrl: 'http://127.0.0.1:5173', token: TOKEN, role: 'anchor' });
    expect(fake.ipcRenderer.invoke).toHaveBeenLastCalledWith(BOOTSTRAP_CHANNEL);

    fake.ipcRenderer.invoke.mockResolvedValueOnce({ hubUrl: 'javascript:alert(1)', token: TOKEN, role: 'anchor' });
    await expect(bridge.getBootstrap()).rejects.toThrow(/invalid bootstrap/);
  });
});

describe('parseBootstrap', () => {
  const valid = { hubUrl: 'http://127.0.0.1:5173', token: TOKEN, role: 'producer' };

  it('accepts a well-formed bootstrap and keeps only the known fields', () => {
    expect(parseBootstrap({ ...valid, extra: 'x' })).toEqual(valid);
    expect(parseBootstrap({ ...valid, hubUrl: 'https://studio.lan:8443/' })).toEqual({ ...valid, hubUrl: 'https://studio.lan:8443' });
  });

  it.each([
    ['null', null],
    ['a string', 'http://127.0.0.1:5173'],
    ['an array', [valid]],
    ['no token', { hubUrl: valid.hubUrl, role: 'anchor' }],
    ['a short token', { ...valid, token: 'abc' }],
    ['a token with spaces', { ...valid, token: `${TOKEN} x` }],
    ['an unknown role', { ...valid, role: 'admin' }],
    ['a javascript: hub', { ...valid, hubUrl: 'javascript:alert(1)' }],
    ['a file: hub', { ...valid, hubUrl: 'file:///etc/passwd' }],
    ['credentials in the hub URL', { ...valid, hubUrl: 'http://u:p@127.0.0.1:5173' }],
    ['a hub URL that is not a URL', { ...valid, hubUrl: 'localhost' }],
  ])('rejects %s', (_label, value) => {
    expect(parseBootstrap(value)).toBeNull();
  });
});

describe('app:// request handler', () => {
  const site = mkdtempSync(join(tmpdir(), 'anchor-app-protocol-'));
  const root = join(site, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(site, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(site, 'secret.txt'), join(root, 'link.txt'));
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  const hubOrigin = 'http://127.0.0.1:5173';
  const handle = createAppRequestHandler({ rootDir: root, hubOrigin });
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves files with the CSP for the hub origin and nosniff', async () => {
    const res = await get('app://anchor/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy(hubOrigin));
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${hubOrigin} ws://127.0.0.1:5173`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await get('app://anchor/cues/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>studio</title>');
    expect(route.headers.get('content-security-policy')).toBe(contentSecurityPolicy(hubOrigin));
    expect((await get('app://anchor/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://anchor/..%2fsecret.txt', 'app://anchor/%2e%2e%2fsecret.txt', 'app://anchor/assets/..%2f..%2fsecret.txt', 'app://anchor/link.txt']) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('outside the renderer');
    }
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://anchor/index.html', 'POST')).status).toBe(405);
  });
});

describe('static guard: every window goes through createSecureWindow', () => {
  const mainDir = join(__dirname, '..', '..', '..', 'electron', 'main');
  const sources = readdirSync(mainDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file: relative(mainDir, join(mainDir, file)).split(sep).join('/'), text: readFileSync(join(mainDir, file), 'utf8') }));

  it('constructs BrowserWindow only in secure-window.ts', () => {
    const constructing = sources.filter(({ text }) => /new\s+BrowserWindow\s*\(/.test(text)).map(({ file }) => file);
    expect(constructing).toEqual(['secure-window.ts']);
  });

  it('creates no other kind of web contents and never sets web preferences elsewhere', () => {
    for (const { file, text } of sources) {
      expect(/new\s+(BrowserView|WebContentsView)\s*\(/.test(text), file).toBe(false);
      if (file !== 'secure-window.ts') expect(/webPreferences\s*:/.test(text), file).toBe(false);
    }
  });
});
