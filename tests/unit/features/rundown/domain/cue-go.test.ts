import { describe, expect, it } from 'vitest';
import { planCueGo } from '../../../../../electron/features/rundown/domain/cue-go';
import { product, productCue } from '../../../../helpers/rundown';

const scenes = { names: ['Opening', 'Anchor', 'Product close-up', 'Be right back'], program: 'Opening' };

describe('what "Go" on a cue asks for, and what it knows will not land', () => {
  it('takes the cue scene over the product scene, and switches only when it is not already on air', () => {
    const tea = product('TEA', { scene: 'Product close-up' });
    expect(planCueGo({ cue: productCue('c', 'TEA', { scene: 'Anchor' }), product: tea, scenes, isCardOn: true })).toEqual({ scene: 'Anchor', preset: null, warnings: [] });
    expect(planCueGo({ cue: productCue('c', 'TEA'), product: tea, scenes, isCardOn: true }).scene).toBe('Product close-up');
    expect(planCueGo({ cue: productCue('c', 'TEA'), product: tea, scenes: { ...scenes, program: 'Product close-up' }, isCardOn: true }).scene).toBeNull();
  });

  it('names a scene OBS does not have instead of asking for it, and applies no preset there', () => {
    const plan = planCueGo({ cue: productCue('c', 'TEA', { cameraPreset: 'pip' }), product: product('TEA', { scene: 'Product closeup' }), scenes, isCardOn: false });
    expect(plan).toEqual({ scene: null, preset: null, warnings: [{ key: 'sceneMissing', params: { scene: 'Product closeup' } }] });
  });

  it('applies a preset to the scene on air when the cue keeps the picture', () => {
    const plan = planCueGo({ cue: productCue('c', 'TEA', { cameraPreset: 'full' }), product: product('TEA'), scenes: { ...scenes, program: 'Anchor' }, isCardOn: true });
    expect(plan).toEqual({ scene: null, preset: { scene: 'Anchor', preset: 'full' }, warnings: [] });
  });

  it('warns when the card is on but the scene on air carries none, and only then', () => {
    const cue = productCue('c', 'TEA');
    expect(planCueGo({ cue, product: product('TEA'), scenes, isCardOn: true }).warnings).toEqual([{ key: 'cardNotInScene', params: { scene: 'Opening' } }]);
    expect(planCueGo({ cue, product: product('TEA'), scenes, isCardOn: false }).warnings).toEqual([]);
    expect(planCueGo({ cue, product: product('TEA', { scene: 'Anchor' }), scenes, isCardOn: true }).warnings).toEqual([]);
    const segment = { ...cue, kind: 'segment' as const, sku: null, segment: 'break' as const };
    expect(planCueGo({ cue: segment, product: undefined, scenes: { ...scenes, program: 'Be right back' }, isCardOn: true }).warnings).toEqual([]);
  });

  it('says when the product of a cue left the catalog', () => {
    expect(planCueGo({ cue: productCue('c', 'GONE'), product: undefined, scenes, isCardOn: true }).warnings).toEqual([{ key: 'productMissing', params: { sku: 'GONE' } }]);
  });
});
