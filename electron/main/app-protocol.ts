import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../core/protocol/content-security-policy';
import { APP_HOST, APP_SCHEME } from './app-url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Declares `app://` as a standard, secure scheme. Must run before `ready` (Electron rejects it later). Standard gives
 * the pages a real origin (localStorage, relative URLs, ES modules); secure makes them a secure context. `corsEnabled`
 * stays off: our module scripts are same-origin, which a standard scheme allows without it, and leaving it off keeps
 * other origins from reading app:// responses (https://github.com/electron/electron/pull/51152).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Where the pages come from and which hub they may talk to. */
export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  rootDir: string;
  /** Hub origin added to the CSP connect-src, e.g. `http://127.0.0.1:5173`. */
  hubOrigin: string;
}

/** Serves `app://anchor/...` from the built renderer with the studio CSP. Call after `ready`. */
export function registerAppProtocol(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(options));
}

/**
 * The request handler behind `app://`, free of Electron so it can be tested with plain `Request`s. Paths resolve inside
 * `rootDir` only (after decoding and after following symlinks); unknown extension-less paths get index.html so client
 * routes survive a reload; a missing asset stays a 404 rather than HTML that would be parsed as a script.
 */
export function createAppRequestHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = resolve(options.rootDir);
  const baseHeaders = {
    'Content-Security-Policy': contentSecurityPolicy(options.hubOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const fail = (status: number) =>
    new Response(null, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return fail(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return fail(404);
    // A NUL or backslash never appears in our asset names; both are classic traversal tricks on some platforms.
    if (pathname.includes('\0') || pathname.includes('\\')) return fail(400);

    let file = await insideRoot(root, pathname);
    if (!file) {
      if (extname(pathname)) return fail(404);
      file = await insideRoot(root, '/index.html');
      if (!file) return fail(404);
    }
    const isHtml = file.endsWith('.html');
    const headers = {
      ...baseHeaders,
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Vite fingerprints assets; the HTML must always be fresh so a new build is picked up.
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(await readFile(file), { status: 200, headers });
  };
}

/** The real path of a regular file under `root` named by `pathname`, or null when missing or outside root. */
async function insideRoot(root: string, pathname: string): Promise<string | null> {
  const candidate = join(root, pathname);
  if (!isWithin(root, candidate)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    // A symlink inside dist/renderer must not lead out of it.
    if (!isWithin(realRoot, realFile)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

function isWithin(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
