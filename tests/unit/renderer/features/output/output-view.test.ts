import { describe, expect, it } from 'vitest';
import type { DestinationView } from '../../../../../electron/features/output/domain/destinations';
import { translate } from '../../../../../renderer/src/i18n/i18n';
import { checkText, destinationPayload, destinationRows } from '../../../../../renderer/src/features/output/output-view';

const d = (id: string): DestinationView => ({ id, name: id, platform: 'custom', server: 'rtmp://h/live', hasKey: true, isEnabled: true, canvas: null, createdAt: 1 });

describe('output panel view helpers', () => {
  it('joins destinations with their health in list order', () => {
    const rows = destinationRows([d('a'), d('b')], {
      mode: 'relay',
      destinations: [{ id: 'b', status: 'live', bitrateKbps: 900, liveSince: 5, lastError: null, attempts: 0 }],
    } as never);
    expect(rows.map((r) => [r.destination.id, r.health?.status ?? null])).toEqual([['a', null], ['b', 'live']]);
    expect(destinationRows([d('a')], null)[0]!.health).toBeNull();
  });

  it('translates checklist lines, orientation words included', () => {
    const item = { check: 'canvas', status: 'warn' as const, code: 'canvasMismatch', params: { names: '快手', wanted: 'vertical', current: 'horizontal' }, message: '' };
    expect(checkText(item, (k, p) => translate('zh-CN', k, p))).toBe('快手：需要竖屏 9:16画面；没有本地转发服务，只能发送横屏 16:9画面');
    expect(checkText(item, (k, p) => translate('en', k, p))).toBe('快手: wants a vertical 9:16 picture; without the local relay it gets the horizontal 16:9 one');
    const derived = { ...item, check: 'canvas:vertical', status: 'ok' as const, code: 'canvasDerived', params: { ...item.params, width: 720, height: 1280 } };
    expect(checkText(derived, (k, p) => translate('zh-CN', k, p))).toBe('快手：由横屏 16:9画布生成竖屏 9:16画面 720x1280');
    expect(checkText(derived, (k, p) => translate('en', k, p))).toBe('快手: a vertical 9:16 720x1280 picture made from the horizontal 16:9 canvas');
  });

  it('sends a key only when one was typed', () => {
    const base = { name: ' Main ', platform: 'youtube' as const, server: ' ', canvas: 'none' as const };
    expect(destinationPayload({ ...base, key: '' })).toEqual({ name: 'Main', platform: 'youtube', server: '', canvas: null });
    expect(destinationPayload({ ...base, key: 'k-123' })).toMatchObject({ key: 'k-123' });
  });
});
