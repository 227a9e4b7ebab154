import { parseBootstrap, type Bootstrap } from '@shared/core/protocol/bootstrap';

const TOKEN_KEY = 'anchor-studio.token';

/** The preload's bridge, present only inside the desktop app. */
interface AnchorBridge {
  getBootstrap(): Promise<unknown>;
}

/**
 * Finds how to reach the hub: the desktop app's preload, else the page URL `?token=` (browser, LAN co-host).
 * The token is moved from the URL into sessionStorage so it leaves the address bar, history and screenshots.
 */
export async function resolveBootstrap(win: Window = window): Promise<Bootstrap | null> {
  const bridge = (win as unknown as { anchor?: AnchorBridge }).anchor;
  if (bridge && typeof bridge.getBootstrap === 'function') return parseBootstrap(await bridge.getBootstrap());

  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? win.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  // Role is whatever the hub says in its hello; 'viewer' is only the safe guess until then.
  return parseBootstrap({ hubUrl: win.location.origin, token, role: 'viewer' });
}
