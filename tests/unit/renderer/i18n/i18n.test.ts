import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../../renderer/src/i18n/catalog';
import { translate } from '../../../../renderer/src/i18n/i18n';

const en = CATALOGS.en;
const zhCN = CATALOGS['zh-CN'];

describe('i18n catalogs', () => {
  it('zh-CN has every English key of the shell and of every feature, and nothing extra', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'hub.reconnecting', { attempt: 2 })).toBe('Reconnecting to studio (attempt 2)…');
    expect(translate('zh-CN', 'hub.reconnecting', { attempt: 2 })).toBe('正在重新连接工作室（第 2 次）…');
    expect(translate('en', 'hub.reconnecting')).toContain('{attempt}');
  });
});
