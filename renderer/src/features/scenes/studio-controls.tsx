import { useEffect, useState, type FormEvent } from 'react';
import type { SceneTransition, ScenesState } from '@shared/features/scenes/domain/scenes';
import { useHub } from '../../store/store-context';
import { useT } from '../../i18n/use-t';
import { FADE_LIMITS_MS, isStudioMode, parseFadeMs } from './scene-view';

const DEFAULT_TRANSITION: SceneTransition = { kind: 'cut', durationMs: 300 };

/** Studio mode switch, the Transition (take) button, and the transition kind and fade length. */
export function StudioControls(props: { scenes: ScenesState; isDisabled: boolean; why: string | undefined }) {
  const t = useT();
  const hub = useHub();
  const { scenes, isDisabled, why } = props;
  const isStudio = isStudioMode(scenes);
  const transition = scenes.transition ?? DEFAULT_TRANSITION;

  return (
    <div className="studio-controls">
      <label className="toggle" title={why}>
        <input
          type="checkbox"
          data-testid="studio-mode"
          checked={isStudio}
          disabled={isDisabled}
          onChange={(e) => hub && void hub.send('studio-mode.set', { enabled: e.target.checked })}
        />
        {t('scenes.studioMode')}
      </label>
      {isStudio ? (
        <div className="take-row">
          <button
            type="button"
            className="take"
            data-testid="take"
            disabled={isDisabled || scenes.preview === null}
            title={why ?? t('scenes.takeTitle', { scene: scenes.preview ?? '' })}
            onClick={() => hub && void hub.send('transition.trigger', {})}
          >
            {t('scenes.take')}
          </button>
          <span className="hint">{t('scenes.studioModeHint')}</span>
        </div>
      ) : null}
      <div className="transition-row">
        <label>
          <span>{t('scenes.transition')}</span>
          <select
            data-testid="transition-kind"
            value={transition.kind}
            disabled={isDisabled}
            title={why}
            onChange={(e) =>
              hub && void hub.send('transition.set', { kind: e.target.value === 'fade' ? 'fade' : 'cut', durationMs: transition.durationMs })
            }
          >
            <option value="cut">{t('scenes.transitionCut')}</option>
            <option value="fade">{t('scenes.transitionFade')}</option>
          </select>
        </label>
        {transition.kind === 'fade' ? <FadeLength durationMs={transition.durationMs} isDisabled={isDisabled} /> : null}
      </div>
    </div>
  );
}

/** Fade length in ms: applied on Enter or when the field loses focus; a bad value is explained and not sent. */
function FadeLength(props: { durationMs: number; isDisabled: boolean }) {
  const t = useT();
  const hub = useHub();
  const [draft, setDraft] = useState(String(props.durationMs));
  const [isInvalid, setInvalid] = useState(false);
  useEffect(() => setDraft(String(props.durationMs)), [props.durationMs]);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const ms = parseFadeMs(draft);
    setInvalid(ms === null);
    if (ms !== null && ms !== props.durationMs && hub) void hub.send('transition.set', { kind: 'fade', durationMs: ms });
  };
  return (
    <form className="fade-length" onSubmit={submit}>
      <label>
        <span>{t('scenes.fadeMs')}</span>
        <input
          type="number"
          inputMode="numeric"
          data-testid="fade-ms"
          min={FADE_LIMITS_MS.min}
          max={FADE_LIMITS_MS.max}
          step={50}
          value={draft}
          disabled={props.isDisabled}
          aria-invalid={isInvalid}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => submit()}
        />
      </label>
      {isInvalid ? (
        <span className="field-error" role="alert">
          {t('scenes.fadeInvalid', { min: FADE_LIMITS_MS.min, max: FADE_LIMITS_MS.max })}
        </span>
      ) : null}
    </form>
  );
}
