/** What a global hotkey asks the anchor's window to do: the run of show's keys and scenes 1–9. */
export type HotkeyAction = 'cue.next' | 'cue.previous' | 'card.toggle' | `scene.${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`;

/** The IPC channel the main process sends global hotkeys on, to the anchor's window only. */
export const HOTKEY_CHANNEL = 'hotkey:pressed';

const SCENE_DIGITS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/**
 * The keys the desktop app takes from the whole system while it runs, so the show moves with another window in front
 * (OBS, the shop's back office) and from a USB foot pedal. Ctrl+Alt (Cmd+Alt on macOS) combinations rarely clash with
 * other apps; F13–F15 exist on no ordinary keyboard, so a pedal programmed to type them steals nothing.
 */
export const GLOBAL_HOTKEYS: ReadonlyArray<{ accelerator: string; action: HotkeyAction }> = [
  { accelerator: 'CommandOrControl+Alt+Right', action: 'cue.next' },
  { accelerator: 'CommandOrControl+Alt+Left', action: 'cue.previous' },
  { accelerator: 'CommandOrControl+Alt+H', action: 'card.toggle' },
  { accelerator: 'F13', action: 'cue.next' },
  { accelerator: 'F14', action: 'cue.previous' },
  { accelerator: 'F15', action: 'card.toggle' },
  ...SCENE_DIGITS.map((n) => ({ accelerator: `CommandOrControl+Alt+${n}`, action: `scene.${n}` as const })),
];

/** A hotkey action from an untrusted source (IPC), or null. */
export function parseHotkeyAction(value: unknown): HotkeyAction | null {
  return typeof value === 'string' && GLOBAL_HOTKEYS.some((h) => h.action === value) ? (value as HotkeyAction) : null;
}

/** The scene number (1–9) a hotkey action picks, or null. */
export function hotkeyScene(action: HotkeyAction): number | null {
  return action.startsWith('scene.') ? Number(action.slice('scene.'.length)) : null;
}
