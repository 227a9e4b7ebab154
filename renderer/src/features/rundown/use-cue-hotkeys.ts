import { useEffect } from 'react';
import type { HotkeyAction } from '@shared/core/protocol/global-hotkeys';

/** What the run-of-show keys do. */
export interface CueHotkeyActions {
  next(): void;
  previous(): void;
  toggleCard(): void;
}

/** True when a key press belongs to a text field or a control that uses keys itself. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The action a key press asks for, or null (presentation clickers send PageDown/PageUp). */
export function cueKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): keyof CueHotkeyActions | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'h':
    case 'H':
      return 'toggleCard';
    default:
      return null;
  }
}

/** Listens for the run-of-show keys on the whole window while `isEnabled`. */
export function useCueHotkeys(isEnabled: boolean, actions: CueHotkeyActions): void {
  useEffect(() => {
    if (!isEnabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || isTypingTarget(event.target)) return;
      const action = cueKeyAction(event);
      if (!action) return;
      event.preventDefault();
      actions[action]();
    };
    window.addEventListener('keydown', onKey);
    // The desktop app's global hotkeys (another window in front, a foot pedal) do the same, wherever the focus is.
    const offGlobal = window.anchor?.onHotkey?.((action) => {
      const cue = GLOBAL_CUE_ACTIONS[action];
      if (cue) actions[cue]();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      offGlobal?.();
    };
  }, [isEnabled, actions]);
}

/** The global hotkeys that move the run of show. */
const GLOBAL_CUE_ACTIONS: Partial<Record<HotkeyAction, keyof CueHotkeyActions>> = {
  'cue.next': 'next',
  'cue.previous': 'previous',
  'card.toggle': 'toggleCard',
};
