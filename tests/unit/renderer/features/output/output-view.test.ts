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
    expect(checkText(item, (k, p) => translate('zh-CN', k, p))).toBe('快手：建议竖屏 9:16画面，当前为横屏 16:9');
    expect(checkText(item, (k, p) => translate('en', k, p))).toBe('快手: suggests a vertical 9:16 picture, the studio is horizontal 16:9');
  });

  it('sends a key only when one was typed', () => {
    const base = { name: ' Main ', platform: 'youtube' as const, server: ' ', canvas: 'none' as const };
    expect(destinationPayload({ ...base, key: '' })).toEqual({ name: 'Main', platform: 'youtube', server: '', canvas: null });
    expect(destinationPayload({ ...base, key: 'k-123' })).toMatchObject({ key: 'k-123' });
  });
});
