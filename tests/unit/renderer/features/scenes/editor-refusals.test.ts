import { describe, expect, it } from 'vitest';
import { errorText } from '../../../../../renderer/src/app/error-text';
import { translate } from '../../../../../renderer/src/i18n/i18n';

// The engine's scene and source refusals as a window says them: the refusal's key in the window's language, and the
// hub's English sentence only for a key this window does not know.
describe('scene editor refusals in the window language', () => {
  const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);

  it('says the engine refusals in Chinese with their parameters', () => {
    const error = { message: 'A scene named "开箱" already exists.', refusal: { key: 'sceneExists', params: { scene: '开箱' } } };
    expect(errorText(zh, error)).toBe('已经有名为“开箱”的场景，请换一个名称。');
    expect(errorText(zh, { message: 'x', refusal: { key: 'lastScene' } })).toBe('节目至少需要一个场景，最后一个场景不能删除。');
    expect(errorText(zh, { message: 'x', refusal: { key: 'profileWhileLive' } })).toBe('请先停止推流和录制，再切换画布。');
    expect(errorText(zh, { message: 'x', refusal: { key: 'sourceKindMissing', params: { type: 'window' } } })).not.toMatch(/window/);
  });

  it('falls back to the hub sentence for a key it does not know', () => {
    expect(errorText(zh, { message: 'Newer hub sentence.', refusal: { key: 'somethingNew' } })).toBe('Newer hub sentence.');
  });
});
