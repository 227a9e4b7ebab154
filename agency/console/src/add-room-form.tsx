import { useState, type FormEvent } from 'react';
import { useSession, useT } from './console-context';
import { CopyField, OnceSecret } from './once-secret';

/** "Add a room": name, brand, anchor; then the studio token, once, with where to paste it. */
export function AddRoomForm(props: { onCreated: () => void }) {
  const t = useT();
  const session = useSession();
  const [fields, setFields] = useState({ name: '', brand: '', anchor: '' });
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const client = session.client();
    if (!client) return setError(t('common.offline'));
    setBusy(true);
    setError(null);
    // The previous room's token goes away: while the next is being made, it must not pass for the new one.
    setCreated(null);
    const answer = await client.request('room.create', { name: fields.name.trim(), brand: fields.brand.trim(), anchor: fields.anchor.trim() });
    setBusy(false);
    if (!answer.ok) return setError(answer.message ?? t('common.noAnswer'));
    setCreated({ name: fields.name.trim(), token: answer.data.token });
    setFields({ name: '', brand: '', anchor: '' });
    props.onCreated();
  };
  const field = (key: keyof typeof fields, label: string, isRequired = false) => (
    <label className="field">
      <span>{label}</span>
      <input value={fields[key]} required={isRequired} maxLength={120} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} data-testid={`add-room-${key}`} />
    </label>
  );
  return (
    <section className="admin-card" aria-labelledby="add-room-title">
      <h3 id="add-room-title">{t('admin.addRoom')}</h3>
      <p className="hint">{t('admin.addRoomIntro')}</p>
      <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="add-room-form">
        {field('name', t('admin.roomName'), true)}
        {field('brand', t('admin.brand'))}
        {field('anchor', t('admin.anchor'))}
        <button type="submit" className="primary" disabled={isBusy || !fields.name.trim()} data-testid="add-room-submit">
          {isBusy ? t('common.busy') : t('admin.create')}
        </button>
      </form>
      {error ? (
        <p className="error-text" role="alert" data-testid="add-room-error">
          {error}
        </p>
      ) : null}
      {created ? (
        <OnceSecret title={t('admin.studioToken', { name: created.name })} help={t('admin.studioTokenHelp')} value={created.token} testId="new-token" onDismiss={() => setCreated(null)}>
          <CopyField label={t('admin.agencyAddress')} value={window.location.origin} testId="agency-address" />
        </OnceSecret>
      ) : null}
    </section>
  );
}
