import { useState, type FormEvent } from 'react';
import type { CommandPayload } from '@shared/core/protocol';
import { BOX_PRESETS, presetBox, type BoxPreset } from '@shared/features/scenes/domain/source-layout';
import type { ScenesState } from '@shared/features/scenes/domain/scenes';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { EDITOR_SOURCE_TYPES, canvasOrientation, isPlaced, suggestName, takenNames, usesDevice, usesFile, type EditorSourceType } from './editor-view';
import { useEditorSend } from './use-editor-send';

/**
 * "Add source" for one scene: type, device (from OBS's own list, with Refresh), file or text, name (a free one is
 * suggested) and a position preset. A bad field is explained in the window's language and nothing typed is lost.
 */
export function AddSourceForm(props: {
  scene: string;
  scenes: ScenesState;
  isDisabled: boolean;
  why: string | undefined;
  /** A source OBS added (for undo). */
  onAdded(edit: { scene: string; source: string }): void;
}) {
  const t = useT();
  const send = useEditorSend();
  const devices = useAppState((s) => s.studio?.obs.devices ?? null);
  const profile = useAppState((s) => s.studio?.obs.profile ?? null);
  const [type, setType] = useState<EditorSourceType>('camera');
  const [device, setDevice] = useState('');
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const [text, setText] = useState('');
  const [position, setPosition] = useState<BoxPreset>('full');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const taken = takenNames(props.scenes);
  const typeLabel = (ty: EditorSourceType) => t(`scenes.sourceType.${ty}` as MessageKey);
  // Until the anchor types a name, the field offers a free one from the type ("Camera 2").
  const effectiveName = name.trim() || suggestName(typeLabel(type), taken);
  const list = type === 'camera' ? devices?.cameras : type === 'microphone' ? devices?.microphones : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (taken.has(effectiveName)) return setError(t('scenes.sourceNameTaken', { name: effectiveName }));
    if (usesFile(type) && !file.trim()) return setError(t('scenes.fileEmpty'));
    const payload: CommandPayload<'source.add'> = { scene: props.scene, name: effectiveName, type };
    if (usesDevice(type) && device) payload.device = device;
    if (usesFile(type)) payload.file = file.trim();
    if (type === 'text') payload.text = text;
    if (isPlaced(type)) payload.box = presetBox(position, canvasOrientation(profile) === 'vertical');
    setBusy(true);
    try {
      const failure = await send('source.add', payload);
      setError(failure);
      if (failure === null) {
        props.onAdded({ scene: props.scene, source: effectiveName });
        setName('');
        setText('');
        setFile('');
      }
    } finally {
      setBusy(false);
    }
  };

  const refresh = async () => {
    setBusy(true);
    try {
      setError(await send('devices.refresh', {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-source" data-testid="add-source" onSubmit={submit} aria-label={t('scenes.addSourceTo', { scene: props.scene })}>
      <h4 className="sub-title">{t('scenes.addSourceTo', { scene: props.scene })}</h4>
      <label>
        <span>{t('scenes.sourceType')}</span>
        <select data-testid="source-type" value={type} disabled={props.isDisabled} onChange={(e) => setType(e.target.value as EditorSourceType)}>
          {EDITOR_SOURCE_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {typeLabel(ty)}
            </option>
          ))}
        </select>
      </label>
      {usesDevice(type) ? (
        <div className="device-row">
          <label>
            <span>{t('scenes.device')}</span>
            <select data-testid="source-device" value={device} disabled={props.isDisabled} onChange={(e) => setDevice(e.target.value)}>
              <option value="">{t('scenes.deviceDefault')}</option>
              {(list ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="devices-refresh" disabled={props.isDisabled || isBusy} title={props.why} onClick={() => void refresh()}>
            {t('scenes.devicesRefresh')}
          </button>
          {list && list.length === 0 ? (
            <p className="hint" data-testid="no-devices">
              {t('scenes.noDevices', { kind: typeLabel(type) })}
            </p>
          ) : null}
        </div>
      ) : null}
      {usesFile(type) ? (
        <label>
          <span>{t('scenes.sourceFile')}</span>
          <input
            data-testid="source-file"
            value={file}
            maxLength={4096}
            placeholder={t('scenes.sourceFileHint')}
            disabled={props.isDisabled}
            onChange={(e) => setFile(e.target.value)}
          />
        </label>
      ) : null}
      {type === 'text' ? (
        <label>
          <span>{t('scenes.sourceText')}</span>
          <input data-testid="source-text" value={text} maxLength={500} disabled={props.isDisabled} onChange={(e) => setText(e.target.value)} />
        </label>
      ) : null}
      <label>
        <span>{t('scenes.sourceName')}</span>
        <input
          data-testid="source-name"
          value={name}
          maxLength={256}
          placeholder={effectiveName}
          disabled={props.isDisabled}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {isPlaced(type) ? (
        <label>
          <span>{t('scenes.position')}</span>
          <select data-testid="source-position" value={position} disabled={props.isDisabled} onChange={(e) => setPosition(e.target.value as BoxPreset)}>
            {BOX_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`scenes.position.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className="primary" data-testid="source-add" disabled={props.isDisabled || isBusy} title={props.why}>
        {t('scenes.addSource')}
      </button>
      {error ? (
        <p className="field-error" role="alert" data-testid="add-source-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
