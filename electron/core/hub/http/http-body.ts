import type { IncomingMessage } from 'node:http';

/** Thrown when a request body is bigger than the endpoint accepts. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes.`);
  }
}

/** Reads a request body up to `limit` bytes; rejects (and stops reading) past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

/**
 * The URL of a request, read from its target as the path it is. `new URL(target, base)` would take `//x` for a host
 * (and throw on `//`): the hub only ever serves paths, so the target is appended to a fixed origin instead.
 */
export function requestUrl(req: { url?: string }): URL {
  const target = req.url ?? '/';
  return new URL(`http://hub${target.startsWith('/') ? target : `/${target}`}`);
}

/** A request header's value (the first one when it was sent twice); undefined when absent. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
