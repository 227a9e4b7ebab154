import { useState, type FormEvent } from 'react';
import { PLATFORM_IDS, PLATFORM_PRESETS, type DestinationView, type PlatformId } from '@shared/features/output/domain/destinations';
import { errorText } from '../../app/error-text';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { canvasValue, destinationPayload, type DestinationForm } from './output-view';

const EMPTY_FORM: DestinationForm = { name: '', platform: 'channels', server: '', key: '', canvas: 'vertical' };

/**
 * Add or edit a destination. The key field is a password input that starts empty: the hub never sends keys back,
 * so editing shows "stored, leave empty to keep it" and only a newly typed key is sent.
 */
export function DestinationFormView(props: { editing: DestinationView | null; onDone: () => void }) {
  const t = useT();
  const hub = useHub();
  const initial: DestinationForm = props.editing
    ? { name: props.editing.name, platform: props.editing.platform, server: props.editing.server, key: '', canvas: canvasValue(props.editing.canvas) }
    : EMPTY_FORM;
  const [form, setForm] = useState<DestinationForm>(initial);
  const [error, setError] = useState<string | null>(null);
  const [isOpen, setOpen] = useState(props.editing !== null);
  const preset = PLATFORM_PRESETS[form.platform];

  const choosePlatform = (platform: PlatformId) => {
    const next = PLATFORM_PRESETS[platform];
    setForm((f) => ({
      ...f,
      platform,
      // A server that was the old preset's (or empty) follows the platform; a pasted push address stays.
      server: f.server === '' || f.server === PLATFORM_PRESETS[f.platform].server ? '' : f.server,
      canvas: canvasValue(next.canvas),
    }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!hub) return;
    const payload = destinationPayload(form);
    const result = props.editing
      ? await hub.send('destination.update', { id: props.editing.id, ...payload })
      : await hub.send('destination.add', { ...payload, key: form.key });
    if (!result.ok) {
      setError(errorText(t, result.error));
      return;
    }
    setError(null);
    setForm(EMPTY_FORM);
    if (!props.editing) setOpen(false);
    props.onDone();
  };

  if (!isOpen) {
    return (
      <button type="button" className="output-add" data-testid="destination-add-open" onClick={() => setOpen(true)}>
        {t('output.form.add')}
      </button>
    );
  }
  return (
    <form className="output-form" onSubmit={(e) => void submit(e)} data-testid="destination-form" autoComplete="off">
      <h4>{props.editing ? t('output.form.edit', { name: props.editing.name }) : t('output.form.add')}</h4>
      <label>
        {t('output.form.name')}
        <input value={form.name} maxLength={60} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="destination-name" />
      </label>
      <label>
        {t('output.form.platform')}
        <select value={form.platform} onChange={(e) => choosePlatform(e.target.value as PlatformId)} data-testid="destination-platform">
          {PLATFORM_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`output.platform.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('output.form.server')}
        <input
          value={form.server}
          maxLength={1024}
          spellCheck={false}
          placeholder={preset.server ? t('output.form.serverPreset', { server: preset.server }) : t('output.form.serverPerRoom')}
          onChange={(e) => setForm({ ...form, server: e.target.value })}
          data-testid="destination-server"
        />
      </label>
      <label>
        {t('output.form.key')}
        <input
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={form.key}
          maxLength={512}
          placeholder={props.editing ? t('output.form.keyKeep') : ''}
          onChange={(e) => setForm({ ...form, key: e.target.value })}
          data-testid="destination-key-input"
        />
      </label>
      <label>
        {t('output.form.canvas')}
        <select value={form.canvas} onChange={(e) => setForm({ ...form, canvas: e.target.value as DestinationForm['canvas'] })} data-testid="destination-canvas">
          <option value="vertical">{t('output.canvas.vertical')}</option>
          <option value="horizontal">{t('output.canvas.horizontal')}</option>
          <option value="none">{t('output.canvas.none')}</option>
        </select>
      </label>
      <div className="output-row-buttons">
        <button type="submit" data-testid="destination-save">
          {props.editing ? t('output.form.save') : t('output.form.addSubmit')}
        </button>
        <button
          type="button"
          onClick={() => {
            setForm(EMPTY_FORM);
            setError(null);
            if (!props.editing) setOpen(false);
            props.onDone();
          }}
        >
          {t('output.form.cancel')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="output-error" data-testid="destination-form-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
