import { contextBridge, ipcRenderer } from 'electron';
import { BOOTSTRAP_CHANNEL, OPEN_COHOST_CHANNEL, parseBootstrap, type AnchorBridge } from '../core/protocol/bootstrap';

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
};

contextBridge.exposeInMainWorld('anchor', bridge);
