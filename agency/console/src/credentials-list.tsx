import { useCallback, useEffect, useState } from 'react';
import type { CredentialView } from '../../shared/console-protocol';
import { useConsole, useSession, useT } from './console-context';
import { formatDateTime } from './format';

/** Every credential (console users and studio links, never their tokens) with a revoke button, confirmed first. */
export function CredentialsList(props: { version: number }) {
  const t = useT();
  const session = useSession();
  const language = useConsole((s) => s.language);
  const isOnline = useConsole((s) => s.connection.phase === 'online');
  const [credentials, setCredentials] = useState<CredentialView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CredentialView | null>(null);
  const load = useCallback(async () => {
    const client = session.client();
    if (!client) return;
    const answer = await client.request('token.list', {});
    if (answer.ok) {
      setCredentials(answer.data.credentials);
      setError(null);
    } else setError(answer.message ?? t('common.noAnswer'));
  }, [session, t]);
  useEffect(() => {
    // Reload after each room or user added (`version`), and when the link comes back.
    if (isOnline) void load();
  }, [load, props.version, isOnline]);
  const revoke = async (credential: CredentialView) => {
    setConfirming(null);
    const client = session.client();
    if (!client) return setError(t('common.offline'));
    const answer = await client.request('token.revoke', { id: credential.id });
    if (!answer.ok) setError(answer.message ?? t('common.noAnswer'));
    await load();
  };
  return (
    <section className="admin-card admin-credentials" aria-labelledby="credentials-title">
      <div className="card-head">
        <h3 id="credentials-title">{t('admin.credentials')}</h3>
        <button type="button" className="quiet" onClick={() => void load()}>
          {t('admin.refresh')}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert" data-testid="credentials-error">
          {error}
        </p>
      ) : null}
      {credentials === null ? (
        <p className="empty">{t('app.loading')}</p>
      ) : credentials.length === 0 ? (
        <p className="empty">{t('admin.noCredentials')}</p>
      ) : (
        <table className="credentials" data-testid="credentials">
          <thead>
            <tr>
              <th scope="col">{t('admin.colName')}</th>
              <th scope="col">{t('admin.colRole')}</th>
              <th scope="col">{t('admin.colBrand')}</th>
              <th scope="col">{t('admin.colCreated')}</th>
              <th scope="col">{t('admin.colState')}</th>
              <th scope="col" aria-label={t('admin.revoke')} />
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <tr key={c.id} className={c.revokedAt === null ? '' : 'is-revoked'} data-testid="credential-row" data-credential-id={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.role === 'brand' ? t('admin.roleBrand') : t(`role.${c.role}`)}</td>
                <td>{c.brand ?? ''}</td>
                <td>{formatDateTime(c.createdAt, language)}</td>
                <td>{c.revokedAt === null ? t('admin.active') : t('admin.revoked', { time: formatDateTime(c.revokedAt, language) })}</td>
                <td>
                  {c.revokedAt === null ? (
                    <button type="button" className="danger" onClick={() => setConfirming(c)} data-testid="credential-revoke">
                      {t('admin.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming ? (
        <div className="dialog-backdrop">
          <div className="dialog confirm" role="alertdialog" aria-modal="true" aria-labelledby="revoke-title" data-testid="revoke-confirm">
            <h3 id="revoke-title">{t('admin.revokeTitle', { name: confirming.name })}</h3>
            <p>{t('admin.revokeText')}</p>
            <div className="dialog-buttons">
              <button type="button" className="quiet" autoFocus onClick={() => setConfirming(null)}>
                {t('admin.cancel')}
              </button>
              <button type="button" className="danger" onClick={() => void revoke(confirming)} data-testid="revoke-confirm-yes">
                {t('admin.revokeConfirm')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
