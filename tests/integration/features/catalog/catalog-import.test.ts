import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { CatalogEvent } from '../../../../electron/features/catalog/protocol/catalog-events';
import { generatedCatalogCsv, getCatalog, exportCatalog, importCatalog, importCatalogStreamed, TEMPLATE_HEADER } from '../../../helpers/catalog';
import { connectClient, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { getTallies } from '../../../helpers/orders';

const hubs: TestHub[] = [];
const sockets: ConnectedClient[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const h of hubs.splice(0)) await h.stop();
});

async function hub(): Promise<TestHub> {
  const h = await startTestHub();
  hubs.push(h);
  return h;
}

/** A socket.io client that records every `catalog` event it receives. */
async function listen(h: TestHub): Promise<CatalogEvent[]> {
  const socket = await connectClient(h.url, h.anchorToken);
  sockets.push(socket);
  const events: CatalogEvent[] = [];
  (socket as unknown as { on(e: string, l: (p: CatalogEvent) => void): void }).on('catalog', (e) => events.push(e));
  return events;
}

const withBadRows = [
  TEMPLATE_HEADER,
  'GOOD-1,好茶,Good tea,10.00,,CNY,5,,,,,,',
  'BAD-PRICE,坏价格,,12.3.4,,CNY,,,,,,,',
  '"MULTI","多行","","20.00",,,,,"line one',
  'line two",,,,',
  ',没有编号,,1.00,,,,,,,,,',
  'GOOD-2,好壶,,99.5,,,,,,,,,',
].join('\n');

