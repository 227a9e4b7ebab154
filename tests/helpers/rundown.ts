import type { Product } from '../../electron/features/catalog/domain/catalog';
import type { Cue } from '../../electron/features/rundown/domain/rundown';

/** A product with sensible defaults. */
export function product(sku: string, overrides: Partial<Product> = {}): Product {
  return {
    sku,
    title: { zh: `柴烧茶壶 ${sku}`, en: `Wood-fired teapot ${sku}` },
    price: 12_800,
    listPrice: 19_800,
    currency: 'CNY',
    stock: 50,
    sellingPoints: ['手工拉坯'],
    script: '这把壶是老师傅手工拉坯的。',
    image: null,
    tags: ['茶壶'],
    scene: null,
    cameraPreset: null,
    ...overrides,
  };
}

/** A product cue. */
export function productCue(id: string, sku: string, overrides: Partial<Cue> = {}): Cue {
  return { id, kind: 'product', sku, segment: null, label: '', plannedMs: 180_000, scene: null, cameraPreset: null, ...overrides };
}
