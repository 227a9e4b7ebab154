import { isRole, type Role } from '../domain/roles';
import type { HotkeyAction } from './global-hotkeys';

/** What a studio page needs to join the hub: where it is, who it is, and with which rights. */
export interface Bootstrap {
  /** Base URL of the hub, e.g. `http://127.0.0.1:5173` (http or https only). */
  hubUrl: string;
  /** Bearer token of this page. Never log it. */
  token: string;
  role: Role;
}

/** The IPC channel the preload invokes to get this window's bootstrap. */
export const BOOTSTRAP_CHANNEL = 'bootstrap:get';

/** The IPC channel the anchor window invokes to show the warm co-host window (second monitor). */
export const OPEN_COHOST_CHANNEL = 'cohost-window:open';

/** What the preload exposes as `window.anchor` in Electron windows (absent in a plain browser). */
export interface AnchorBridge {
  /** Resolves this window's bootstrap; rejects when the main process refuses or answers nonsense. */
  getBootstrap(): Promise<Bootstrap>;
  /** Shows the co-host window on this computer (anchor window only; the main process refuses any other sender). */
  openCoHostWindow(): Promise<void>;
  /** Calls `listener` on every global hotkey (anchor window only: others never get one); returns the unsubscribe. */
  onHotkey?(listener: (action: HotkeyAction) => void): () => void;
}

declare global {
  interface Window {
    /** Present only in Electron windows; a browser page reads `?token=` instead. */
    anchor?: AnchorBridge;
  }
}

/** Tokens are base64url today; the bound keeps a hostile or broken sender from pushing megabytes through. */
const TOKEN_SHAPE = /^[A-Za-z0-9_\-.~+/=]{16,256}$/;

/**
 * Validates an untrusted bootstrap (IPC answer, query string, JSON) and returns a fresh object holding only the known
 * fields, or null. Pure: used by the preload before forwarding and by the renderer before connecting.
 */
export function parseBootstrap(value: unknown): Bootstrap | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { hubUrl, token, role } = value as Record<string, unknown>;
  if (typeof hubUrl !== 'string' || typeof token !== 'string' || !isRole(role)) return null;
  if (!TOKEN_SHAPE.test(token)) return null;
  const origin = hubOrigin(hubUrl);
  if (!origin) return null;
  return { hubUrl: origin, token, role };
}

/** The origin of an http(s) hub URL without credentials, path or query; null for anything else. */
function hubOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials in the URL would leak to every request; a path would be ignored by socket.io anyway.
  if (url.username || url.password || !url.hostname) return null;
  return url.origin;
}
