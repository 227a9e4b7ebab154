import { useState, type FormEvent } from 'react';
import { useSession, useT } from './console-context';
import { OnceSecret } from './once-secret';

/** "Add a console user": a producer or a brand viewer (brand required); then their sign-in link, once. */
export function AddUserForm(props: { onCreated: () => void }) {
  const t = useT();
  const session = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<'producer' | 'brand'>('producer');
  const [brand, setBrand] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; link: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (role === 'brand' && !brand.trim()) return setError(t('admin.brandRequired'));
    const client = session.client();
    if (!client) return setError(t('common.offline'));
    setBusy(true);
    setError(null);
    const answer = await client.request('token.create', role === 'brand' ? { role, name: name.trim(), brand: brand.trim() } : { role, name: name.trim() });
    setBusy(false);
    if (!answer.ok) return setError(answer.message ?? t('common.noAnswer'));
    // The token rides in the fragment: browsers never send it to the server, so it stays out of access logs.
    setCreated({ name: name.trim(), link: `${window.location.origin}/#token=${answer.data.token}` });
    setName('');
    setBrand('');
    props.onCreated();
  };
  return (
    <section className="admin-card" aria-labelledby="add-user-title">
      <h3 id="add-user-title">{t('admin.addUser')}</h3>
      <p className="hint">{t('admin.addUserIntro')}</p>
      <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="add-user-form">
        <label className="field">
          <span>{t('admin.userName')}</span>
          <input value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="add-user-name" />
        </label>
        <label className="field">
          <span>{t('admin.userRole')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value === 'brand' ? 'brand' : 'producer')} data-testid="add-user-role">
            <option value="producer">{t('admin.roleProducer')}</option>
            <option value="brand">{t('admin.roleBrand')}</option>
          </select>
        </label>
        {role === 'brand' ? (
          <label className="field">
            <span>{t('admin.userBrand')}</span>
            <input value={brand} maxLength={120} onChange={(e) => setBrand(e.target.value)} data-testid="add-user-brand" />
          </label>
        ) : null}
        <button type="submit" className="primary" disabled={isBusy || !name.trim()} data-testid="add-user-submit">
          {isBusy ? t('common.busy') : t('admin.createUser')}
        </button>
      </form>
      {error ? (
        <p className="error-text" role="alert" data-testid="add-user-error">
          {error}
        </p>
      ) : null}
      {created ? (
        <OnceSecret title={t('admin.userLink', { name: created.name })} help={t('admin.userLinkHelp')} value={created.link} testId="new-user-link" onDismiss={() => setCreated(null)} />
      ) : null}
    </section>
  );
}
