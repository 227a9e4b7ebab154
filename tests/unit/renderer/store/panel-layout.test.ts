import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, movePanel, restoreLayout, toggleCollapsed, toggleEnlarged } from '../../../../renderer/src/store/panel-layout';

describe('panel layout', () => {
  it('folds and unfolds panels; enlarging one unfolds it, folding the enlarged one puts every panel back', () => {
    let layout = toggleCollapsed(DEFAULT_LAYOUT, 'scenes');
    layout = toggleCollapsed(layout, 'sales');
    const columns = DEFAULT_LAYOUT.columns;
    expect(layout).toEqual({ columns, collapsed: ['scenes', 'sales'], enlarged: null });
    layout = toggleEnlarged(layout, 'sales');
    expect(layout).toEqual({ columns, collapsed: ['scenes'], enlarged: 'sales' });
    expect(toggleEnlarged(layout, 'sales')).toEqual({ columns, collapsed: ['scenes'], enlarged: null });
    expect(toggleCollapsed(layout, 'sales')).toEqual({ columns, collapsed: ['scenes', 'sales'], enlarged: null });
    expect(toggleCollapsed(toggleCollapsed(layout, 'scenes'), 'scenes')).toEqual(layout);
  });

  it('reads back only what it saved: unknown panels, duplicates and junk are left out', () => {
    const columns = DEFAULT_LAYOUT.columns;
    expect(restoreLayout({ collapsed: ['chat', 'chat', 'nope', 3], enlarged: 'cues' })).toEqual({ columns, collapsed: ['chat'], enlarged: 'cues' });
    for (const junk of [null, 'x', 42, { collapsed: 'chat', enlarged: 'everything' }, undefined]) {
      expect(restoreLayout(junk), JSON.stringify(junk)).toEqual({ columns, collapsed: [], enlarged: null });
    }
    // Columns come back as saved; a panel added since (the monitor) joins its usual column and place.
    const moved = [['chat'], ['monitor', 'sales', 'cues'], ['scenes', 'output']];
    expect(restoreLayout({ columns: moved }).columns).toEqual(moved);
    const savedBeforeMonitor = [['chat'], ['sales', 'cues'], ['scenes', 'output']];
    expect(restoreLayout({ columns: savedBeforeMonitor }).columns).toEqual([['chat'], ['monitor', 'sales', 'cues'], ['scenes', 'output']]);
    expect(restoreLayout({ columns: [[], [], ['chat']] }).columns).toEqual([['scenes', 'output'], ['monitor', 'cues', 'sales'], ['chat']]);
    // A panel twice, an unknown one, or the wrong number of columns: the usual columns.
    for (const bad of [[['chat', 'chat'], ['cues', 'sales'], ['scenes', 'output']], [['chat', 'cues', 'sales', 'scenes', 'output']], [['nope'], [], []]]) {
      expect(restoreLayout({ columns: bad }).columns, JSON.stringify(bad)).toEqual(columns);
    }
  });

  it('moves a panel dropped on another before it, or to the end of a column dropped on; on itself nothing moves', () => {
    const chatFirst = movePanel(DEFAULT_LAYOUT, 'chat', { column: 0, before: 'scenes' });
    expect(chatFirst.columns).toEqual([['chat', 'scenes', 'output'], ['monitor', 'cues', 'sales'], []]);
    const salesRight = movePanel(chatFirst, 'sales', { column: 2, before: null });
    expect(salesRight.columns).toEqual([['chat', 'scenes', 'output'], ['monitor', 'cues'], ['sales']]);
    expect(movePanel(salesRight, 'cues', { column: 1, before: 'cues' })).toBe(salesRight);
    expect(movePanel(salesRight, 'output', { column: 0, before: 'chat' }).columns[0]).toEqual(['output', 'chat', 'scenes']);
    // Folding and enlarging keep the arrangement.
    expect(toggleCollapsed(salesRight, 'chat').columns).toEqual(salesRight.columns);
  });
});
