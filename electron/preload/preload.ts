import { contextBridge, ipcRenderer } from 'electron';
import { BOOTSTRAP_CHANNEL, OPEN_COHOST_CHANNEL, parseBootstrap, type AnchorBridge } from '../core/protocol/bootstrap';
import { HOTKEY_CHANNEL, parseHotkeyAction } from '../core/protocol/global-hotkeys';

// Sandboxed preload: the page sees `window.anchor` only, never ipcRenderer or any Node API. Arguments from the page are
// ignored, so it cannot steer the IPC call.
const bridge: AnchorBridge = {
  async getBootstrap() {
    const answer: unknown = await ipcRenderer.invoke(BOOTSTRAP_CHANNEL);
    const bootstrap = parseBootstrap(answer);
    if (!bootstrap) throw new Error('The studio answered with an invalid bootstrap.');
    return bootstrap;
  },
  async openCoHostWindow() {
    await ipcRenderer.invoke(OPEN_COHOST_CHANNEL);
  },
  onHotkey(listener) {
    // Only the action goes to the page (never the IPC event), and only one this protocol knows.
    const forward = (_event: unknown, value: unknown) => {
      const action = parseHotkeyAction(value);
      if (action) listener(action);
    };
    ipcRenderer.on(HOTKEY_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(HOTKEY_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('anchor', bridge);
