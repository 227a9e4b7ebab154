// The built UI (dist/renderer, what every window loads): what a window must download and run before it shows the
// show, as the hub sends it. Measured sizes and their history are in bench/startup.ts's output; this keeps the cuts
// from coming back.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../../../electron/core/hub/http/static-files';
import { UI_DIR } from '../../helpers/built-studio';
import { firstLoadScripts } from '../../helpers/first-load';
import { startTestHub, type TestHub } from '../../helpers/hub';

/** Budget of the first load as the hub sends it to a browser (brotli); measured 141.4 kB when it was set (539.7 kB as built). */
const FIRST_LOAD_SENT_BUDGET = 250_000;

/** GETs a path from the hub with the given Accept-Encoding; the body exactly as sent (not decoded). */
function getRaw(url: string, path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the first load of a window', () => {
  const scripts = firstLoadScripts(UI_DIR);
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ staticDir: UI_DIR });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('finds the entry script and its preloads in the built index.html', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(scripts.some((s) => s.file.startsWith('assets/index-'))).toBe(true);
  });

  it('carries no schema library: validation lives in the hub, the hello says which commands the role may send', () => {
    // zod's classes are named $ZodType, $ZodObject, ...; the drawers that validate uploads load them when opened.
    for (const script of scripts) expect(script.text, script.file).not.toMatch(/\$Zod[A-Z][A-Za-z]+/);
  });

  it('is sent compressed at build time, brotli first, then gzip, and as it is to a client that takes neither', async () => {
    for (const script of scripts) {
      const path = `/${script.file}`;
      const br = await getRaw(hub.url, path, 'gzip, deflate, br');
      expect(br.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding', 'content-length': String(br.body.length) });
      expect(brotliDecompressSync(br.body).toString('utf8')).toBe(script.text);
      const gzip = await getRaw(hub.url, path, 'br;q=0, gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).toString('utf8')).toBe(script.text);
      const plain = await getRaw(hub.url, path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString('utf8')).toBe(script.text);
    }
    // The page itself is tiny and never cached: always as it is.
    const page = await getRaw(hub.url, '/', 'br');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
  });

  it('stays within its budget as sent', async () => {
    let sent = 0;
    for (const script of scripts) sent += (await getRaw(hub.url, `/${script.file}`, 'br, gzip')).body.length;
    expect(sent).toBeLessThanOrEqual(FIRST_LOAD_SENT_BUDGET);
  });
});

describe('Accept-Encoding', () => {
  it('lists what the client takes, leaving out what it refuses with q=0', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('BR;q=0.5, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings('br;q=0.0,identity')]).toEqual(['identity']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
