import type { CanvasOrientation, SceneSource } from '@shared/features/scenes/domain/scenes';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';

/** The choices of "show on": both canvases, or only one orientation. */
const ONLY_CHOICES = ['both', 'vertical', 'horizontal'] as const;

/**
 * One source of the scene being edited: its name, a lock that keeps it in place, on which canvas it shows (both,
 * vertical only, horizontal only: one layout serves Douyin and YouTube), and Remove (the editor asks first).
 */
export function EditorSourceRow(props: {
  scene: string;
  item: SceneSource;
  isDisabled: boolean;
  why: string | undefined;
  onLock(locked: boolean): void;
  onOnly(only: CanvasOrientation | null): void;
  onRemove(): void;
}) {
  const t = useT();
  const { item } = props;
  const hasPlace = item.box !== undefined;
  return (
    <li data-testid="editor-source" data-source={item.name} data-locked={item.isLocked === true} data-only={item.only ?? 'both'}>
      <span className="editor-source-name">{item.name}</span>
      {hasPlace ? (
        <>
          <button
            type="button"
            className={`small ${item.isLocked ? 'is-on' : ''}`}
            data-testid="lock-source"
            aria-pressed={item.isLocked === true}
            aria-label={t(item.isLocked ? 'scenes.unlock' : 'scenes.lock', { source: item.name })}
            title={props.why ?? t(item.isLocked ? 'scenes.unlock' : 'scenes.lock', { source: item.name })}
            disabled={props.isDisabled}
            onClick={() => props.onLock(!item.isLocked)}
          >
            {item.isLocked ? '🔒' : '🔓'}
          </button>
          <select
            data-testid="source-only"
            aria-label={t('scenes.only', { source: item.name })}
            title={props.why}
            value={item.only ?? 'both'}
            disabled={props.isDisabled}
            onChange={(e) => props.onOnly(e.target.value === 'both' ? null : (e.target.value as CanvasOrientation))}
          >
            {ONLY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`scenes.only.${choice}` as MessageKey)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button
        type="button"
        className="danger small"
        data-testid="remove-source"
        aria-label={t('scenes.removeSourceLabel', { source: item.name, scene: props.scene })}
        disabled={props.isDisabled}
        title={props.why}
        onClick={props.onRemove}
      >
        {t('scenes.removeSource')}
      </button>
    </li>
  );
}
