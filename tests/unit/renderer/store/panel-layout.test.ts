import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, restoreLayout, toggleCollapsed, toggleEnlarged } from '../../../../renderer/src/store/panel-layout';

describe('panel layout', () => {
  it('folds and unfolds panels; enlarging one unfolds it, folding the enlarged one puts every panel back', () => {
    let layout = toggleCollapsed(DEFAULT_LAYOUT, 'scenes');
    layout = toggleCollapsed(layout, 'sales');
    expect(layout).toEqual({ collapsed: ['scenes', 'sales'], enlarged: null });
    layout = toggleEnlarged(layout, 'sales');
    expect(layout).toEqual({ collapsed: ['scenes'], enlarged: 'sales' });
    expect(toggleEnlarged(layout, 'sales')).toEqual({ collapsed: ['scenes'], enlarged: null });
    expect(toggleCollapsed(layout, 'sales')).toEqual({ collapsed: ['scenes', 'sales'], enlarged: null });
    expect(toggleCollapsed(toggleCollapsed(layout, 'scenes'), 'scenes')).toEqual(layout);
  });

  it('reads back only what it saved: unknown panels, duplicates and junk are left out', () => {
    expect(restoreLayout({ collapsed: ['chat', 'chat', 'nope', 3], enlarged: 'cues' })).toEqual({ collapsed: ['chat'], enlarged: 'cues' });
    for (const junk of [null, 'x', 42, { collapsed: 'chat', enlarged: 'everything' }, undefined]) {
      expect(restoreLayout(junk), JSON.stringify(junk)).toEqual({ collapsed: [], enlarged: null });
    }
  });
});
