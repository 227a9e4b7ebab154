import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../app/confirm-dialog';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/**
 * The anchor's link to an agency: paste the agency's address and the studio token it issued, see whether the link
 * holds and how much of the ledger the agency has, unlink. The token is never shown again once sent.
 */
export function AgencyLinkSection() {
  const t = useT();
  const hub = useHub();
  const link = useAppState((s) => s.agencyLink);
  const canLink = useCanSend('agency.link');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [isConfirming, setConfirming] = useState(false);
  if (!canLink) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await hub?.send('agency.link', { url, token });
    if (result?.ok) setToken('');
  };
  const unlink = async () => {
    setConfirming(false);
    await hub?.send('agency.unlink', {});
  };

  return (
    <section className="agency-link" data-testid="agency-link">
      <h3>{t('agency.title')}</h3>
      {link ? (
        <>
          <p data-testid="agency-link-state" data-state={link.state}>
            {link.state === 'linked'
              ? t('agency.state.linked', { agency: link.agencyName ?? '', room: link.roomName ?? '' })
              : link.state === 'connecting'
                ? t('agency.state.connecting', { url: link.url })
                : t(link.state === 'offline' ? 'agency.state.offline' : 'agency.state.refused')}
          </p>
          {link.problem && link.state !== 'linked' ? <p className="hint" data-testid="agency-link-problem">{link.problem}</p> : null}
          <p className="hint" data-testid="agency-link-sent">
            {t('agency.sent', { sent: link.sentEntries, entries: link.entries })}
          </p>
          <label className="toggle">
            <input
              type="checkbox"
              data-testid="agency-allow-commands"
              checked={link.allowsCommands}
              onChange={(e) => void hub?.send('agency.permit', { allowCommands: e.target.checked })}
            />
            {t('agency.allowCommands')}
          </label>
          <button type="button" data-testid="agency-unlink" onClick={() => setConfirming(true)}>
            {t('agency.unlink')}
          </button>
          {isConfirming ? (
            <ConfirmDialog
              title={t('agency.unlinkTitle')}
              text={t('agency.unlinkText')}
              confirmLabel={t('agency.unlink')}
              cancelLabel={t('agency.cancel')}
              testId="agency-unlink"
              onConfirm={() => void unlink()}
              onCancel={() => setConfirming(false)}
            />
          ) : null}
        </>
      ) : (
        <>
          <p className="hint">{t('agency.intro')}</p>
          <form className="agency-link-form" onSubmit={submit}>
            <input aria-label={t('agency.url')} placeholder={t('agency.urlPlaceholder')} data-testid="agency-url" value={url} required maxLength={500} onChange={(e) => setUrl(e.target.value)} />
            <input
              aria-label={t('agency.token')}
              placeholder={t('agency.tokenPlaceholder')}
              data-testid="agency-token"
              type="password"
              autoComplete="off"
              value={token}
              required
              maxLength={200}
              onChange={(e) => setToken(e.target.value)}
            />
            <button type="submit" data-testid="agency-link-submit">
              {t('agency.link')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