describe('catalog import over HTTP', () => {
  it('imports a valid file: the products are in GET /api/v1/catalog, reach clients over socket.io, and their stock reaches the ledger', async () => {
    const h = await hub();
    const events = await listen(h);
    const res = await importCatalog(h.url, { token: h.anchorToken, body: readFileSync('resources/catalog-template.csv') });
    expect(res).toEqual({ status: 200, body: { ok: true, imported: 2, updated: 0, total: 2, errors: [], layout: 'template', ignoredColumns: [] } });
    const products = await getCatalog(h.url, h.anchorToken);
    expect(products.map((p) => [p.sku, p.price, p.listPrice, p.stock])).toEqual([
      ['TEA-LJ-250', 12_800, 16_800, 120],
      ['CUP-CELADON-2', 3_950, null, null],
    ]);
    await expect.poll(() => events.flatMap((e) => (e.kind === 'changed' ? e.upserted.map((p) => p.sku) : []))).toEqual(['TEA-LJ-250', 'CUP-CELADON-2']);
    expect((await getTallies(h.url, h.anchorToken)).stock['TEA-LJ-250']).toMatchObject({ initial: 120, left: 120 });

    // The same file again updates in place.
    const again = await importCatalog(h.url, { token: h.anchorToken, body: readFileSync('resources/catalog-template.csv') });
    expect(again.body).toMatchObject({ ok: true, imported: 0, updated: 2 });
    expect(await getCatalog(h.url, h.anchorToken)).toEqual(products);
  });

  it('reports every bad row with its line, column and reason, imports nothing, and imports the valid rows once accepted', async () => {
    const h = await hub();
    const events = await listen(h);
    const refused = await importCatalog(h.url, { token: h.anchorToken, body: withBadRows });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ ok: false, valid: 3, total: 5, error: { code: 'rejected', message: expect.stringMatching(/2 rows have problems.*nothing was imported.*accept=valid/) } });
    expect(refused.body.errors).toEqual([
      { line: 3, column: 'price', reason: expect.stringContaining('"12.3.4" is not an amount') },
      { line: 6, column: 'sku', reason: expect.stringContaining('sku is empty') },
    ]);
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);

    const accepted = await importCatalog(h.url, { token: h.anchorToken, body: withBadRows, query: 'accept=valid' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ ok: true, imported: 3, updated: 0, total: 5, errors: refused.body.errors });
    expect((await getCatalog(h.url, h.anchorToken)).map((p) => p.sku)).toEqual(['GOOD-1', 'MULTI', 'GOOD-2']);
    // Only the accepted import reached the clients.
    await expect.poll(() => events.filter((e) => e.kind === 'changed').length).toBe(1);
  });

  it('imports 5,000 products with NDJSON progress lines in increasing order', async () => {
    const h = await hub();
    const res = await importCatalogStreamed(h.url, { token: h.anchorToken, body: generatedCatalogCsv(5000) });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/x-ndjson/);
    const result = res.lines.at(-1);
    expect(result).toMatchObject({ ok: true, status: 200, imported: 5000, updated: 0, total: 5000, errors: [] });
    const progress = res.lines.slice(0, -1);
    const phases = progress.map((l) => l.phase);
    expect(phases.indexOf('save')).toBeGreaterThan(0);
    expect(phases.slice(phases.indexOf('save')).every((p) => p === 'save')).toBe(true);
    for (const phase of ['parse', 'save']) {
      const done = progress.filter((l) => l.phase === phase).map((l) => l.done);
      expect(done.length).toBeGreaterThan(2);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size).toBe(done.length);
      expect(done.at(-1)).toBe(5000);
      expect(progress.filter((l) => l.phase === phase).every((l) => l.total === 5000)).toBe(true);
    }
    const products = await getCatalog(h.url, h.anchorToken);
    expect(products).toHaveLength(5000);
    expect(products[4999]).toMatchObject({ sku: 'SKU-05000', price: 5100, stock: 0 });
  });

  it('streams the refusal too: progress, then the errors with status 422', async () => {
    const h = await hub();
    const res = await importCatalogStreamed(h.url, { token: h.anchorToken, body: withBadRows });
    expect(res.status).toBe(200);
    expect(res.lines.at(-1)).toMatchObject({ ok: false, status: 422, valid: 3, total: 5 });
    expect(res.lines.slice(0, -1).every((l) => l.phase === 'parse')).toBe(true);
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);
  });

  it('imports an XLSX workbook and a Shopify export in the currency of the request', async () => {
    const h = await hub();
    const xlsx = await writeXlsxFile([
      ['sku', 'title_zh', 'price', 'stock'],
      ['X-1', '茶', 12.5, 3],
      ['X-2', '壶', 'n/a', 1],
    ]).toBuffer();
    const bad = await importCatalog(h.url, { token: h.anchorToken, body: xlsx, contentType: 'application/octet-stream' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ line: 3, column: 'price', reason: expect.stringContaining('"n/a" is not an amount') }]);

    const shopify = [
      'Handle,Title,Body (HTML),Tags,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src',
      'mug,Mug,<p>Big</p>,"a, b",Blue,MUG-B,4,12.00,15.00,https://cdn.example/m.jpg',
      'mug,,,,Green,MUG-G,2,12.00,,',
      'mug,,,,,,,,,https://cdn.example/m2.jpg',
    ].join('\n');
    const ok = await importCatalog(h.url, { token: h.anchorToken, body: shopify, query: 'currency=usd' });
    expect(ok.body).toMatchObject({ ok: true, imported: 2, layout: 'shopify' });
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([
      expect.objectContaining({ sku: 'MUG-B', title: { zh: '', en: 'Mug - Blue' }, price: 1200, listPrice: 1500, currency: 'USD', script: 'Big', tags: ['a', 'b'] }),
      expect.objectContaining({ sku: 'MUG-G', image: 'https://cdn.example/m.jpg', stock: 2 }),
    ]);
  });

  it('answers 401, 403, 405, 413 and 400 with a reason, importing nothing', async () => {
    const h = await hub();
    const body = readFileSync('resources/catalog-template.csv');
    const none = await importCatalog(h.url, { token: null, body });
    expect(none.status).toBe(401);
    expect((await importCatalog(h.url, { token: 'x'.repeat(40), body })).status).toBe(401);
    for (const role of ['moderator', 'viewer'] as const) {
      const token = h.tokens.issue({ id: role, role, name: role });
      const res = await importCatalog(h.url, { token, body });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(new RegExp(`${role} role may not import the catalog`));
    }
    const producer = h.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' });
    expect((await fetch(`${h.url}/api/v1/catalog/import`, { headers: { Authorization: `Bearer ${producer}` } })).status).toBe(405);

    const huge = await importCatalog(h.url, { token: producer, body: Buffer.alloc(21 * 1024 * 1024, 0x41) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toMatch(/over 20 MiB.*Split it/);

    // A layout the studio does not know needs a column mapping first (catalog-mapping.test.ts).
    const unknown = await importCatalog(h.url, { token: producer, body: 'name,cost\ntea,1\n' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('mapping_needed');
    expect((await importCatalog(h.url, { token: producer, body, query: 'currency=yuan' })).status).toBe(400);
    expect((await importCatalog(h.url, { token: producer, body: '' })).status).toBe(400);
    expect((await importCatalog(h.url, { token: producer, body: TEMPLATE_HEADER })).body.error.message).toMatch(/no product rows/);
    expect((await exportCatalog(h.url, null, 'csv')).status).toBe(401);
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);

    expect((await importCatalog(h.url, { token: producer, body })).status).toBe(200);
  });

  it('lets the desktop app pages (another origin) upload and download: preflight and CORS headers for allowed origins only', async () => {
    const h = await startTestHub({ allowedOrigins: ['app://anchor'] });
    hubs.push(h);
    const preflight = (origin: string) =>
      fetch(`${h.url}/api/v1/catalog/import`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,accept' },
      });
    const allowed = await preflight('app://anchor');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('app://anchor');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const upload = await fetch(`${h.url}/api/v1/catalog/import`, {
      method: 'POST',
      headers: { Origin: 'app://anchor', Authorization: `Bearer ${h.anchorToken}`, 'Content-Type': 'text/csv' },
      body: new Uint8Array(readFileSync('resources/catalog-template.csv')),
    });
    expect(upload.status).toBe(200);
    expect(upload.headers.get('access-control-allow-origin')).toBe('app://anchor');
    const download = await fetch(`${h.url}/api/v1/catalog/export.csv`, { headers: { Origin: 'app://anchor', Authorization: `Bearer ${h.anchorToken}` } });
    expect(download.headers.get('access-control-expose-headers')).toBe('Content-Disposition');
  });

  it('export then re-import is lossless, in CSV and XLSX', async () => {
    const h = await hub();
    const tricky = [
      TEMPLATE_HEADER,
      '=SUM(1),"-5% 折扣","@home ""quoted""",0.01,1000000.00,CNY,0,a\\|b|+plus,"script, with comma',
      'and a second line",https://example.com/x.jpg,t1|t2,Anchor,side-by-side',
      'JPY-1,日元,,1500,,JPY,,,,,,,',
    ].join('\r\n');
    expect((await importCatalog(h.url, { token: h.anchorToken, body: Buffer.concat([readFileSync('resources/catalog-template.csv'), Buffer.from(tricky.slice(TEMPLATE_HEADER.length + 2))]) })).body).toMatchObject({ ok: true, imported: 4 });
    const original = await getCatalog(h.url, h.anchorToken);
    expect(original[2]).toMatchObject({ sku: '=SUM(1)', title: { zh: '-5% 折扣', en: '@home "quoted"' }, price: 1, listPrice: 100_000_000, sellingPoints: ['a|b', '+plus'] });

    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await exportCatalog(h.url, h.anchorToken, format);
      expect(exported.status).toBe(200);
      expect(exported.disposition).toMatch(new RegExp(`attachment; filename="catalog-\\d{4}-\\d{2}-\\d{2}\\.${format}"`));
      if (format === 'csv') expect(exported.body.toString('utf8')).toContain(`'=SUM(1)`);
      const fresh = await hub();
      const res = await importCatalog(fresh.url, { token: fresh.anchorToken, body: exported.body, contentType: exported.contentType ?? undefined });
      expect(res.body).toMatchObject({ ok: true, imported: 4, errors: [] });
      expect(await getCatalog(fresh.url, fresh.anchorToken)).toEqual(original);
    }
  });
});
