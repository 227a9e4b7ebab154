import { useT } from '../../i18n/use-t';

/** One scene: live thumbnail, name, hotkey, program/preview tags. Props only; the panel decides what a click does. */
export function SceneButton(props: {
  name: string;
  /** 1-based position; scenes 1–9 have a digit hotkey. */
  position: number;
  image: string | undefined;
  isProgram: boolean;
  isPreview: boolean;
  isDisabled: boolean;
  why: string | undefined;
  onPick: () => void;
}) {
  const t = useT();
  const { name, position, image, isProgram, isPreview } = props;
  const hotkey = position <= 9 ? String(position) : null;
  return (
    <button
      type="button"
      className={`scene ${isProgram ? 'is-program' : ''} ${isPreview ? 'is-preview' : ''}`}
      aria-pressed={isProgram}
      aria-keyshortcuts={hotkey ?? undefined}
      data-testid="scene-button"
      data-scene={name}
      data-program={isProgram}
      data-preview={isPreview}
      disabled={props.isDisabled}
      title={props.why ?? (hotkey ? t('scenes.hotkey', { key: hotkey }) : undefined)}
      onClick={props.onPick}
    >
      <span className="scene-thumb">
        {image ? (
          <img src={image} alt={t('scenes.thumbnailAlt', { scene: name })} data-testid="scene-thumbnail" draggable={false} />
        ) : (
          <span className="scene-thumb-empty">{t('scenes.noThumbnail')}</span>
        )}
        {hotkey ? (
          <kbd className="scene-key" aria-hidden>
            {hotkey}
          </kbd>
        ) : null}
      </span>
      <span className="scene-label">
        <span className="scene-name">{name}</span>
        {isProgram ? <span className="tag tag-program">{t('scenes.program')}</span> : null}
        {isPreview ? <span className="tag tag-preview">{t('scenes.preview')}</span> : null}
      </span>
    </button>
  );
}
