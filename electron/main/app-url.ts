/** The privileged scheme that serves the studio's own pages (never `file://`, which would grant the whole disk). */
export const APP_SCHEME = 'app';

/** The single host of the app scheme; one host means one origin for every window. */
export const APP_HOST = 'anchor';

/** Origin of every studio page in Electron; the hub allows socket.io connections from it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Entry page of the renderer. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `raw` is a page of our app origin. Compares scheme and host explicitly: for non-special schemes the WHATWG
 * `URL.origin` is the opaque string "null", so comparing origins would accept every custom scheme alike.
 */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
}

/** The URL as a vetted https link for the system browser, or null (http, file, custom schemes, credentials). */
export function vetExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return null;
  return url.href;
}
