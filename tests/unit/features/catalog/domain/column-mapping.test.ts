import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fieldForHeader,
  guessMapping,
  headerSetSignature,
  HEADER_SYNONYMS,
  MAPPED_FIELDS,
  mappingIndex,
  mappingProblems,
  rebaseMapping,
  parseShopCount,
  parseShopPrice,
  readMappedRow,
  type MappedField,
} from '../../../../../electron/features/catalog/domain/column-mapping';

/** A 抖店-style product export: header and two rows. */
const DOUDIAN_HEADER = ['商品ID', '商品名称', '规格', '商家编码', '价格', '划线价', '库存', '主图', '商品链接', '商品状态'];
const DOUDIAN_ROWS = [
  ['3581234567890', '明前龙井 250g', '罐装', 'TEA-LJ-250', '¥128.00', '¥168.00', '120', 'https://p3-aio.ecombdimg.com/obj/tea.jpg', 'https://haohuo.jinritemai.com/views/product/item?id=3581234567890', '在售'],
  ['3581234567891', '青瓷品茗杯', '两只装', 'CUP-2', '39.5元', '', '8', 'https://p3-aio.ecombdimg.com/obj/cup.png', 'https://haohuo.jinritemai.com/views/product/item?id=3581234567891', '在售'],
];

describe('guessing a column mapping', () => {
  it('maps a 抖店 export by its Chinese header names, keeping the shop item id and the product link out of sku and image', () => {
    expect(guessMapping(DOUDIAN_HEADER, DOUDIAN_ROWS)).toEqual({
      sku: '商家编码',
      title: '商品名称',
      variant: '规格',
      price: '价格',
      listPrice: '划线价',
      stock: '库存',
      image: '主图',
    });
  });

  it.each([
    [
      '快手小店',
      ['商品ID', '商品标题', 'SKU ID', 'SKU编码', '规格', '价格(元)', '库存', '商品主图', '商品状态', '创建时间'],
      { sku: 'SKU编码', title: '商品标题', variant: '规格', price: '价格(元)', stock: '库存', image: '商品主图' },
    ],
    [
      '视频号小店',
      ['商品ID', '商品名称', '商品编码', 'SKU ID', '规格名称', '售价(元)', '划线价(元)', '库存数量', '商品图片'],
      { sku: '商品编码', title: '商品名称', variant: '规格名称', price: '售价(元)', listPrice: '划线价(元)', stock: '库存数量', image: '商品图片' },
    ],
    ['淘宝', ['宝贝ID', '宝贝标题', '一口价', '宝贝数量', '商家编码', '宝贝主图', '宝贝描述'], { sku: '商家编码', title: '宝贝标题', price: '一口价', stock: '宝贝数量', image: '宝贝主图', script: '宝贝描述' }],
  ])('maps a %s export by its header names', (_shop, header, expected) => expect(guessMapping(header, [])).toEqual(expected));

  it('maps the names of 淘宝, 快手小店 and 视频号小店 exports and English ones, ignoring case, spaces, width and bracketed units', () => {
    expect(guessMapping(['宝贝标题', '一口价（元）', '库存数量', '商家编码', '商品主图'], [])).toEqual({ title: '宝贝标题', price: '一口价（元）', stock: '库存数量', sku: '商家编码', image: '商品主图' });
    expect(guessMapping(['商品标题', '售价', '现价', 'SKU编码', '库存'], [])).toMatchObject({ title: '商品标题', price: '售价', sku: 'SKU编码', stock: '库存' });
    expect(guessMapping(['Product Name', 'SELLING PRICE', ' Inventory ', 'SKU'], [])).toEqual({ title: 'Product Name', price: 'SELLING PRICE', stock: 'Inventory', sku: 'SKU' });
    expect(fieldForHeader('ＳＫＵ 编码')).toBe('sku');
    expect(fieldForHeader('商品状态')).toBeNull();
  });

  it('a link column is not taken for a text field, by its name (详情页链接 is not 详情) or by its URLs', () => {
    expect(fieldForHeader('详情页链接')).toBeNull();
    expect(fieldForHeader('商品详情')).toBe('script');
    expect(fieldForHeader('主图链接')).toBe('image');
    expect(guessMapping(['商品描述', '标题'], [['https://item.taobao.com/item.htm?id=1', '龙井茶 250g']])).toEqual({ title: '标题' });
  });

  it('an empty column loses to a filled one with a weaker name', () => {
    expect(guessMapping(['商家编码', 'SKU ID', '商品名称'], [['', '1790000001', '茶'], ['', '1790000002', '壶']])).toMatchObject({ sku: 'SKU ID' });
    expect(guessMapping(['商家编码', 'SKU ID', '商品名称'], [['T-1', '1790000001', '茶']])).toMatchObject({ sku: '商家编码' });
  });

  it('guesses from the values when a name says nothing: decimals are a price, integers stock, image URLs an image', () => {
    const header = ['a', 'b', 'c', '名称'];
    const rows = [
      ['59.90', '12', 'https://img.example.com/1.jpg', '茶杯'],
      ['108.00', '0', 'https://img.example.com/2.webp', '茶壶'],
    ];
    expect(guessMapping(header, rows)).toEqual({ price: 'a', stock: 'b', image: 'c', title: '名称' });
  });

  it('any permutation of known headers (their values moving with them) maps the same', () => {
    const known = MAPPED_FIELDS.flatMap((f) => HEADER_SYNONYMS[f].slice(0, 4));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...known), { minLength: 1, maxLength: 12, selector: (h) => h.toLowerCase().replace(/\s/g, '') }),
        fc.array(fc.array(fc.constantFrom('59.00', '¥12', '7', 'TEA-1', '龙井茶 250g', 'https://img.x.com/a.jpg', 'CNY', ''), { minLength: 12, maxLength: 12 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (header, rows, seed) => {
          const order = header.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
          const shuffled = order.map((i) => header[i]!);
          const shuffledRows = rows.map((r) => order.map((i) => r[i]!));
          expect(guessMapping(shuffled, shuffledRows)).toEqual(guessMapping(header, rows.map((r) => r.slice(0, header.length))));
          expect(headerSetSignature(shuffled)).toBe(headerSetSignature(header));
        },
      ),
    );
  });

  it('each header synonym alone maps to its own field, and a column fills at most one field', () => {
    for (const field of MAPPED_FIELDS) for (const name of HEADER_SYNONYMS[field]) expect(guessMapping([name], []), name).toEqual({ [field]: name.trim() });
    const mapping = guessMapping(DOUDIAN_HEADER, DOUDIAN_ROWS);
    const columns = Object.values(mapping);
    expect(new Set(columns).size).toBe(columns.length);
  });
});

