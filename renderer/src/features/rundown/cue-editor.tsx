import { useState, type FormEvent } from 'react';
import { presentersIn } from '@shared/features/rundown/domain/presenters';
import { MAX_CUE_NOTE, MAX_PRESENTER, type Cue, type CueCard } from '@shared/features/rundown/domain/rundown';
import type { CameraPreset } from '@shared/features/scenes/domain/scenes';
import { CATALOG_LIMITS } from '@shared/features/catalog/domain/catalog';
import type { CommandPayload } from '@shared/core/protocol';
import { PresetPicker } from '../../app/preset-picker';
import { errorText } from '../../app/error-text';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { formatPlannedMinutes, parsePlannedMinutes } from './cue-view';
import { useRundown } from './use-rundown';

/**
 * A cue's fields edited in place under its row: label, planned time, camera preset, the card as it goes live, its
 * script, the producer's note and who presents it (the names already in the show offered). Saving sends the whole cue (cue.update); a refusal is shown here and nothing typed is
 * lost.
 */
export function CueEditor(props: { cue: Cue; productScript: string; onDone(): void }) {
  const t = useT();
  const hub = useHub();
  const { cue } = props;
  const [label, setLabel] = useState(cue.label);
  const [minutes, setMinutes] = useState(formatPlannedMinutes(cue.plannedMs));
  const [preset, setPreset] = useState<CameraPreset | ''>(cue.cameraPreset ?? '');
  const [card, setCard] = useState<CueCard | ''>(cue.card ?? '');
  const [script, setScript] = useState(cue.script ?? '');
  const [note, setNote] = useState(cue.note ?? '');
  const [presenter, setPresenter] = useState(cue.presenter ?? '');
  const presenters = presentersIn(useRundown().cues);
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const plannedMs = parsePlannedMinutes(minutes);
    if (plannedMs === null) return setError(t('cues.badMinutes'));
    const { card: _card, script: _script, note: _note, presenter: _presenter, ...rest } = cue;
    const edited = {
      ...rest,
      label: label.trim(),
      plannedMs,
      cameraPreset: preset || null,
      ...(card ? { card } : {}),
      ...(script.trim() ? { script } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(presenter.trim() ? { presenter: presenter.trim() } : {}),
    } as CommandPayload<'cue.update'>['cue'];
    const result = await hub?.send('cue.update', { cue: edited });
    if (!result) return;
    if (!result.ok) return setError(errorText(t, result.error));
    props.onDone();
  };

  return (
    <form className="cue-editor" data-testid="cue-editor" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onDone()}>
      <label>
        {t('cues.edit.label')}
        <input data-testid="cue-edit-label" value={label} maxLength={200} placeholder={t('cues.edit.labelHint')} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <label>
        {t('cues.minutes')}
        <input data-testid="cue-edit-minutes" className="minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </label>
      <label>
        {t('cues.edit.preset')}
        <PresetPicker testId="cue-edit-preset" value={preset} onChange={setPreset} noneLabel={t('cues.edit.presetKeep')} />
      </label>
      <label>
        {t('cues.edit.card')}
        <select data-testid="cue-edit-card" value={card} onChange={(e) => setCard(e.target.value as CueCard | '')}>
          <option value="">{t('cues.edit.cardKeep')}</option>
          <option value="show">{t('cues.edit.cardShow')}</option>
          <option value="hide">{t('cues.edit.cardHide')}</option>
        </select>
      </label>
      <label className="wide">
        {t('cues.edit.script')}
        <textarea
          data-testid="cue-edit-script"
          rows={3}
          maxLength={CATALOG_LIMITS.script}
          value={script}
          placeholder={props.productScript ? t('cues.edit.scriptFromProduct', { script: props.productScript.slice(0, 80) }) : t('cues.edit.scriptHint')}
          onChange={(e) => setScript(e.target.value)}
        />
      </label>
      <label className="wide">
        {t('cues.edit.note')}
        <input data-testid="cue-edit-note" value={note} maxLength={MAX_CUE_NOTE} placeholder={t('cues.edit.noteHint')} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        {t('cues.edit.presenter')}
        <input
          data-testid="cue-edit-presenter"
          list={`presenters-${cue.id}`}
          value={presenter}
          maxLength={MAX_PRESENTER}
          placeholder={t('cues.edit.presenterHint')}
          onChange={(e) => setPresenter(e.target.value)}
        />
        <datalist id={`presenters-${cue.id}`}>
          {presenters.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <div className="cue-editor-actions">
        <button type="submit" className="primary" data-testid="cue-edit-save">
          {t('cues.edit.save')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('cues.edit.cancel')}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="cue-edit-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
