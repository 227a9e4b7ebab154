/** Where a show can be sent: platform presets, server URL and stream key rules. Pure: shared by hub, engine and UI. */

/** Platforms with a preset; `custom` is any RTMP/RTMPS server. */
export const PLATFORM_IDS = ['channels', 'kuaishou', 'taobao', 'bilibili', 'youtube', 'twitch', 'tiktok', 'custom'] as const;

/** A platform preset id. */
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** Picture shape a platform is watched in most. */
export type CanvasOrientation = 'vertical' | 'horizontal';

/** What the studio knows about a platform before the anchor types anything. */
export interface PlatformPreset {
  id: PlatformId;
  /** English name (the UI translates `output.platform.<id>`). */
  name: string;
  /** The platform's public ingest server, or null where each live room gets its own push address. */
  server: string | null;
  /** The shape the platform is watched in most: vertical for the mobile-first ones. */
  canvas: CanvasOrientation | null;
}

/**
 * Presets. Servers are the public ingest addresses the platforms document (also in OBS's rtmp-services list);
 * 视频号, Kuaishou, Taobao and TikTok hand out a push address per live room / account, so the anchor pastes it.
 */
export const PLATFORM_PRESETS: Readonly<Record<PlatformId, PlatformPreset>> = {
  channels: { id: 'channels', name: 'WeChat Channels (视频号)', server: null, canvas: 'vertical' },
  kuaishou: { id: 'kuaishou', name: 'Kuaishou', server: null, canvas: 'vertical' },
  taobao: { id: 'taobao', name: 'Taobao Live', server: null, canvas: 'vertical' },
  bilibili: { id: 'bilibili', name: 'Bilibili', server: 'rtmp://live-push.bilivideo.com/live-bvc', canvas: 'horizontal' },
  youtube: { id: 'youtube', name: 'YouTube', server: 'rtmp://a.rtmp.youtube.com/live2', canvas: 'horizontal' },
  twitch: { id: 'twitch', name: 'Twitch', server: 'rtmp://live.twitch.tv/app', canvas: 'horizontal' },
  tiktok: { id: 'tiktok', name: 'TikTok LIVE', server: null, canvas: 'vertical' },
  custom: { id: 'custom', name: 'Custom RTMP/RTMPS', server: null, canvas: null },
};

/** Most destinations one studio keeps. */
export const MAX_DESTINATIONS = 20;
/** Longest destination name. */
export const MAX_DESTINATION_NAME = 60;
/** Longest server URL. */
export const MAX_SERVER_URL = 1024;
/** Longest stream key. */
export const MAX_STREAM_KEY = 512;

/** A destination as every UI and API sees it: never its key, only whether one is stored. */
export interface DestinationView {
  id: string;
  name: string;
  platform: PlatformId;
  server: string;
  /** True when a key is stored (encrypted); the key itself never leaves the hub except towards the engine. */
  hasKey: boolean;
  isEnabled: boolean;
  /**
   * The picture shape this destination gets (the platform preset's unless the anchor chose; null: whatever the studio's
   * canvas is). A shape other than the studio's is derived from it while live (dual output, see dual-output.ts).
   */
  canvas: CanvasOrientation | null;
  createdAt: number;
}

/** A parsed RTMP(S) server address. */
export interface ServerAddress {
  scheme: 'rtmp' | 'rtmps';
  host: string;
  port: number;
  /** Application path without the leading slash, e.g. `live2`. */
  path: string;
  /** The URL as stored: trimmed, scheme lower-cased, no trailing slash. */
  normalized: string;
}

/** Outcome of checking a server URL: the parsed address or a sentence saying what to fix (never echoing the URL). */
export type ServerCheck = { ok: true; address: ServerAddress } | { ok: false; message: string };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV6 = /^\[[0-9a-f:.]+\]$/i;

/**
 * Checks a server URL as typed: rtmp:// or rtmps://, a host, an application path, no credentials or query (that is
 * where keys hide). Messages never repeat the URL: it may carry a secret.
 */
export function checkServerUrl(input: string): ServerCheck {
  const text = input.trim();
  if (text === '') return fail('Enter the server URL (it starts with rtmp:// or rtmps://).');
  if (text.length > MAX_SERVER_URL) return fail(`The server URL is longer than ${MAX_SERVER_URL} characters. Paste only the server part.`);
  // Control characters and spaces break the address and often come from copying a whole paragraph.
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail('The server URL contains spaces or invisible characters. Paste it again without them.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return fail('The server URL must start with rtmp:// or rtmps://.');
  const schemeName = scheme[1]!.toLowerCase();
  if (schemeName !== 'rtmp' && schemeName !== 'rtmps') {
    return fail(`The server URL must start with rtmp:// or rtmps:// (${schemeName}:// is not supported).`);
  }
  const rest = text.slice(scheme[0].length);
  if (/[?#]/.test(rest)) {
    return fail('The server URL has a "?" part: that is usually the stream key or its signature. Put everything after the last "/" into the stream key field.');
  }
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/\/+$/, '');
  if (authority.includes('@')) return fail('The server URL contains a user name or password ("…@"). Remove it; put secrets only in the stream key field.');
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(authority);
  if (!hostPort || hostPort[1] === '') return fail('The server URL has no host name after rtmp://.');
  const host = hostPort[1]!;
  if (!HOST_NAME.test(host) && !IPV6.test(host)) return fail('The host name in the server URL is not valid. Check for typos.');
  const port = hostPort[2] === undefined ? (schemeName === 'rtmps' ? 443 : 1935) : Number(hostPort[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return fail('The port in the server URL must be between 1 and 65535.');
  if (path === '') return fail('The server URL needs the application path after the host, e.g. rtmp://host/live.');
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return fail('The path of the server URL has empty or "." parts. Check for a double "//".');
  }
  const normalized = `${schemeName}://${authority.toLowerCase()}/${path}`;
  return { ok: true, address: { scheme: schemeName, host: host.toLowerCase().replace(/^\[|\]$/g, ''), port, path, normalized } };
}

/** Checks a stream key as typed; null when it is acceptable. Never repeats the key. */
export function streamKeyProblem(key: string): string | null {
  if (key === '') return 'Enter the stream key (the platform shows it next to the server URL).';
  if (key.length > MAX_STREAM_KEY) return `The stream key is longer than ${MAX_STREAM_KEY} characters. Paste only the key.`;
  if (/^rtmps?:\/\//i.test(key)) return 'This looks like a whole push address. Put the server part in the server URL and only the rest in the stream key.';
  if (/[\s\u0000-\u001f\u007f]/.test(key)) return 'The stream key contains spaces or invisible characters. Copy it again.';
  return null;
}

/** Why a server URL and key cannot be used together (the key pasted into the server too), or null. */
export function serverKeyConflict(server: string, key: string): string | null {
  // Short keys would match ordinary path words; real keys are long.
  if (key.length >= 6 && server.includes(key)) {
    return 'The server URL contains the stream key. Remove the key from the server URL: it belongs only in the stream key field.';
  }
  return null;
}

/** The full push address ffmpeg or OBS connects to. A secret: never log or send it to a UI. */
export function pushUrl(server: string, key: string): string {
  return `${server.replace(/\/+$/, '')}/${key}`;
}

/** True when the id names a platform preset. */
export function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === 'string' && (PLATFORM_IDS as readonly string[]).includes(value);
}

function fail(message: string): ServerCheck {
  return { ok: false, message };
}
