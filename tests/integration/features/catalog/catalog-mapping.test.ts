import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { importResultSchema } from '../../../../electron/features/catalog/protocol/catalog-import';
import { getCatalog, importCatalog } from '../../../helpers/catalog';
import { startTestHub, type TestHub } from '../../../helpers/hub';
import { makeTempDir } from '../../../helpers/temp-dir';

const hubs: TestHub[] = [];
const temps: { remove(): void }[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const t of temps.splice(0)) t.remove();
});

async function hub(dataDir?: string): Promise<TestHub> {
  const h = await startTestHub(dataDir ? { dataDir } : {});
  hubs.push(h);
  return h;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mappingQuery = (mapping: object, extra = '') => `mapping=${encodeURIComponent(JSON.stringify(mapping))}${extra}`;

/** A 抖店-style export, columns in an order no template or test has used: the shop's item id and link lead. */
const DOUDIAN_CSV = [
  '商品链接,库存数量,商品ID,主图,售价,商品名称,规格,商家编码,划线价,商品状态',
  'https://haohuo.jinritemai.com/item?id=1,120,3581000001,https://p3-aio.ecombdimg.com/obj/tea.jpg,¥128.00,明前龙井 250g,罐装,TEA-LJ-250,¥168.00,在售',
  'https://haohuo.jinritemai.com/item?id=2,8,3581000002,https://p3-aio.ecombdimg.com/obj/cup.jpg,39.5元,青瓷品茗杯,两只装,CUP-2,,在售',
  'https://haohuo.jinritemai.com/item?id=3,"1,200",3581000003,,59,紫砂壶,,POT-3,,下架',
].join('\r\n');

describe('importing a shop export through a column mapping', () => {
  it('a CSV with Chinese headers is mapped once (the guess, confirmed), imported, then imported again without asking, even reordered and after a restart', async () => {
    const temp = makeTempDir('anchor-mapping-');
    temps.push(temp);
    let h = await hub(temp.path);
    const body = `\uFEFF${DOUDIAN_CSV}`;

    const first = await importCatalog(h.url, { token: h.anchorToken, body });
    expect(first.status).toBe(422);
    expect(importResultSchema.parse(first.body)).toMatchObject({ ok: false, error: { code: 'mapping_needed' } });
    const request = first.body.mappingRequest;
    expect(request.isSaved).toBe(false);
    expect(request.header).toEqual(DOUDIAN_CSV.split('\r\n')[0]!.split(','));
    expect(request.sample).toHaveLength(3);
    expect(request.sample[0]).toMatchObject({ line: 2, cells: expect.arrayContaining(['TEA-LJ-250', '¥128.00']) });
    expect(request.mapping).toEqual({ sku: '商家编码', title: '商品名称', variant: '规格', price: '售价', listPrice: '划线价', stock: '库存数量', image: '主图' });
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);

    const mapped = await importCatalog(h.url, { token: h.anchorToken, body, query: mappingQuery(request.mapping) });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ ok: true, imported: 3, updated: 0, layout: 'mapped', mapping: request.mapping, ignoredColumns: ['商品链接', '商品ID', '商品状态'] });
    expect((await getCatalog(h.url, h.anchorToken)).map((p) => [p.sku, p.title.zh, p.price, p.listPrice, p.stock, p.image])).toEqual([
      ['TEA-LJ-250', '明前龙井 250g - 罐装', 12_800, 16_800, 120, 'https://p3-aio.ecombdimg.com/obj/tea.jpg'],
      ['CUP-2', '青瓷品茗杯 - 两只装', 3_950, null, 8, 'https://p3-aio.ecombdimg.com/obj/cup.jpg'],
      ['POT-3', '紫砂壶', 5_900, null, 1_200, null],
    ]);

    const again = await importCatalog(h.url, { token: h.anchorToken, body });
    expect(again.body).toMatchObject({ ok: true, imported: 0, updated: 3, layout: 'mapped', mapping: request.mapping });

    // The same export with its columns moved (the saved mapping names columns, not positions), after a hub restart.
    await h.stop();
    hubs.splice(hubs.indexOf(h), 1);
    h = await hub(temp.path);
    const lines = DOUDIAN_CSV.split('\r\n').map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '')).filter((_, i, all) => i < all.length - (all.at(-1) === '' ? 1 : 0)));
    const reordered = lines.map((cells) => [...cells].reverse().join(',')).join('\n');
    const moved = await importCatalog(h.url, { token: h.anchorToken, body: reordered });
    expect(moved.body).toMatchObject({ ok: true, imported: 0, updated: 3, layout: 'mapped' });

    // ask=mapping shows the saved mapping again, to change it.
    const asked = await importCatalog(h.url, { token: h.anchorToken, body, query: 'ask=mapping' });
    expect(asked.status).toBe(422);
    expect(asked.body.mappingRequest).toMatchObject({ isSaved: true, mapping: request.mapping });
  });

  it('an XLSX with Chinese headers (视频号小店 style, numbers as number cells) is mapped, imported, then imported again without asking', async () => {
    const h = await hub();
    const s = (value: string) => ({ value, type: String });
    const n = (value: number) => ({ value, type: Number });
    const xlsx = await writeXlsxFile(
      [
        [s('SKU编码'), s('现价'), s('商品标题'), s('库存'), s('币种'), s('商品描述'), s('标签')],
        [s('SPH-001'), n(59.9), s('桂花乌龙 100克'), n(30), s('CNY'), s('冷泡也好喝。'), s('乌龙，花茶')],
        [s('SPH-002'), s('¥99'), s('Oolong gift box'), n(5), s('cny'), null, null],
      ],
      { sheet: '商品' },
    ).toBuffer();

    const first = await importCatalog(h.url, { token: h.anchorToken, body: xlsx, contentType: XLSX });
    expect(first.body.error.code).toBe('mapping_needed');
    const guess = first.body.mappingRequest.mapping;
    expect(guess).toEqual({ sku: 'SKU编码', price: '现价', title: '商品标题', stock: '库存', currency: '币种', script: '商品描述', tags: '标签' });
    expect(first.body.mappingRequest.sample[0].line).toBe(2);

    // The person leaves the description out of the import.
    const { script: _left, ...mapping } = guess;
    const mapped = await importCatalog(h.url, { token: h.anchorToken, body: xlsx, contentType: XLSX, query: mappingQuery(mapping) });
    expect(mapped.body).toMatchObject({ ok: true, imported: 2, layout: 'mapped', ignoredColumns: ['商品描述'] });
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([
      expect.objectContaining({ sku: 'SPH-001', title: { zh: '桂花乌龙 100克', en: '' }, price: 5990, currency: 'CNY', stock: 30, tags: ['乌龙', '花茶'], script: '' }),
      expect.objectContaining({ sku: 'SPH-002', title: { zh: '', en: 'Oolong gift box' }, price: 9900, stock: 5 }),
    ]);
    const again = await importCatalog(h.url, { token: h.anchorToken, body: xlsx, contentType: XLSX });
    expect(again.body).toMatchObject({ ok: true, imported: 0, updated: 2, mapping });
    // The same header set as CSV, spelled in another case and order: the saved mapping, renamed to this file's spelling.
    const csv = ['标签,库存,商品标题,商品描述,币种,sku编码,现价', '乌龙,31,桂花乌龙 100克,,CNY,SPH-001,59.90'].join('\n');
    const asCsv = await importCatalog(h.url, { token: h.anchorToken, body: csv });
    expect(asCsv.body).toMatchObject({ ok: true, imported: 0, updated: 1, mapping: { ...mapping, sku: 'sku编码' } });
    expect((await getCatalog(h.url, h.anchorToken))[0]).toMatchObject({ sku: 'SPH-001', stock: 31 });
  });

  it('a bad price or stock is a row-numbered error naming the file column; nothing is imported unless accept=valid', async () => {
    const h = await hub();
    const body = ['商家编码,商品名称,价格,库存', 'A-1,好茶,¥59.00,1', 'A-2,坏价格,59-99,1', 'A-3,坏库存,10,很多', 'A-4,美元,$5,1'].join('\n');
    const mapping = { sku: '商家编码', title: '商品名称', price: '价格', stock: '库存' };
    const res = await importCatalog(h.url, { token: h.anchorToken, body, query: mappingQuery(mapping) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { line: 3, column: '价格', reason: expect.stringMatching(/^价格 "59-99" is a price range/) },
      { line: 4, column: '库存', reason: expect.stringMatching(/^库存 "很多" is not a whole number/) },
      { line: 5, column: '价格', reason: expect.stringMatching(/^价格 "\$5" is not in CNY/) },
    ]);
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);
    const valid = await importCatalog(h.url, { token: h.anchorToken, body, query: `${mappingQuery(mapping)}&accept=valid` });
    expect(valid.body).toMatchObject({ ok: true, imported: 1 });
    expect((await getCatalog(h.url, h.anchorToken))[0]).toMatchObject({ sku: 'A-1', price: 5900 });
  });

  it('refuses a mapping that does not fit, or from a role that may not import, saving nothing', async () => {
    const h = await hub();
    const body = DOUDIAN_CSV;
    for (const role of ['moderator', 'viewer'] as const) {
      const token = h.tokens.issue({ id: role, role, name: role });
      const res = await importCatalog(h.url, { token, body, query: mappingQuery({ sku: '商家编码', title: '商品名称', price: '售价' }) });
      expect(res.status).toBe(403);
    }
    const noPrice = await importCatalog(h.url, { token: h.anchorToken, body, query: mappingQuery({ sku: '商家编码', title: '商品名称' }) });
    expect(noPrice.status).toBe(400);
    expect(noPrice.body.error.message).toMatch(/no column is chosen for price.*Nothing was imported/);
    const wrongColumn = await importCatalog(h.url, { token: h.anchorToken, body, query: mappingQuery({ sku: '商家编码', title: '商品名称', price: '价钱' }) });
    expect(wrongColumn.body.error.message).toMatch(/price is mapped to "价钱", which is not a column of this file/);
    const notJson = await importCatalog(h.url, { token: h.anchorToken, body, query: 'mapping=%7Bsku' });
    expect(notJson.body.error.message).toMatch(/mapping is not JSON/);
    const unknownField = await importCatalog(h.url, { token: h.anchorToken, body, query: mappingQuery({ sku: '商家编码', colour: '规格' }) });
    expect(unknownField.body.error.message).toMatch(/unknown field colour/);
    expect((await importCatalog(h.url, { token: h.anchorToken, body, query: 'ask=please' })).status).toBe(400);
    // What no mapping can fix is refused before a mapping is asked for.
    expect((await importCatalog(h.url, { token: h.anchorToken, body: '商品名称,价格,价格\n茶,1,2\n' })).body.error.message).toMatch(/has the column "价格" twice/);
    expect((await importCatalog(h.url, { token: h.anchorToken, body: '商品名称,价格\n' })).body.error.message).toMatch(/no product rows/);
    // Nothing was saved: the next import still asks.
    expect((await importCatalog(h.url, { token: h.anchorToken, body })).body.mappingRequest.isSaved).toBe(false);
    expect(await getCatalog(h.url, h.anchorToken)).toEqual([]);
  });

  it('serves the English- and Chinese-header templates to any role; the Chinese one imports as the template without a mapping', async () => {
    const h = await hub();
    const viewer = h.tokens.issue({ id: 'v', role: 'viewer', name: 'v' });
    const get = (path: string, token: string | null) => fetch(`${h.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    expect((await get('/api/v1/catalog/template.zh-CN.csv', null)).status).toBe(401);
    const zh = await get('/api/v1/catalog/template.zh-CN.csv', viewer);
    expect(zh.headers.get('content-disposition')).toBe('attachment; filename="catalog-template.zh-CN.csv"');
    const zhText = await zh.text();
    expect(zhText.replace(/^\uFEFF/, '')).toMatch(/^商家编码,中文标题,英文标题,售价,划线价,币种,库存,卖点,讲解词,主图,标签,场景,镜头预设\r\n/);
    expect(Buffer.from(await (await get('/api/v1/catalog/template.zh-CN.csv', viewer)).arrayBuffer())).toEqual(readFileSync('resources/catalog-template.zh-CN.csv'));
    const en = await (await get('/api/v1/catalog/template.csv', viewer)).text();
    expect(en.replace(/^\uFEFF/, '')).toMatch(/^sku,title_zh,title_en,price/);

    const res = await importCatalog(h.url, { token: h.anchorToken, body: zhText });
    expect(res.body).toMatchObject({ ok: true, imported: 2, layout: 'template' });
    const fromZh = await getCatalog(h.url, h.anchorToken);
    const fresh = await hub();
    expect((await importCatalog(fresh.url, { token: fresh.anchorToken, body: readFileSync('resources/catalog-template.csv') })).body).toMatchObject({ ok: true, imported: 2 });
    expect(await getCatalog(fresh.url, fresh.anchorToken)).toEqual(fromZh);

    // Its errors name its own columns.
    const bad = await importCatalog(h.url, { token: h.anchorToken, body: '商家编码,中文标题,售价\nX-1,茶,12.3.4\n' });
    expect(bad.body.errors).toEqual([{ line: 2, column: '售价', reason: expect.stringContaining('is not an amount') }]);
  });
});
