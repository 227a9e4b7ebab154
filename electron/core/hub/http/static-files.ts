import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../../protocol/content-security-policy';
import { requestUrl } from './http-body';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Headers every page response carries: CSP, no sniffing, no referrer (tokens travel in the first URL). */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Serves the built renderer from `root`; unknown paths without an extension get index.html (client routing). */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(requestUrl(req).pathname);
  } catch {
    return false; // malformed percent-encoding: not a file we serve (the caller answers 404)
  }
  let file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  let stat = safeStat(file);
  if (!stat?.isFile()) {
    if (extname(pathname)) return false;
    file = join(root, 'index.html');
    stat = safeStat(file);
    if (!stat?.isFile()) return false;
  }
  const isHtml = file.endsWith('.html');
  const encoded = isHtml ? null : precompressedCopy(file, req.headers['accept-encoding']);
  res.writeHead(200, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': encoded?.size ?? stat.size,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...(encoded ? { 'Content-Encoding': encoded.encoding } : {}),
    ...(isHtml ? {} : { Vary: 'Accept-Encoding' }),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(encoded?.path ?? file).pipe(res);
  return true;
}

/** The copy of `file` compressed at build time (scripts/vite-precompress.ts) to send instead: brotli, else gzip. */
function precompressedCopy(file: string, acceptEncoding: string | undefined): { path: string; size: number; encoding: 'br' | 'gzip' } | null {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accepted.has(encoding)) continue;
    const stat = safeStat(file + suffix);
    if (stat?.isFile()) return { path: file + suffix, size: stat.size, encoding };
  }
  return null;
}

/** The content codings an `Accept-Encoding` header accepts (one with q=0 is refused). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
