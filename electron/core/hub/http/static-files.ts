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
  res.writeHead(200, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
