import { CAMERA_PRESETS, type SceneSources } from '@shared/features/scenes/domain/scenes';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { visualSources } from './scene-view';


/** Sources of one scene with visibility toggles, and its camera preset buttons. */
export function SceneSourcesView(props: {
  scene: string;
  sources: SceneSources | null;
  toggle: { isDisabled: boolean; why: string | undefined };
  preset: { isDisabled: boolean; why: string | undefined };
}) {
  const t = useT();
  const hub = useHub();
  const { scene, sources } = props;
  const items = sources ? visualSources(sources.items) : null;
  return (
    <section className="scene-sources" data-testid="scene-sources" data-scene={scene} aria-label={t('scenes.sourcesOf', { scene })}>
      <h3 className="sub-title">{t('scenes.sourcesOf', { scene })}</h3>
      {items === null ? (
        <p className="hint">{t('scenes.sourcesWaiting')}</p>
      ) : items.length === 0 ? (
        <p className="hint">{t('scenes.noSources')}</p>
      ) : (
        <ul className="source-list">
          {/* OBS lists bottom to top; the anchor reads top (front) first. */}
          {[...items].reverse().map((item) => (
            <li key={item.name}>
              <label className="toggle" title={props.toggle.why}>
                <input
                  type="checkbox"
                  data-testid="source-toggle"
                  data-source={item.name}
                  aria-label={t('scenes.sourceVisible', { source: item.name })}
                  checked={item.isVisible}
                  disabled={props.toggle.isDisabled}
                  onChange={(e) => hub && void hub.send('source.toggle', { scene, source: item.name, visible: e.target.checked })}
                />
                <span className={item.isVisible ? '' : 'is-hidden-source'}>{item.name}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <h3 className="sub-title">{t('scenes.cameras')}</h3>
      <div className="preset-row" role="group" aria-label={t('scenes.cameras')}>
        {CAMERA_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="preset"
            data-testid="camera-preset"
            data-preset={preset}
            aria-pressed={sources?.cameraPreset === preset}
            disabled={props.preset.isDisabled}
            title={props.preset.why}
            onClick={() => hub && void hub.send('camera.preset', { scene, preset })}
          >
            {t(`scenes.preset.${preset}` as MessageKey)}
          </button>
        ))}
      </div>
    </section>
  );
}

/** Mute toggles for every microphone of the show. */
export function MicControls(props: { mics: Array<{ name: string; isMuted: boolean }>; isDisabled: boolean; why: string | undefined }) {
  const t = useT();
  const hub = useHub();
  return (
    <section className="mic-controls" aria-label={t('scenes.microphones')}>
      <h3 className="sub-title">{t('scenes.microphones')}</h3>
      {props.mics.length === 0 ? (
        <p className="hint">{t('scenes.noMicrophone')}</p>
      ) : (
        <div className="mic-row">
          {props.mics.map((mic) => (
            <button
              key={mic.name}
              type="button"
              className={`mic ${mic.isMuted ? 'is-muted' : ''}`}
              data-testid="mic-mute"
              data-source={mic.name}
              aria-pressed={mic.isMuted}
              disabled={props.isDisabled}
              title={props.why}
              onClick={() => hub && void hub.send('audio.mute', { source: mic.name, muted: !mic.isMuted })}
            >
              {t(mic.isMuted ? 'scenes.unmute' : 'scenes.mute', { source: mic.name })}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
