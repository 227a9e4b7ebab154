import { useState } from 'react';
import { CAMERA_ROLES, type CameraRole } from '@shared/features/scenes/domain/camera-roles';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { useCanSend } from '../../app/use-can-send';
import { roleCandidates, suggestName, takenNames } from './editor-view';
import { useEditorSend } from './use-editor-send';
import { useThumbnailWatch } from './use-thumbnail-watch';

/** The rehearsal test pattern the default show starts with (the engine's TEST_CAMERA). */
const STAND_IN = 'Rehearsal camera';

/**
 * Who plays which camera part: main (the anchor), hands (close-up) and wide, each picked from the show's cameras and
 * test patterns, a camera OBS lists but the show does not use yet, or a new test pattern; each with a live preview
 * of what it shows. One `camera.assign` per pick: the engine swaps it into the role's scenes.
 */
export function CameraCast() {
  const t = useT();
  const send = useEditorSend();
  const canAssign = useCanSend('camera.assign');
  const scenes = useAppState((s) => s.studio?.scenes ?? null);
  const devices = useAppState((s) => s.studio?.obs.devices ?? null);
  const images = useAppState((s) => s.thumbnails.images);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<CameraRole | null>(null);
  const [list, setList] = useState<HTMLElement | null>(null);
  const roles = scenes?.cameraRoles ?? {};
  const playing = CAMERA_ROLES.map((role) => roles[role] ?? STAND_IN);
  useThumbnailWatch(list, [...new Set(playing)]);
  if (!scenes) return null;
  const candidates = roleCandidates(scenes);
  const taken = takenNames(scenes);
  const newDevices = (devices?.cameras ?? []).filter((d) => !taken.has(d.name));

  const pick = async (role: CameraRole, value: string) => {
    setError(null);
    setBusy(role);
    const [how, what] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    const device = newDevices.find((d) => d.id === what);
    const failed =
      how === 'pattern'
        ? await send('camera.assign', { role, source: suggestName(t('cameras.patternName'), taken), create: { type: 'test-pattern' } })
        : how === 'device' && device
          ? await send('camera.assign', { role, source: suggestName(device.name || t('scenes.sourceType.camera'), taken), create: { type: 'camera', device: device.id } })
          : await send('camera.assign', { role, source: what });
    setBusy(null);
    if (failed) setError(failed);
  };

  return (
    <div className="camera-cast" data-testid="camera-cast" ref={setList}>
      <ul>
        {CAMERA_ROLES.map((role, i) => {
          const source = roles[role];
          const image = images[playing[i]!];
          return (
            <li key={role} data-testid={`camera-role-${role}`}>
              <span className="camera-preview">{image ? <img src={image} alt={t('cameras.previewOf', { source: playing[i]! })} /> : null}</span>
              <label>
                <strong>{t(`cameras.role.${role}` as MessageKey)}</strong>
                <span className="hint">{t(`cameras.roleHint.${role}` as MessageKey)}</span>
                <select
                  data-testid={`camera-pick-${role}`}
                  value={source ? `source:${source}` : ''}
                  disabled={!canAssign || busy !== null}
                  onChange={(e) => void pick(role, e.target.value)}
                >
                  {source ? null : <option value="">{t('cameras.standIn')}</option>}
                  {candidates.map((name) => (
                    <option key={name} value={`source:${name}`}>
                      {name}
                    </option>
                  ))}
                  {newDevices.map((d) => (
                    <option key={d.id} value={`device:${d.id}`}>
                      {t('cameras.newDevice', { name: d.name })}
                    </option>
                  ))}
                  <option value="pattern:">{t('cameras.newPattern')}</option>
                </select>
              </label>
            </li>
          );
        })}
      </ul>
      {devices && devices.cameras.length === 0 ? <p className="hint">{t('cameras.noDevices')}</p> : null}
      {error ? (
        <p className="error" role="alert" data-testid="camera-cast-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
