import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { Product } from '../../../../../electron/features/catalog/domain/catalog';
import { renderCatalogCsv, renderCatalogXlsx } from '../../../../../electron/features/catalog/hub/catalog-export';
import { readSheetFile } from '../../../../../electron/core/hub/sheets/sheet-file';
import { numberCellText } from '../../../../../electron/core/hub/sheets/xlsx-parse';

const readCatalogFile = (body: Buffer, contentType: string | undefined) =>
  readSheetFile(body, contentType, 'The file is empty: send a header row and one row per product (see resources/catalog-template.csv).');
import type { ImportOptions } from '../../../../../electron/features/catalog/hub/catalog-drafts';
import { knownLayout, planCatalogImport, type ImportPlan } from '../../../../../electron/features/catalog/hub/catalog-import';
import { htmlToText } from '../../../../../electron/features/catalog/hub/catalog-shopify';
import { guardFormula, unguardFormula } from '../../../../../electron/core/hub/csv';
import { joinList, splitList } from '../../../../../electron/features/catalog/hub/catalog-template';
import { parseCsvRecords } from '../../../../../electron/core/hub/csv';
import { csvToEvents } from '../../../../../electron/features/sales/hub/report/order-csv';

const noCatalog: ImportOptions = { currency: 'CNY', existing: () => undefined };
const HEADER = 'sku,title_zh,title_en,price,list_price,currency,stock,selling_points,script,image,tags,scene,camera_preset';

/** Reads a file body the way the import route does, then plans the import. */
async function plan(body: string | Buffer, options: ImportOptions = noCatalog, contentType?: string): Promise<ImportPlan> {
  const file = await readCatalogFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType);
  if ('error' in file) throw new Error(file.error);
  const result = planCatalogImport(file.rows, options);
  if ('error' in result) throw new Error(result.error);
  return result;
}

async function readError(body: string | Buffer, contentType?: string): Promise<string> {
  const file = await readCatalogFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType);
  if ('error' in file) return file.error;
  const result = planCatalogImport(file.rows, noCatalog);
  if ('error' in result) return result.error;
  throw new Error('expected the file to be refused');
}

const product = (over: Partial<Product> = {}): Product => ({
  sku: 'TEA-1',
  title: { zh: '龙井', en: 'Longjing' },
  price: 12_800,
  listPrice: 16_800,
  currency: 'CNY',
  stock: 120,
  sellingPoints: ['明前', 'hand-fired'],
  script: '先闻香。\n再看叶底。',
  image: 'https://example.com/t.jpg',
  tags: ['绿茶'],
  scene: 'Product close-up',
  cameraPreset: 'pip',
  ...over,
});

describe('CSV records', () => {
  it('numbers each record by the physical line it starts on, across quoted line breaks, CRLF and blank lines', () => {
    const text = 'a,b\r\n"one\r\ntwo\nthree",x\r\n\r\nlast,"q""uote"\n';
    expect(parseCsvRecords(text)).toEqual({
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['one\r\ntwo\nthree', 'x'] },
        { line: 6, fields: ['last', 'q"uote'] },
      ],
      openQuoteLine: null,
    });
  });

  it('reports where a quote that never closes opened', () => {
    expect(parseCsvRecords('a,b\n1,2\n3,"oops\n4,5\n').openQuoteLine).toBe(3);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsvRecords('5" screen,x').records[0]!.fields).toEqual(['5" screen', 'x']);
  });

  it('order CSV errors name the physical line, even after a multi-line field', () => {
    const csv = 'eventId,platform,orderId,status,occurredAt,currency,sku,quantity,unitPrice\ne1,douyin,"o\n1",paid,1,CNY,A,1,100\ne2,douyin,o2,paid,not-a-time,CNY,A,1,100\n';
    expect(csvToEvents(csv)).toEqual({ error: expect.stringMatching(/^Line 4: occurredAt "not-a-time"/) });
  });
});

