import { COMMANDS } from '../../../../electron/protocol/commands';
import { useCanSend } from '../../app/use-can-send';
import { EmptyState, Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/** Scene buttons: program highlighted, click to switch. */
export function ScenesPanel() {
  const t = useT();
  const hub = useHub();
  const scenes = useAppState((s) => s.studio?.scenes ?? null);
  const role = useAppState((s) => s.connection.role);
  const canSwitch = useCanSend('scene.switch');
  const hasRole = role !== null && COMMANDS['scene.switch'].roles.includes(role);
  const why = canSwitch ? undefined : hasRole ? t('scenes.notAllowed') : t('scenes.roleCannot');

  return (
    <Panel title={t('scenes.title')} area="scenes">
      {!canSwitch && role ? (
        <p className="hint" data-testid="scenes-why">
          {why}
        </p>
      ) : null}
      {!scenes || scenes.names.length === 0 ? (
        <EmptyState>{t('scenes.empty')}</EmptyState>
      ) : (
        <ul className="scene-list">
          {scenes.names.map((name) => {
            const isProgram = name === scenes.program;
            const isPreview = name === scenes.preview;
            return (
              <li key={name}>
                <button
                  type="button"
                  className={`scene ${isProgram ? 'is-program' : ''} ${isPreview ? 'is-preview' : ''}`}
                  aria-pressed={isProgram}
                  data-testid="scene-button"
                  disabled={!canSwitch}
                  title={why}
                  onClick={() => hub && !isProgram && void hub.send('scene.switch', { scene: name })}
                >
                  <span className="scene-name">{name}</span>
                  {isProgram ? <span className="tag tag-program">{t('scenes.program')}</span> : null}
                  {isPreview ? <span className="tag tag-preview">{t('scenes.preview')}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
