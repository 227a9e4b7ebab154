import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ScenesState } from '@shared/features/scenes/domain/scenes';
import { useSendBlocker, type SendBlocker } from '../../app/use-can-send';
import { EmptyState, Panel } from '../../app/panel';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { SceneButton } from './scene-button';
import { SceneEditor } from './scene-editor';
import { MicControls, SceneSourcesView } from './scene-sources';
import { focusedScene, isStudioMode, microphones, sceneAction, sourcesOf } from './scene-view';
import { StudioControls } from './studio-controls';
import { useSceneHotkeys } from './use-scene-hotkeys';
import { useThumbnailWatch } from './use-thumbnail-watch';
import './scenes.css';

const NO_NAMES: readonly string[] = [];

/** Why a control is off for this window, in words; undefined when it is on. */
function useWhy(blocker: SendBlocker, roleKey: MessageKey): string | undefined {
  const t = useT();
  if (blocker === null) return undefined;
  return blocker === 'permission' ? t('scenes.notAllowed') : t(roleKey);
}

/**
 * The scene desk: live thumbnails, program/preview highlight, click or keys 1–9 to switch (to preview in studio
 * mode, then Transition), transition kind and length, the sources of the scene in focus with visibility toggles,
 * camera presets, microphone mutes, and the scene and source editor. Controls a role may not use stay visible but disabled, with the reason.
 */
export function ScenesPanel() {
  const t = useT();
  const hub = useHub();
  const scenes = useAppState((s) => s.studio?.scenes ?? null);
  const role = useAppState((s) => s.connection.role);
  const images = useAppState((s) => s.thumbnails.images);
  const switchBlocker = useSendBlocker('scene.switch');
  const toggleBlocker = useSendBlocker('source.toggle');
  const presetBlocker = useSendBlocker('camera.preset');
  const muteBlocker = useSendBlocker('audio.mute');
  const editBlocker = useSendBlocker('scene.create');
  const why = useWhy(switchBlocker, 'scenes.roleCannot');
  const toggleWhy = useWhy(toggleBlocker, 'scenes.roleCannotEdit');
  const presetWhy = useWhy(presetBlocker, 'scenes.roleCannotEdit');
  const muteWhy = useWhy(muteBlocker, 'scenes.roleCannotEdit');
  const editWhy = useWhy(editBlocker, 'scenes.editor.roleCannot');
  const canSwitch = switchBlocker === null;

  const [list, setList] = useState<HTMLUListElement | null>(null);
  const names = scenes?.names ?? NO_NAMES;
  useThumbnailWatch(list, names);

  // The latest scenes for callbacks, without re-creating them on every state broadcast.
  const scenesRef = useRef<ScenesState | null>(scenes);
  useLayoutEffect(() => {
    scenesRef.current = scenes;
  }, [scenes]);
  const pick = useCallback(
    (scene: string) => {
      const current = scenesRef.current;
      if (!hub || !current) return;
      const action = sceneAction(current, scene);
      if (action) void hub.send(action.name, action.payload);
    },
    [hub],
  );
  useSceneHotkeys(names, pick, canSwitch);

  const focus = scenes ? focusedScene(scenes) : null;
  const sources = scenes ? sourcesOf(scenes, focus) : null;
  const mics = useMemo(() => (scenes ? microphones(scenes) : []), [scenes]);

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
        <>
          <StudioControls scenes={scenes} isDisabled={!canSwitch} why={why} />
          <ul className="scene-list" ref={setList} data-testid="scene-list" data-studio-mode={isStudioMode(scenes)}>
            {scenes.names.map((name, index) => (
              <li key={name}>
                <SceneButton
                  name={name}
                  position={index + 1}
                  image={images[name]}
                  isProgram={name === scenes.program}
                  isPreview={name === scenes.preview}
                  isDisabled={!canSwitch}
                  why={why}
                  onPick={() => pick(name)}
                />
              </li>
            ))}
          </ul>
          {canSwitch ? <p className="hint">{t('scenes.hotkeyHint')}</p> : null}
          {toggleBlocker === 'role' && presetBlocker === 'role' && muteBlocker === 'role' && role ? (
            <p className="hint" data-testid="sources-why">
              {t('scenes.roleCannotEdit')}
            </p>
          ) : null}
          {focus ? (
            <SceneSourcesView
              scene={focus}
              sources={sources}
              toggle={{ isDisabled: toggleBlocker !== null, why: toggleWhy }}
              preset={{ isDisabled: presetBlocker !== null, why: presetWhy }}
            />
          ) : null}
          <MicControls mics={mics} isDisabled={muteBlocker !== null} why={muteWhy} />
          <SceneEditor scenes={scenes} isDisabled={editBlocker !== null} why={editWhy} />
        </>
      )}
    </Panel>
  );
}
