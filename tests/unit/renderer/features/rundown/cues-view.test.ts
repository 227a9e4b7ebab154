import { describe, expect, it } from 'vitest';
import { createClaimChecker } from '../../../../../electron/features/compliance/domain/compliance';
import { cueScript, cueTitle, formatPlannedMinutes, parsePlannedMinutes, planStatus, showCompliance } from '../../../../../renderer/src/features/rundown/cue-view';
import { cueKeyAction } from '../../../../../renderer/src/features/rundown/use-cue-hotkeys';
import { product, productCue } from '../../../../helpers/rundown';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('cues view helpers', () => {
  it('rates time against plan and parses planned minutes', () => {
    expect(planStatus(60_000, 180_000)).toBe('ok');
    expect(planStatus(150_000, 180_000)).toBe('near');
    expect(planStatus(180_001, 180_000)).toBe('over');
    expect(planStatus(999_999, 0)).toBe('ok');
    expect(parsePlannedMinutes('3')).toBe(180_000);
    expect(parsePlannedMinutes('2.5')).toBe(150_000);
    expect(parsePlannedMinutes('2:30')).toBe(150_000);
    for (const bad of ['', 'abc', '-1', '2:75', '1e3']) expect(parsePlannedMinutes(bad), bad).toBeNull();
  });

  it('writes planned minutes back the way people type them, and reads them again to the same time', () => {
    expect(formatPlannedMinutes(180_000)).toBe('3');
    expect(formatPlannedMinutes(150_000)).toBe('2:30');
    expect(formatPlannedMinutes(5_000)).toBe('0:05');
    expect(formatPlannedMinutes(0)).toBe('0');
    for (const ms of [0, 1_000, 59_000, 60_000, 61_000, 3_599_000, 5_400_000]) expect(parsePlannedMinutes(formatPlannedMinutes(ms)), String(ms)).toBe(ms);
  });

  it("reads a cue's own script first, then its product's", () => {
    const tea = product('TEA', { script: '壶的故事' });
    expect(cueScript(productCue('c', 'TEA'), tea)).toBe('壶的故事');
    expect(cueScript(productCue('c', 'TEA', { script: '今天只讲盖子' }), tea)).toBe('今天只讲盖子');
    expect(cueScript(productCue('c', 'TEA', { script: '   ' }), tea)).toBe('壶的故事');
    expect(cueScript(productCue('c', 'GONE', { script: '' }), undefined)).toBe('');
  });

  it('titles a cue by label, then product title in the window language, then sku', () => {
    const tea = product('TEA');
    expect(cueTitle(productCue('c', 'TEA', { label: '开场福袋' }), tea, 'en')).toBe('开场福袋');
    expect(cueTitle(productCue('c', 'TEA'), tea, 'en')).toBe('Wood-fired teapot TEA');
    expect(cueTitle(productCue('c', 'TEA'), { ...tea, title: { zh: '茶壶', en: '' } }, 'en')).toBe('茶壶');
    expect(cueTitle(productCue('c', 'GONE'), undefined, 'zh')).toBe('GONE');
  });

  it('summarises flagged products of the show once each, in cue order', () => {
    const bySku = { A: product('A', { sellingPoints: ['最好的壶'] }), B: product('B'), C: product('C', { script: 'a miracle' }) };
    const cues = [productCue('1', 'C'), productCue('2', 'B'), productCue('3', 'A'), productCue('4', 'C')];
    expect(showCompliance(cues, bySku, createClaimChecker()).map((f) => f.sku)).toEqual(['C', 'A']);
  });

  it('maps keys to actions, ignoring combinations with modifiers', () => {
    expect(cueKeyAction(key('ArrowRight'))).toBe('next');
    expect(cueKeyAction(key('PageDown'))).toBe('next');
    expect(cueKeyAction(key('PageUp'))).toBe('previous');
    expect(cueKeyAction(key('h'))).toBe('toggleCard');
    expect(cueKeyAction(key('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(cueKeyAction(key('x'))).toBeNull();
  });

});