describe('template import', () => {
  it('reads the shipped template (BOM, zh/en, multi-line script, lists, exact prices)', async () => {
    const result = await plan(readFileSync('resources/catalog-template.csv'));
    expect(result.errors).toEqual([]);
    expect(result.layout).toBe('template');
    expect(result.total).toBe(2);
    const [tea, cups] = result.valid;
    expect(tea).toEqual({
      sku: 'TEA-LJ-250',
      title: { zh: '明前龙井 250 克', en: 'Pre-Qingming Longjing tea 250 g' },
      price: 12_800,
      listPrice: 16_800,
      currency: 'CNY',
      stock: 120,
      sellingPoints: ['明前采摘', '手工炒制', '250 克罐装'],
      script: '先闻香，再看叶底。\n今天直播间专享价 128 元。',
      image: 'https://example.com/images/longjing.jpg',
      tags: ['龙井', '绿茶', 'longjing'],
      scene: 'Product close-up',
      cameraPreset: 'pip',
    });
    expect(cups).toMatchObject({ sku: 'CUP-CELADON-2', price: 3_950, listPrice: null, stock: null, scene: null, cameraPreset: null });
  });

  it('converts decimal prices to minor units exactly, with the currency of the row', async () => {
    const csv = 'sku,title_en,price,list_price,currency\nA,a,0.29,1.10,CNY\nB,b,"1,280.5",,usd\nC,c,1500,,JPY\n';
    const result = await plan(csv);
    expect(result.errors).toEqual([]);
    expect(result.valid.map((p) => [p.price, p.listPrice, p.currency])).toEqual([
      [29, 110, 'CNY'],
      [128_050, null, 'USD'],
      [1500, null, 'JPY'],
    ]);
  });

  it('reports each bad cell with its line, its column and what to write instead', async () => {
    const csv = [
      HEADER,
      'OK-1,好,,10.00,,,,,,,,,',
      ',无编号,,10.00,,,,,,,,,',
      'BAD-PRICE,价,,12.345,,,,,,,,,',
      'BAD-MORE,多,,¥12,abc,XX1,-3,,,,,,zoom',
      'NO-TITLE,,,5,,,,,,,,,',
    ].join('\n');
    const result = await plan(csv);
    expect(result.valid.map((p) => p.sku)).toEqual(['OK-1']);
    expect(result.total).toBe(5);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'sku'],
      [4, 'price'],
      [5, 'currency'],
      [5, 'price'],
      [5, 'list_price'],
      [5, 'stock'],
      [5, 'camera_preset'],
      [6, 'title_zh'],
    ]);
    const reason = (line: number, column: string) => result.errors.find((e) => e.line === line && e.column === column)!.reason;
    expect(reason(3, 'sku')).toMatch(/sku is empty/);
    expect(reason(4, 'price')).toMatch(/"12\.345" has more than 2 decimals for CNY: write a plain amount like 128\.00/);
    expect(reason(5, 'price')).toMatch(/"¥12" is not an amount/);
    expect(reason(5, 'stock')).toMatch(/negative/);
    expect(reason(5, 'camera_preset')).toMatch(/full, pip, side-by-side/);
    expect(reason(6, 'title_zh')).toMatch(/Chinese or an English title: fill title_zh or title_en/);
  });

  it('names a schema problem by its column (too long, control characters)', async () => {
    const csv = `sku,title_en,price\nA,${'x'.repeat(201)},1\nB,"tab\there",1\n`;
    const result = await plan(csv);
    expect(result.errors).toEqual([
      { line: 2, column: 'title_en', reason: 'English title is longer than 200 characters' },
      { line: 3, column: 'title_en', reason: 'English title contains control characters' },
    ]);
  });

  it('refuses every row of a sku the file lists twice, naming the other line', async () => {
    const result = await plan(`${HEADER}\nA,甲,,1,,,,,,,,,\nB,乙,,1,,,,,,,,,\nA,甲2,,2,,,,,,,,,\n`);
    expect(result.valid.map((p) => p.sku)).toEqual(['B']);
    expect(result.errors).toEqual([
      { line: 2, column: 'sku', reason: 'sku A is also on line 4: a file lists each product once' },
      { line: 4, column: 'sku', reason: 'sku A is also on line 2: a file lists each product once' },
    ]);
  });

  it('gives the physical line of rows after a quoted multi-line script', async () => {
    const csv = `${HEADER}\r\nA,甲,,1,,,,,"line one\r\nline two\r\nline three",,,,\r\nB,乙,,oops,,,,,,,,,\r\n`;
    const result = await plan(csv);
    expect(result.valid[0]!.script).toBe('line one\nline two\nline three');
    expect(result.errors).toEqual([{ line: 5, column: 'price', reason: expect.stringContaining('"oops" is not an amount') }]);
  });

  it('accepts a header in another case or with spaces, and lists columns it ignores', async () => {
    const result = await plan('SKU,Title EN,Price,Colour\nA,a,1.5,red\n');
    expect(result.valid[0]).toMatchObject({ sku: 'A', title: { zh: '', en: 'a' }, price: 150 });
    expect(result.ignoredColumns).toEqual(['Colour']);
  });

  it('keeps the existing values of columns the file does not have (a price-only update)', async () => {
    const old = product();
    const result = await plan('sku,price\nTEA-1,99.90\nNEW-1,5\n', { currency: 'CNY', existing: (sku) => (sku === old.sku ? old : undefined) });
    expect(result.valid).toEqual([{ ...old, price: 9_990 }]);
    expect(result.errors).toEqual([{ line: 3, column: 'title_zh', reason: expect.stringContaining('needs a Chinese or an English title') }]);
  });

  it('refuses a header that fits no layout, naming the expected columns', async () => {
    expect(await readError('name,cost\nA,1\n')).toMatch(/matches no catalog layout.*sku,title_zh,title_en,price.*Handle, Title, Variant SKU, Variant Price.*Found: name, cost/);
    expect(await readError('sku,sku,price\n')).toMatch(/column "sku" twice/);
    expect(await readError('sku,price\n1,"open\n')).toMatch(/^Line 2: a quoted field is never closed/);
    expect(await readError(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toMatch(/old Excel \.xls/);
    expect(await readError('sku,price\n', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toMatch(/not an XLSX workbook/);
  });

  it('reads a CSV saved by Chinese Excel as GB18030', async () => {
    const gbk = Buffer.from([
      ...Buffer.from('sku,title_zh,price\nA,'),
      0xc1, 0xfa, 0xbe, 0xae, // 龙井 in GBK
      ...Buffer.from(',1\n'),
    ]);
    expect((await plan(gbk)).valid[0]!.title.zh).toBe('龙井');
  });
});

describe('Shopify product export', () => {
  const header =
    'Handle,Title,Body (HTML),Vendor,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src,Image Position,Variant Image,Status';
  const rows = [
    header,
    'teapot,Clay teapot,"<p>Hand-thrown <b>Yixing</b> clay.</p><ul><li>300&nbsp;ml</li><li>Gift box &amp; cups</li></ul>",Kiln,"teapot, yixing",TRUE,Color,Red,POT-RED,5,199.00,249.00,https://cdn.example/pot-1.jpg,1,,active',
    'teapot,,,,,,,Black,POT-BLACK,-2,199.00,,,,https://cdn.example/pot-black.jpg,',
    'teapot,,,,,,,,,,,,https://cdn.example/pot-2.jpg,2,,',
    'tea-cake,普洱茶饼,<p>357 克</p>,,普洱,TRUE,Title,Default Title,PUER-357,,88,,,,,active',
    'tea-cake,,,,,,,,,,,,https://cdn.example/puer.jpg,1,,',
    'mug,Mug,,,,TRUE,Title,Default Title,,3,20.00,,,,,active',
  ];

  it('makes one product per variant, merges image rows, strips the HTML and takes the currency from the request', async () => {
    const result = await plan(rows.join('\n'), { currency: 'USD', existing: () => undefined });
    expect(result.layout).toBe('shopify');
    expect(result.total).toBe(4);
    expect(result.valid).toEqual([
      {
        sku: 'POT-RED',
        title: { zh: '', en: 'Clay teapot - Red' },
        price: 19_900,
        listPrice: 24_900,
        currency: 'USD',
        stock: 5,
        sellingPoints: [],
        script: 'Hand-thrown Yixing clay.\n- 300 ml\n- Gift box & cups',
        image: 'https://cdn.example/pot-1.jpg',
        tags: ['teapot', 'yixing'],
        scene: null,
        cameraPreset: null,
      },
      expect.objectContaining({ sku: 'POT-BLACK', title: { zh: '', en: 'Clay teapot - Black' }, stock: 0, listPrice: null, image: 'https://cdn.example/pot-black.jpg' }),
      expect.objectContaining({ sku: 'PUER-357', title: { zh: '普洱茶饼', en: '' }, price: 8_800, stock: null, script: '357 克', image: 'https://cdn.example/puer.jpg', tags: ['普洱'] }),
    ]);
    expect(result.errors).toEqual([{ line: 7, column: 'Variant SKU', reason: expect.stringContaining('this variant of mug has no SKU') }]);
  });

  it('keeps what Shopify does not know (selling points, scene, camera preset, the other title) of existing products', async () => {
    const old = product({ sku: 'POT-RED', title: { zh: '紫砂壶', en: 'old' }, currency: 'USD' });
    const result = await plan(rows.slice(0, 2).join('\n'), { currency: 'USD', existing: (sku) => (sku === 'POT-RED' ? old : undefined) });
    expect(result.valid[0]).toMatchObject({ title: { zh: '紫砂壶', en: 'Clay teapot - Red' }, sellingPoints: old.sellingPoints, scene: old.scene, cameraPreset: 'pip' });
  });

  it('reports a bad price on the variant row with the Shopify column name', async () => {
    const result = await plan([header, 'x,X,,,,TRUE,Title,Default Title,X-1,1,abc,,,,,active'].join('\n'));
    expect(result.errors).toEqual([{ line: 2, column: 'Variant Price', reason: expect.stringContaining('"abc" is not an amount') }]);
  });

  it('turns description HTML into teleprompter text', () => {
    expect(htmlToText('<style>p{}</style><h2>Title</h2><p>a&lt;b &#x4e2d;&#25991;</p><script>alert(1)</script><br/>end')).toBe('Title\na<b 中文\nend');
  });
});

describe('XLSX import', () => {
  it('reads a workbook with sheet row numbers, exact numbers and text skus', async () => {
    const xlsx = await writeXlsxFile([
      ['sku', 'title_zh', 'price', 'stock', 'selling_points'],
      [{ value: '00123', type: String }, '茶', 128, 10, 'a|b'],
      [null, null, null, null, null],
      ['B', '壶', { value: 19.99, type: Number }, null, null],
      ['C', '杯', 'twelve', 1.5, null],
    ]).toBuffer();
    const result = await plan(xlsx);
    expect(result.valid).toEqual([
      expect.objectContaining({ sku: '00123', title: { zh: '茶', en: '' }, price: 12_800, stock: 10, sellingPoints: ['a', 'b'] }),
      expect.objectContaining({ sku: 'B', price: 1_999, stock: null }),
    ]);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 'price'],
      [5, 'stock'],
    ]);
  });

  it('shows binary artefacts of numbers with 15 significant digits, as Excel does', () => {
    expect(numberCellText('19.989999999999998')).toBe('19.99');
    expect(numberCellText('0.30000000000000004')).toBe('0.3');
    expect(numberCellText('128')).toBe('128');
    expect(numberCellText('1E-2')).toBe('0.01');
  });
});