describe('checking a mapping', () => {
  it('names every required field without a column, a column the file lacks, and a column used twice', () => {
    expect(mappingProblems({ sku: '商家编码', title: '商品名称', price: '价格' }, DOUDIAN_HEADER)).toEqual([]);
    expect(mappingProblems({ sku: '商家编码', listPrice: '价格', stock: '价格', image: '图片' }, DOUDIAN_HEADER)).toEqual([
      { kind: 'missing', field: 'title' },
      { kind: 'missing', field: 'price' },
      { kind: 'sharedColumn', field: 'stock', column: '价格', other: 'listPrice' },
      { kind: 'unknownColumn', field: 'image', column: '图片' },
    ]);
  });
});

describe('a saved mapping on a header of the same set', () => {
  it('takes this file\'s spelling of each column (case, width and spacing may differ)', () => {
    const header = ['ＳＫＵ编码', ' 商品标题 ', 'Price  Now'];
    expect(headerSetSignature(header)).toBe(headerSetSignature(['sku编码', '商品标题', 'price now']));
    expect(rebaseMapping({ sku: 'sku编码', title: '商品标题', price: 'price now' }, header)).toEqual({ sku: 'ＳＫＵ编码', title: '商品标题', price: 'Price  Now' });
  });
});

describe('reading shop prices and counts', () => {
  it.each([
    ['¥59.00', 5900],
    ['59', 5900],
    ['59.9元', 5990],
    ['￥1,299.00', 129_900],
    ['RMB 59', 5900],
    ['人民币59.90', 5990],
    [' 0 ', 0],
    ['５９.５', 5950],
  ])('%s is %i fen', (text, fen) => expect(parseShopPrice(text, 'CNY')).toBe(fen));

  it.each([
    ['59-99', 'is a price range'],
    ['-5', 'is negative'],
    ['59.999', 'has more than 2 decimals for CNY'],
    ['五十九', 'is not an amount'],
    ['$59', 'is not in CNY'],
  ])('%s is refused: %s', (text, reason) => expect(parseShopPrice(text, 'CNY')).toEqual({ reason: expect.stringContaining(reason) }));

  it('a yen sign fits JPY (no decimals), a dollar sign fits USD', () => {
    expect(parseShopPrice('¥1,200', 'JPY')).toBe(1200);
    expect(parseShopPrice('$19.99', 'USD')).toBe(1999);
    expect(parseShopPrice('12.5', 'JPY')).toEqual({ reason: expect.stringContaining('more than 0 decimals') });
  });

  it('any amount written with a sign, a unit or thousands separators reads as the same integer fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), fc.constantFrom('¥', '￥', '', 'RMB '), fc.constantFrom('', '元'), (fen, sign, unit) => {
        const yuan = Math.floor(fen / 100).toLocaleString('en-US');
        expect(parseShopPrice(`${sign}${yuan}.${String(fen % 100).padStart(2, '0')}${unit}`, 'CNY')).toBe(fen);
      }),
    );
  });

  it('reads counts with separators and a unit; empty is untracked; others say why', () => {
    expect(parseShopCount('1,200')).toBe(1200);
    expect(parseShopCount('120件')).toBe(120);
    expect(parseShopCount('')).toBeNull();
    expect(parseShopCount('-3')).toEqual({ reason: expect.stringContaining('negative') });
    expect(parseShopCount('很多')).toEqual({ reason: expect.stringContaining('not a whole number') });
  });
});

