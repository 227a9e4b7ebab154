import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { BOOTSTRAP_CHANNEL, OPEN_COHOST_CHANNEL, type Bootstrap } from '../core/protocol/bootstrap';
import { isAppUrl } from './app-url';

/** Which bootstrap a given window gets; null for a web contents the shell did not open. */
export type BootstrapLookup = (sender: WebContents) => Bootstrap | null;

/** Thrown to the renderer when a sender is refused; the message names no secret. */
export class BootstrapRefusedError extends Error {
  override readonly name = 'BootstrapRefusedError';
}

/**
 * Answers `bootstrap:get` only for the top frame of a page on `app://anchor` in a window the shell opened. Anything else
 * (a sub-frame, a page that navigated away, an unknown window) is refused, because the answer contains a bearer token.
 */
export function bootstrapFor(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, lookup: BootstrapLookup): Bootstrap {
  const frame = event.senderFrame;
  if (!frame || !isAppUrl(frame.url)) throw new BootstrapRefusedError('Bootstrap refused: the page is not the studio app.');
  if (frame.parent !== null) throw new BootstrapRefusedError('Bootstrap refused: only the top frame may ask.');
  const bootstrap = lookup(event.sender);
  if (!bootstrap) throw new BootstrapRefusedError('Bootstrap refused: unknown window.');
  return bootstrap;
}

/** Registers the `bootstrap:get` handler; returns a function that removes it. */
export function registerBootstrapIpc(lookup: BootstrapLookup): () => void {
  ipcMain.handle(BOOTSTRAP_CHANNEL, (event) => bootstrapFor(event, lookup));
  return () => ipcMain.removeHandler(BOOTSTRAP_CHANNEL);
}

/**
 * Registers `cohost-window:open`: only the top frame of the studio page in the anchor's own window may show the co-host
 * window (a co-host page asking would open windows on the anchor's screen). Returns a function that removes it.
 */
export function registerCoHostWindowIpc(isAnchorWindow: (sender: WebContents) => boolean, open: () => void): () => void {
  ipcMain.handle(OPEN_COHOST_CHANNEL, (event) => {
    const frame = event.senderFrame;
    if (!frame || !isAppUrl(frame.url) || frame.parent !== null || !isAnchorWindow(event.sender)) {
      throw new BootstrapRefusedError('Only the anchor window may open the co-host window.');
    }
    open();
  });
  return () => ipcMain.removeHandler(OPEN_COHOST_CHANNEL);
}
