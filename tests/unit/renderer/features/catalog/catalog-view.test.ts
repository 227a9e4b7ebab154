import { describe, expect, it } from 'vitest';
import type { Product } from '../../../../../electron/features/catalog/domain/catalog';
import { initialCatalogView, reduceCatalogView } from '../../../../../renderer/src/features/catalog/catalog-view';
import { IDLE, importFraction, readNdjson, reduceImport, type ImportStage } from '../../../../../renderer/src/features/catalog/import-flow';
import { createAppStore } from '../../../../../renderer/src/store/studio-store';

const product = (sku: string, price = 100): Product => ({
  sku,
  title: { zh: sku, en: '' },
  price,
  listPrice: null,
  currency: 'CNY',
  stock: null,
  sellingPoints: [],
  script: '',
  image: null,
  tags: [],
  scene: null,
  cameraPreset: null,
});

describe('catalog view', () => {
  it('takes a snapshot, then adds, updates and removes products in catalog order', () => {
    let s = reduceCatalogView(initialCatalogView(), { kind: 'snapshot', products: [product('A'), product('B')], customTerms: ['最'] });
    expect(s).toMatchObject({ skus: ['A', 'B'], customTerms: ['最'], isLoaded: true });
    s = reduceCatalogView(s, { kind: 'changed', upserted: [product('C'), product('A', 999)], removed: ['B'] });
    expect(s.skus).toEqual(['A', 'C']);
    expect(s.bySku.A!.price).toBe(999);
    expect(s.bySku.B).toBeUndefined();
  });

  it('keeps the same skus array when only existing products change (the table does not re-lay out)', () => {
    const s = reduceCatalogView(initialCatalogView(), { kind: 'snapshot', products: [product('A')], customTerms: [] });
    const next = reduceCatalogView(s, { kind: 'changed', upserted: [product('A', 5)], removed: ['missing'] });
    expect(next.skus).toBe(s.skus);
    expect(next.bySku.A!.price).toBe(5);
    const terms = reduceCatalogView(next, { kind: 'changed', upserted: [], removed: [], customTerms: ['第一'] });
    expect(terms.bySku).toBe(next.bySku);
    expect(terms.customTerms).toEqual(['第一']);
  });

  it('a snapshot after a reconnect replaces what the window had', () => {
    let s = reduceCatalogView(initialCatalogView(), { kind: 'snapshot', products: [product('A'), product('B')], customTerms: [] });
    s = reduceCatalogView(s, { kind: 'snapshot', products: [product('B')], customTerms: [] });
    expect(s.skus).toEqual(['B']);
    expect(Object.keys(s.bySku)).toEqual(['B']);
  });

  it('is a store slice: selectors see stable values between unrelated updates', () => {
    const store = createAppStore({ storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} }, browserLanguages: ['en'] });
    store.getState().onCatalogEvent({ kind: 'snapshot', products: [product('A')], customTerms: [] });
    const skus = store.getState().catalog.skus;
    store.getState().setLanguage('zh-CN');
    expect(store.getState().catalog.skus).toBe(skus);
    expect(store.getState().catalog.bySku.A!.sku).toBe('A');
  });
});

describe('import flow', () => {
  it('moves forward through upload, check and save, ignoring late or older progress', () => {
    let s: ImportStage = IDLE;
    s = reduceImport(s, { type: 'upload', sent: 50, total: 100 });
    expect(importFraction(s)).toBeCloseTo(0.2);
    s = reduceImport(s, { type: 'progress', phase: 'parse', done: 250, total: 500 });
    expect(s).toEqual({ kind: 'parse', done: 250, total: 500 });
    expect(reduceImport(s, { type: 'upload', sent: 100, total: 100 })).toBe(s);
    expect(reduceImport(s, { type: 'progress', phase: 'parse', done: 100, total: 500 })).toBe(s);
    s = reduceImport(s, { type: 'progress', phase: 'save', done: 0, total: 500 });
    expect(reduceImport(s, { type: 'progress', phase: 'parse', done: 500, total: 500 })).toBe(s);
    expect(importFraction(s)).toBeCloseTo(0.6);
    s = reduceImport(s, { type: 'result', result: { ok: true, imported: 400, updated: 100, total: 500, errors: [], layout: 'template', ignoredColumns: [] } });
    expect(s).toEqual({ kind: 'done', imported: 400, updated: 100, total: 500, errors: [] });
    expect(reduceImport(s, { type: 'progress', phase: 'save', done: 1, total: 2 })).toBe(s);
  });

  it('a refusal with row errors lists them and the valid count; any other failure is a message', () => {
    const errors = [{ line: 3, column: 'price', reason: 'bad' }];
    const refused = reduceImport(IDLE, { type: 'result', result: { ok: false, error: { code: 'rejected', message: 'm' }, errors, valid: 2, total: 3, status: 422 } });
    expect(refused).toEqual({ kind: 'refused', message: 'm', errors, valid: 2, total: 3 });
    expect(reduceImport(IDLE, { type: 'result', result: { ok: false, error: { code: 'forbidden', message: 'no' } } })).toEqual({ kind: 'failed', message: 'no' });
  });

  it('a shop export without a saved mapping opens the mapping step; a mapped import keeps the mapping it used', () => {
    const mappingRequest = { headerKey: 'k', header: ['商家编码', '商品名称', '价格'], sample: [{ line: 2, cells: ['A', '茶', '¥5'] }], mapping: { sku: '商家编码' }, isSaved: false };
    const asked = reduceImport(IDLE, { type: 'result', result: { ok: false, error: { code: 'mapping_needed', message: 'm' }, mappingRequest, status: 422 } });
    expect(asked).toEqual({ kind: 'mapping', request: mappingRequest });
    const mapping = { sku: '商家编码', title: '商品名称', price: '价格' };
    const done = reduceImport(asked, { type: 'result', result: { ok: true, imported: 1, updated: 0, total: 1, errors: [], layout: 'mapped', ignoredColumns: [], mapping } });
    expect(done).toEqual({ kind: 'done', imported: 1, updated: 0, total: 1, errors: [], mapping });
  });

  it('reads NDJSON as it arrives: complete lines only, the rest kept for the next chunk, junk skipped', () => {
    const first = readNdjson('{"phase":"parse","done":0,"total":2}\nnot json\n{"phase":"pa');
    expect(first.events).toEqual([{ type: 'progress', phase: 'parse', done: 0, total: 2 }]);
    const second = readNdjson(`${first.rest}rse","done":2,"total":2}\n{"ok":true,"imported":2,"updated":0,"total":2,"errors":[],"layout":"template","ignoredColumns":[],"status":200}\n`);
    expect(second.events.map((e) => e.type)).toEqual(['progress', 'result']);
    expect(second.rest).toBe('');
  });
});