describe('reading a row through a mapping', () => {
  const mapping = guessMapping(DOUDIAN_HEADER, DOUDIAN_ROWS);
  const index = mappingIndex(mapping, DOUDIAN_HEADER);

  it('gives integer prices, the variant in the title, the first image; the shop item id and link are not read', () => {
    expect(readMappedRow(DOUDIAN_ROWS[0]!, index, mapping, 'CNY')).toEqual({
      values: { sku: 'TEA-LJ-250', title: { zh: '明前龙井 250g - 罐装' }, price: 12_800, listPrice: 16_800, stock: 120, image: 'https://p3-aio.ecombdimg.com/obj/tea.jpg' },
      issues: [],
    });
    expect(readMappedRow(DOUDIAN_ROWS[1]!, index, mapping, 'CNY').values).toMatchObject({ price: 3950, listPrice: null });
  });

  it('names the file column and the value of every cell it cannot read', () => {
    const bad = ['1', '茶', '', '', '12.3.4', '', '很多', '', '', ''];
    expect(readMappedRow(bad, index, mapping, 'CNY').issues).toEqual([
      { field: 'sku', column: '商家编码', reason: expect.stringContaining('商家编码 is empty') },
      { field: 'price', column: '价格', reason: '价格 "12.3.4" is not an amount; write an amount like 59.00' },
      { field: 'stock', column: '库存', reason: expect.stringContaining('库存 "很多" is not a whole number') },
    ]);
  });

  it('an English title fills the English title', () => {
    const m = { sku: 'SKU', title: 'Name', price: 'Price' } satisfies Partial<Record<MappedField, string>>;
    expect(readMappedRow(['A-1', 'Teapot', '$10'], mappingIndex(m, ['SKU', 'Name', 'Price']), m, 'USD').values).toEqual({ sku: 'A-1', title: { en: 'Teapot' }, price: 1000 });
  });
});
