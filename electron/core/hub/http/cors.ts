import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which page origins a route answers across origins, and what they may send. */
export interface CorsRule {
  /** The allowed origins, or `*` for a route whose credential is in its link (a bridge's secret). */
  origins: readonly string[] | '*';
  methods: string;
  headers: string;
  /** Response headers the page may read (e.g. Content-Disposition for downloads). */
  expose?: string;
}

/**
 * Lets an allowed page origin call a route (the desktop app's `app://anchor` is another origin than the hub): names the
 * origin in the answer and answers the browser's preflight. Returns true when it answered the request (a preflight).
 */
export function answerCors(req: IncomingMessage, res: ServerResponse, rule: CorsRule): boolean {
  const origin = req.headers.origin;
  if (rule.origins === '*') res.setHeader('Access-Control-Allow-Origin', '*');
  else if (origin && rule.origins.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  } else return false;
  if (rule.expose) res.setHeader('Access-Control-Expose-Headers', rule.expose);
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { 'Access-Control-Allow-Methods': rule.methods, 'Access-Control-Allow-Headers': rule.headers, 'Access-Control-Max-Age': '600' });
  res.end();
  return true;
}
