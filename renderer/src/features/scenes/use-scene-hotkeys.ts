import { useEffect, useRef } from 'react';
import { hotkeyScene } from '@shared/core/protocol/global-hotkeys';
import { isTypingTarget, sceneForKey } from './scene-view';

/** Calls `onPick(scene)` when a digit key 1–9 is pressed outside text fields, while `isEnabled`. */
export function useSceneHotkeys(names: readonly string[], onPick: (scene: string) => void, isEnabled: boolean): void {
  // Latest values in refs: the listener is added once, not on every state broadcast.
  const latest = useRef({ names, onPick });
  useEffect(() => {
    latest.current = { names, onPick };
  });
  useEffect(() => {
    if (!isEnabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.repeat || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      if (isTypingTarget(e.target instanceof HTMLElement ? e.target : null)) return;
      const scene = sceneForKey(e.key, latest.current.names);
      if (!scene) return;
      e.preventDefault();
      latest.current.onPick(scene);
    };
    window.addEventListener('keydown', onKeyDown);
    // The desktop app's global Ctrl+Alt+1–9 pick the same scenes from any app.
    const offGlobal = window.anchor?.onHotkey?.((action) => {
      const n = hotkeyScene(action);
      const scene = n === null ? null : sceneForKey(String(n), latest.current.names);
      if (scene) latest.current.onPick(scene);
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offGlobal?.();
    };
  }, [isEnabled]);
}
