import { GLOBAL_HOTKEYS, type HotkeyAction } from '../core/protocol/global-hotkeys';

/** The part of Electron's globalShortcut used here (a fake stands in for it in unit tests). */
export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Which global hotkeys the studio holds, and which another app already had. */
export interface GlobalHotkeys {
  registered: string[];
  taken: string[];
  /** Gives every key back to the system. */
  dispose(): void;
}

/**
 * Takes the studio's global hotkeys from the system; each press is handed to `press` (the main process forwards it to
 * the anchor's window, which checks the role and sends the command). A key another app holds is left to it and logged.
 */
export function registerGlobalHotkeys(
  shortcuts: ShortcutRegistry,
  press: (action: HotkeyAction) => void,
  log: { warn(message: string, fields?: Record<string, unknown>): void },
): GlobalHotkeys {
  const registered: string[] = [];
  const taken: string[] = [];
  for (const { accelerator, action } of GLOBAL_HOTKEYS) {
    let ok = false;
    try {
      ok = shortcuts.register(accelerator, () => press(action));
    } catch {
      ok = false;
    }
    (ok ? registered : taken).push(accelerator);
  }
  if (taken.length > 0) log.warn('global hotkeys held by another app', { keys: taken.join(', ') });
  return {
    registered,
    taken,
    dispose() {
      for (const accelerator of registered.splice(0)) shortcuts.unregister(accelerator);
    },
  };
}
