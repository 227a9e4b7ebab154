import { useState, type FormEvent } from 'react';
import { EditorSourceRow } from './editor-source-row';
import type { ScenesState } from '@shared/features/scenes/domain/scenes';
import type { CanvasBox } from '@shared/features/scenes/domain/source-layout';
import { ConfirmDialog } from '../../app/confirm-dialog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { AddSourceForm } from './add-source-form';
import { canvasOrientation, takenNames } from './editor-view';
import { LayoutMonitor } from './layout-monitor';
import { sourcesOf } from './scene-view';
import { useEditorSend } from './use-editor-send';

/** The last source edit the editor can undo. */
type LastEdit = { kind: 'move'; scene: string; source: string; box: CanvasBox } | { kind: 'add'; scene: string; source: string };

/**
 * The anchor's scene and source editor: the canvas (vertical or horizontal), a new scene, and for the scene picked
 * here its name, removal, sources (remove, add, move on the layout monitor), and undo of the last add or move. Other roles see it disabled with why.
 * Every refusal is shown beside the form that caused it and what was typed stays.
 */
export function SceneEditor(props: { scenes: ScenesState; isDisabled: boolean; why: string | undefined }) {
  const t = useT();
  const send = useEditorSend();
  const { scenes, isDisabled } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const scene = picked && scenes.names.includes(picked) ? picked : (scenes.preview ?? scenes.program ?? scenes.names[0] ?? null);
  const [newName, setNewName] = useState('');
  const [renameTo, setRenameTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'scene' } | { kind: 'source'; source: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  // The last source edit, undone by its opposite command (a move goes back, an added source is removed).
  const [last, setLast] = useState<LastEdit | null>(null);

  const run = async (work: () => Promise<string | null>): Promise<boolean> => {
    setBusy(true);
    try {
      const failure = await work();
      setError(failure);
      return failure === null;
    } finally {
      setBusy(false);
    }
  };

  const addScene = async (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    if (!name) return setError(t('scenes.nameEmpty'));
    if (takenNames(scenes).has(name)) return setError(t('scenes.sceneNameTaken', { name }));
    if (await run(() => send('scene.create', { scene: name }))) {
      setNewName('');
      setPicked(name);
    }
  };

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const name = renameTo.trim();
    if (!scene) return;
    if (!name) return setError(t('scenes.nameEmpty'));
    if (name === scene) return setRenameTo('');
    if (takenNames(scenes).has(name)) return setError(t('scenes.sceneNameTaken', { name }));
    if (await run(() => send('scene.rename', { scene, name }))) {
      setRenameTo('');
      setPicked(name);
    }
  };

  const confirmed = async () => {
    const what = confirm;
    setConfirm(null);
    if (!what || !scene) return;
    if (what.kind === 'scene') {
      if (await run(() => send('scene.remove', { scene }))) setPicked(null);
    } else {
      await run(() => send('source.remove', { scene, source: what.source }));
    }
  };

  const undo = async () => {
    const edit = last;
    if (!edit) return;
    const done = await run(() =>
      edit.kind === 'move'
        ? send('source.move', { scene: edit.scene, source: edit.source, box: edit.box })
        : send('source.remove', { scene: edit.scene, source: edit.source }),
    );
    if (done) setLast(null);
  };

  const items = scene ? (sourcesOf(scenes, scene)?.items ?? []) : [];
  return (
    <section className="scene-editor" data-testid="scene-editor" aria-label={t('scenes.editor.title')}>
      <h3 className="sub-title">{t('scenes.editor.title')}</h3>
      {isDisabled ? (
        <p className="hint" data-testid="editor-why">
          {props.why}
        </p>
      ) : null}
      <CanvasChoice isDisabled={isDisabled} onError={setError} />
      <form className="editor-row" onSubmit={addScene}>
        <label>
          <span>{t('scenes.newScene')}</span>
          <input
            data-testid="new-scene-name"
            value={newName}
            maxLength={256}
            placeholder={t('scenes.newSceneName')}
            disabled={isDisabled}
            onChange={(e) => {
              setNewName(e.target.value);
              setError(null);
            }}
          />
        </label>
        <button type="submit" data-testid="add-scene" disabled={isDisabled || isBusy} title={props.why}>
          {t('scenes.addScene')}
        </button>
      </form>
      {scene ? (
        <>
          <div className="editor-row">
            <label>
              <span>{t('scenes.editScene')}</span>
              <select data-testid="edit-scene" value={scene} onChange={(e) => {
                  setPicked(e.target.value);
                  setError(null);
                }}>
                {scenes.names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            {([-1, 1] as const).map((step) => {
              const at = scenes.names.indexOf(scene);
              const to = at + step;
              return (
                <button
                  key={step}
                  type="button"
                  data-testid={step < 0 ? 'scene-earlier' : 'scene-later'}
                  aria-label={t(step < 0 ? 'scenes.moveEarlier' : 'scenes.moveLater', { scene })}
                  title={props.why ?? t(step < 0 ? 'scenes.moveEarlier' : 'scenes.moveLater', { scene })}
                  disabled={isDisabled || isBusy || to < 0 || to >= scenes.names.length}
                  onClick={() => void run(() => send('scene.move', { scene, toIndex: to }))}
                >
                  {step < 0 ? '↑' : '↓'}
                </button>
              );
            })}
            <button
              type="button"
              className="danger"
              data-testid="remove-scene"
              disabled={isDisabled || isBusy}
              title={props.why}
              onClick={() => setConfirm({ kind: 'scene' })}
            >
              {t('scenes.removeScene')}
            </button>
          </div>
          <form className="editor-row" onSubmit={rename}>
            <label>
              <span>{t('scenes.renameTo')}</span>
              <input
                data-testid="rename-scene-name"
                value={renameTo}
                maxLength={256}
                placeholder={scene}
                disabled={isDisabled}
                onChange={(e) => {
                  setRenameTo(e.target.value);
                  setError(null);
                }}
              />
            </label>
            <button type="submit" data-testid="rename-scene" disabled={isDisabled || isBusy} title={props.why}>
              {t('scenes.rename')}
            </button>
          </form>
        </>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" data-testid="editor-error">
          {error}
        </p>
      ) : null}
      {scene ? (
        <>
          <ul className="editor-sources" data-testid="editor-sources" data-scene={scene}>
            {[...items].reverse().map((item) => (
              <EditorSourceRow
                key={item.name}
                scene={scene}
                item={item}
                isDisabled={isDisabled || isBusy}
                why={props.why}
                onLock={(locked) => void run(() => send('source.lock', { scene, source: item.name, locked }))}
                onOnly={(only) => void run(() => send('source.orientation', { scene, source: item.name, only }))}
                onRemove={() => setConfirm({ kind: 'source', source: item.name })}
              />
            ))}
          </ul>
          <LayoutMonitor scene={scene} items={items} isDisabled={isDisabled} onMoved={(edit) => setLast({ kind: 'move', ...edit })} />
          <div className="editor-row">
            <button
              type="button"
              data-testid="editor-undo"
              data-undo={last?.kind ?? ''}
              disabled={isDisabled || isBusy || !last}
              title={last ? t(last.kind === 'move' ? 'scenes.undoMove' : 'scenes.undoAdd', { source: last.source, scene: last.scene }) : undefined}
              onClick={() => void undo()}
            >
              {last ? t(last.kind === 'move' ? 'scenes.undoMove' : 'scenes.undoAdd', { source: last.source, scene: last.scene }) : t('scenes.undo')}
            </button>
          </div>
          <AddSourceForm scene={scene} scenes={scenes} isDisabled={isDisabled} why={props.why} onAdded={(edit) => setLast({ kind: 'add', ...edit })} />
        </>
      ) : null}
      {confirm && scene ? (
        <ConfirmDialog
          testId={confirm.kind === 'scene' ? 'remove-scene' : 'remove-source'}
          title={
            confirm.kind === 'scene'
              ? t('scenes.removeSceneTitle', { scene })
              : t('scenes.removeSourceTitle', { source: confirm.source, scene })
          }
          text={confirm.kind === 'scene' ? t('scenes.removeSceneText') : t('scenes.removeSourceText')}
          confirmLabel={confirm.kind === 'scene' ? t('scenes.removeScene') : t('scenes.removeSource')}
          cancelLabel={t('scenes.cancel')}
          onConfirm={() => void confirmed()}
          onCancel={() => setConfirm(null)}
        />
      ) : null}
    </section>
  );
}

/** Vertical 9:16 or horizontal 16:9, with which platforms want which; OBS restarts with the choice. */
function CanvasChoice(props: { isDisabled: boolean; onError(message: string | null): void }) {
  const t = useT();
  const send = useEditorSend();
  const profile = useAppState((s) => s.studio?.obs.profile ?? null);
  const status = useAppState((s) => s.studio?.obs.status ?? null);
  const current = canvasOrientation(profile);
  const pick = async (wanted: 'vertical' | 'horizontal') => {
    if (current === wanted) return;
    props.onError(await send('video.profile', { profile: wanted }));
  };
  return (
    <div className="canvas-choice" role="group" aria-label={t('scenes.canvas')} data-testid="canvas-choice" data-canvas={current ?? ''}>
      <span className="canvas-label">{t('scenes.canvas')}</span>
      {(['vertical', 'horizontal'] as const).map((o) => (
        <button
          key={o}
          type="button"
          className="preset"
          data-testid={`canvas-${o}`}
          aria-pressed={current === o}
          disabled={props.isDisabled || status !== 'connected'}
          onClick={() => void pick(o)}
        >
          {t(o === 'vertical' ? 'scenes.canvas.vertical' : 'scenes.canvas.horizontal')}
        </button>
      ))}
      <p className="hint">{status === 'starting' ? t('scenes.canvas.switching') : t('scenes.canvas.why')}</p>
    </div>
  );
}
