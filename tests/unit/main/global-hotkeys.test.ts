import { describe, expect, it } from 'vitest';
import { registerGlobalHotkeys, type ShortcutRegistry } from '../../../electron/main/global-hotkeys';
import { GLOBAL_HOTKEYS, hotkeyScene, parseHotkeyAction, type HotkeyAction } from '../../../electron/core/protocol/global-hotkeys';
import { globalKeyLines, readableAccelerator } from '../../../renderer/src/app/key-map';

/** A fake of Electron's globalShortcut (Electron does not run here): keys another app holds refuse registration. */
function fakeShortcuts(heldElsewhere: string[] = []) {
  const held = new Map<string, () => void>();
  const registry: ShortcutRegistry = {
    register(accelerator, callback) {
      if (heldElsewhere.includes(accelerator) || held.has(accelerator)) return false;
      held.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void held.delete(accelerator),
  };
  return { registry, held, press: (accelerator: string) => held.get(accelerator)?.() };
}

describe('global hotkeys (desktop app)', () => {
  it('takes every key once, each press naming its action; gives them all back on quit', () => {
    const shortcuts = fakeShortcuts();
    const pressed: HotkeyAction[] = [];
    const hotkeys = registerGlobalHotkeys(shortcuts.registry, (a) => pressed.push(a), { warn() {} });
    expect(hotkeys.registered).toHaveLength(GLOBAL_HOTKEYS.length);
    for (const key of ['CommandOrControl+Alt+Right', 'F14', 'F15', 'CommandOrControl+Alt+3']) shortcuts.press(key);
    expect(pressed).toEqual(['cue.next', 'cue.previous', 'card.toggle', 'scene.3']);
    hotkeys.dispose();
    expect(shortcuts.held.size).toBe(0);
  });

  it('leaves a key another app holds to it, says which in the log, and keeps the others', () => {
    const shortcuts = fakeShortcuts(['F13', 'CommandOrControl+Alt+H']);
    const warnings: string[] = [];
    const hotkeys = registerGlobalHotkeys(shortcuts.registry, () => undefined, { warn: (m, f) => warnings.push(`${m} ${String(f?.keys)}`) });
    expect(hotkeys.taken).toEqual(['CommandOrControl+Alt+H', 'F13']);
    expect(hotkeys.registered).toHaveLength(GLOBAL_HOTKEYS.length - 2);
    expect(warnings).toEqual(['global hotkeys held by another app CommandOrControl+Alt+H, F13']);
  });

  it('has no key twice, and the page accepts only known actions from IPC', () => {
    const accelerators = GLOBAL_HOTKEYS.map((h) => h.accelerator);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(parseHotkeyAction('cue.next')).toBe('cue.next');
    expect(parseHotkeyAction('scene.9')).toBe('scene.9');
    for (const junk of ['scene.0', 'scene.10', 'cue.goto', '', null, 42, { action: 'cue.next' }]) expect(parseHotkeyAction(junk)).toBeNull();
    expect(hotkeyScene('scene.4')).toBe(4);
    expect(hotkeyScene('card.toggle')).toBeNull();
  });

  it('reads accelerators as people know them on each system, scenes on one line', () => {
    expect(readableAccelerator('CommandOrControl+Alt+Right', false)).toBe('Ctrl+Alt+→');
    expect(readableAccelerator('CommandOrControl+Alt+Left', true)).toBe('⌘+Alt+←');
    const lines = globalKeyLines(false);
    expect(lines.filter((l) => l.action === 'scenes')).toEqual([{ keys: 'Ctrl+Alt+1 – 9', action: 'scenes' }]);
    expect(lines.map((l) => l.keys)).toContain('F13');
  });
});
