import { useEffect, useId } from 'react';
import { GLOBAL_HOTKEYS, type HotkeyAction } from '@shared/core/protocol/global-hotkeys';
import type { MessageKey } from '../i18n/catalog';
import { useT } from '../i18n/use-t';
import { isTypingTarget } from '../features/rundown/use-cue-hotkeys';

/** The keys of this window, by what they do (the run-of-show and scene hooks define them; this lists them). */
const WINDOW_KEYS: ReadonlyArray<{ keys: string; does: MessageKey }> = [
  { keys: '→ / PageDown', does: 'keys.next' },
  { keys: '← / PageUp', does: 'keys.previous' },
  { keys: 'H', does: 'keys.card' },
  { keys: '1 – 9', does: 'keys.scene' },
  { keys: '?', does: 'keys.map' },
  { keys: 'Esc', does: 'keys.close' },
];

const ACTION_TEXT: Record<'cue.next' | 'cue.previous' | 'card.toggle', MessageKey> = {
  'cue.next': 'keys.next',
  'cue.previous': 'keys.previous',
  'card.toggle': 'keys.card',
};

/** An Electron accelerator as people read it on this computer ("Ctrl+Alt+Right", "⌘+Alt+Right"). */
export function readableAccelerator(accelerator: string, isMac: boolean): string {
  return accelerator.replace('CommandOrControl', isMac ? '⌘' : 'Ctrl').replace('Right', '→').replace('Left', '←');
}

/** The desktop app's global keys grouped as the key map shows them: scenes 1–9 as one line. */
export function globalKeyLines(isMac: boolean): Array<{ keys: string; action: HotkeyAction | 'scenes' }> {
  const lines: Array<{ keys: string; action: HotkeyAction | 'scenes' }> = [];
  for (const { accelerator, action } of GLOBAL_HOTKEYS) {
    if (action.startsWith('scene.')) continue;
    lines.push({ keys: readableAccelerator(accelerator, isMac), action });
  }
  lines.push({ keys: readableAccelerator('CommandOrControl+Alt+1 – 9', isMac), action: 'scenes' });
  return lines;
}

/**
 * The key map: every key of this window and, in the desktop app, the global keys that work from any app and from a
 * foot pedal. Opens with "?" (outside text fields) or the top bar's button; Esc or a click outside closes it.
 */
export function KeyMap(props: { isOpen: boolean; onOpenChange(isOpen: boolean): void }) {
  const t = useT();
  const titleId = useId();
  const { isOpen, onOpenChange } = props;
  const isDesktop = typeof window !== 'undefined' && typeof window.anchor?.onHotkey === 'function';
  const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && isOpen) return onOpenChange(false);
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      event.preventDefault();
      onOpenChange(!isOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isOpen, onOpenChange]);

  if (!isOpen) return null;
  return (
    <div className="confirm-backdrop" onClick={() => onOpenChange(false)}>
      <div className="key-map" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="key-map" onClick={(e) => e.stopPropagation()}>
        <h3 id={titleId}>{t('keys.title')}</h3>
        <h4>{t('keys.inWindow')}</h4>
        <dl>
          {WINDOW_KEYS.map((k) => (
            <div key={k.keys}>
              <dt>{k.keys}</dt>
              <dd>{t(k.does)}</dd>
            </div>
          ))}
        </dl>
        <h4>{t('keys.global')}</h4>
        {isDesktop ? (
          <dl data-testid="key-map-global">
            {globalKeyLines(isMac).map((line) => (
              <div key={line.keys}>
                <dt>{line.keys}</dt>
                <dd>{line.action === 'scenes' ? t('keys.scene') : t(ACTION_TEXT[line.action as keyof typeof ACTION_TEXT])}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="hint" data-testid="key-map-global-off">
            {t('keys.globalDesktopOnly')}
          </p>
        )}
        <p className="hint">{t('keys.pedal')}</p>
        <button type="button" autoFocus onClick={() => onOpenChange(false)} data-testid="key-map-close">
          {t('keys.close')}
        </button>
      </div>
    </div>
  );
}
