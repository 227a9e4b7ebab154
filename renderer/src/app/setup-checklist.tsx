import { useId } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { useAppState, useHub } from '../store/store-context';
import { setupSteps, type SetupStep } from './setup-steps';
import { useCanSend } from './use-can-send';
import { CameraCast } from '../features/scenes/camera-cast';
import { DestinationFormView } from '../features/output/destination-form';
import { AudioMeterBridge } from '../features/monitor/audio-meter-bridge';

/**
 * The way from a fresh install to a first rehearsal, as a checklist of what the studio already has: language, OBS,
 * cameras, the canvas for the platforms, something to sell, a destination. Each open step says where to do it, or
 * does it here (camera parts, canvas, sample show, a destination). The desktop app opens it by itself on a new studio; the top bar reopens it.
 */
export function SetupChecklist(props: { onClose(): void; onOpenCatalog(): void }) {
  const t = useT();
  const hub = useHub();
  const titleId = useId();
  const studio = useAppState((s) => s.studio);
  const productCount = useAppState((s) => s.catalog.skus.length);
  const language = useAppState((s) => s.language);
  const setLanguage = useAppState((s) => s.setLanguage);
  const canPickCanvas = useCanSend('video.profile');
  const canLoadSample = useCanSend('show.loadSample');
  const canAddDestination = useCanSend('destination.add');
  if (!studio) return null;
  const steps = setupSteps({ studio, productCount });
  const done = steps.filter((s) => s.isDone).length;

  const action = (step: SetupStep) => {
    // The cast stays open when done: the anchor may still want the hands or wide camera.
    if (step.id === 'cameras' && studio.obs.status === 'connected') return <CameraCast />;
    if (step.id === 'microphone' && step.isDone && studio.obs.status === 'connected') return <AudioMeterBridge sources={studio.output.engine?.microphones ?? []} />;
    if (step.isDone) return null;
    if (step.id === 'canvas' && canPickCanvas) {
      return (
        <span className="setup-actions">
          <button type="button" data-testid="setup-vertical" onClick={() => void hub?.send('video.profile', { profile: 'vertical' })}>
            {t('scenes.canvas.vertical')}
          </button>
          <button type="button" data-testid="setup-horizontal" onClick={() => void hub?.send('video.profile', { profile: 'horizontal' })}>
            {t('scenes.canvas.horizontal')}
          </button>
        </span>
      );
    }
    // The same form as the go-live panel's: the platform, its server and the stream key, here without leaving setup.
    if (step.id === 'destination' && canAddDestination) return <DestinationFormView editing={null} onDone={() => undefined} />;
    if (step.id === 'catalog') {
      return (
        <span className="setup-actions">
          {canLoadSample && studio.rundown.cues.length === 0 ? (
            <button type="button" data-testid="setup-sample" onClick={() => void hub?.send('show.loadSample', {})}>
              {t('cues.loadSample')}
            </button>
          ) : null}
          <button type="button" onClick={props.onOpenCatalog}>
            {t('catalog.open')}
          </button>
        </span>
      );
    }
    return null;
  };

  return (
    <div className="confirm-backdrop" onClick={props.onClose}>
      <div className="setup-checklist" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="setup" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h3 id={titleId}>{t('setup.title')}</h3>
        <p className="hint" data-testid="setup-progress">
          {t('setup.progress', { done, total: steps.length })}
        </p>
        <ol>
          <li className="is-done">
            <span className="setup-mark" aria-hidden>✓</span>
            <span className="setup-text">
              <strong>{t('setup.language')}</strong>
              <select aria-label={t('app.language')} value={language} onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </span>
          </li>
          {steps.map((step) => (
            <li key={step.id} className={step.isDone ? 'is-done' : ''} data-testid={`setup-${step.id}`} data-done={step.isDone}>
              <span className="setup-mark" aria-hidden>
                {step.isDone ? '✓' : '○'}
              </span>
              <span className="setup-text">
                <strong>{t(`setup.${step.id}.title`)}</strong>
                <span className="hint">
                  {step.id === 'obs' && !step.isDone && studio.obs.message ? `${studio.obs.message} ` : ''}
                  {t(step.isDone ? `setup.${step.id}.done` : `setup.${step.id}.todo`)}
                </span>
                {action(step)}
              </span>
            </li>
          ))}
        </ol>
        <button type="button" className="primary" autoFocus data-testid="setup-close" onClick={props.onClose}>
          {t('setup.close')}
        </button>
      </div>
    </div>
  );
}