describe('template export', () => {
  const tricky = [
    product(),
    product({
      sku: '=HYPERLINK("x")',
      title: { zh: '-50% 限时', en: "'=already quoted" },
      listPrice: null,
      stock: null,
      sellingPoints: ['a|b', 'back\\slash', '+1'],
      script: '"quoted", with comma\nand @mention',
      image: null,
      tags: [],
      scene: null,
      cameraPreset: null,
    }),
    product({ sku: 'YEN', currency: 'JPY', price: 1500, listPrice: 2000 }),
  ];

  it('guards formula cells in the CSV and restores them on import', () => {
    const csv = renderCatalogCsv(tricky);
    expect(csv.startsWith('\uFEFFsku,title_zh,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")",'-50% 限时,''=already quoted`);
    expect(unguardFormula(guardFormula("''+x"))).toBe("''+x");
    expect(guardFormula('-5')).toBe('-5');
    expect(splitList(joinList(['a|b', 'c\\|d', 'e']))).toEqual(['a|b', 'c\\|d', 'e']);
  });

  it('a CSV export imports back to the same products', async () => {
    const result = await plan(renderCatalogCsv(tricky));
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual(tricky);
  });

  it('an XLSX export imports back to the same products', async () => {
    const result = await plan(await renderCatalogXlsx(tricky));
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual(tricky);
  });
});

describe('which layout a header is in', () => {
  it('our template in English or Chinese headers, Shopify, or a shop export that needs a mapping (even with a sku column)', () => {
    expect(knownLayout(HEADER.split(','))).toBe('template');
    expect(knownLayout(['sku', 'price', 'Colour'])).toBe('template');
    expect(knownLayout(['商家编码', '中文标题', '售价', '库存'])).toBe('template');
    expect(knownLayout(['Handle', 'Title', 'Variant SKU', 'Variant Price'])).toBe('shopify');
    expect(knownLayout(['商家编码', '商品名称', '价格'])).toBeNull();
    expect(knownLayout(['SKU', 'Product Name', 'Price'])).toBeNull();
    expect(knownLayout(['name', 'cost'])).toBeNull();
  });

  it('a shop export with a mapping imports; without one it is the unknown-layout error; a mapping that does not fit says why', async () => {
    const file = await readCatalogFile(Buffer.from('商品名称,价格,商家编码\n龙井,¥12.50,T-1\n'), undefined);
    if ('error' in file) throw new Error(file.error);
    expect(planCatalogImport(file.rows, noCatalog)).toEqual({ error: expect.stringMatching(/matches no catalog layout.*send a column mapping/) });
    expect(planCatalogImport(file.rows, { ...noCatalog, mapping: { sku: '商家编码', title: '商品名称' } })).toEqual({ error: expect.stringMatching(/no column is chosen for price/) });
    const plan = planCatalogImport(file.rows, { ...noCatalog, mapping: { sku: '商家编码', title: '商品名称', price: '价格' } });
    expect(plan).toMatchObject({ layout: 'mapped', errors: [], valid: [{ sku: 'T-1', title: { zh: '龙井', en: '' }, price: 1250, currency: 'CNY', stock: null }] });
  });

  it('a mapped description in HTML becomes plain text for the teleprompter', async () => {
    const file = await readCatalogFile(Buffer.from('商家编码,宝贝标题,宝贝价格,宝贝描述\nT-1,龙井,12,"<p>先闻香&amp;</p><p>再看叶底</p>"\n'), undefined);
    if ('error' in file) throw new Error(file.error);
    const plan = planCatalogImport(file.rows, { ...noCatalog, mapping: { sku: '商家编码', title: '宝贝标题', price: '宝贝价格', script: '宝贝描述' } });
    expect(plan).toMatchObject({ valid: [{ script: '先闻香&\n再看叶底' }] });
  });

  it('a mapped row keeps what the mapping leaves out from the existing product', async () => {
    const file = await readCatalogFile(Buffer.from('商家编码,商品名称,价格\nT-1,Longjing,13\n'), undefined);
    if ('error' in file) throw new Error(file.error);
    const existing = { sku: 'T-1', title: { zh: '龙井', en: '' }, price: 1250, listPrice: 1500, currency: 'CNY', stock: 9, sellingPoints: ['香'], script: 's', image: 'a.jpg', tags: ['t'], scene: 'S', cameraPreset: 'pip' } satisfies Product;
    const plan = planCatalogImport(file.rows, { currency: 'CNY', existing: () => existing, mapping: { sku: '商家编码', title: '商品名称', price: '价格' } });
    expect(plan).toMatchObject({ valid: [{ ...existing, title: { zh: '龙井', en: 'Longjing' }, price: 1300 }] });
  });
});
