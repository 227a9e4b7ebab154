import { useState } from 'react';
import { CAMERA_ROLES, ROLE_SCENES, type CameraRole } from '@shared/features/scenes/domain/camera-roles';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { useCanSend } from '../../app/use-can-send';
import { roleCandidates, suggestName, takenNames } from './editor-view';
import { useEditorSend } from './use-editor-send';
import { useThumbnailWatch } from './use-thumbnail-watch';

/**
 * Who plays which camera part: main (the anchor), hands (close-up) and wide, each picked from the show's cameras and
 * test patterns, a camera OBS lists but the show does not use yet, or a new test pattern. One `camera.assign` per
 * pick: the engine swaps it into the role's scenes. Each part shows its camera's live picture as the show uses it: the
 * thumbnail of the part's first scene (Anchor, Product close-up, Workshop wide), every 2 s while the list is on screen.
 * (Not the camera source alone: OBS 29 refuses a screenshot of an input no scene on program shows.)
 */
export function CameraCast() {
  const t = useT();
  const send = useEditorSend();
  const canAssign = useCanSend('camera.assign');
  const scenes = useAppState((s) => s.studio?.scenes ?? null);
  const devices = useAppState((s) => s.studio?.obs.devices ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<CameraRole | null>(null);
  const [list, setList] = useState<HTMLElement | null>(null);
  const images = useAppState((s) => s.thumbnails.images);
  const roles = scenes?.cameraRoles ?? {};
  const previewScene = (role: CameraRole) => (roles[role] ? ROLE_SCENES[role].find((name) => scenes?.names.includes(name)) : undefined);
  useThumbnailWatch(list, CAMERA_ROLES.map(previewScene).filter((name): name is string => !!name));
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
    <div className="camera-cast" data-testid="camera-cast">
      <ul ref={setList}>
        {CAMERA_ROLES.map((role) => {
          const source = roles[role];
          const scene = previewScene(role);
          const picture = scene ? images[scene] : undefined;
          return (
            <li key={role} data-testid={`camera-role-${role}`}>
              {scene ? (
                <span className="camera-preview">
                  {picture ? <img src={picture} alt={t('scenes.thumbnailAlt', { scene })} data-testid="camera-preview" data-scene={scene} /> : <span className="hint">{t('scenes.noThumbnail')}</span>}
                </span>
              ) : null}
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
