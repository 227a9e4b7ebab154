import { useEffect, useState, type FormEvent } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { useCanSend, useSendBlocker } from './use-can-send';
import { useAppState, useHub } from '../store/store-context';

/** Top bar: show title (editable by roles allowed to rename), the catalog, co-host controls for the anchor, language switch. */
export function TopBar(props: { onOpenCohost: () => void; onOpenCatalog: () => void; onOpenBridges: () => void; onOpenKeys: () => void; onOpenSetup: () => void }) {
  const t = useT();
  const hub = useHub();
  const title = useAppState((s) => s.studio?.show.title ?? '');
  const role = useAppState((s) => s.connection.role);
  const language = useAppState((s) => s.language);
  const setLanguage = useAppState((s) => s.setLanguage);
  const [draft, setDraft] = useState(title);
  useEffect(() => setDraft(title), [title]);

  // The role's right to rename (the title stays editable whatever the anchor's permissions say).
  const canRename = useSendBlocker('show.rename') !== 'role';
  const canInvite = useCanSend('invite.create');
  const canSeeBridges = useCanSend('bridge.pause');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (hub && draft.trim() !== title) void hub.send('show.rename', { title: draft });
  };

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>●</span>
        {t('app.title')}
      </div>
      <form className="show-title" onSubmit={submit}>
        <input
          aria-label={t('app.rename')}
          data-testid="show-title"
          value={draft}
          placeholder={t('app.showTitlePlaceholder')}
          maxLength={120}
          disabled={!canRename}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={submit}
        />
      </form>
      {role !== null ? (
        <button type="button" className="top-button" data-testid="open-catalog" onClick={props.onOpenCatalog}>
          {t('catalog.open')}
        </button>
      ) : null}
      {canSeeBridges ? (
        <button type="button" className="top-button" data-testid="open-bridges" onClick={props.onOpenBridges}>
          {t('bridges.open')}
        </button>
      ) : null}
      {canInvite ? (
        <button type="button" className="top-button" data-testid="open-cohost" onClick={props.onOpenCohost}>
          {t('cohost.open')}
        </button>
      ) : null}
      {role === 'anchor' ? (
        <button type="button" className="top-button" data-testid="open-setup" onClick={props.onOpenSetup}>
          {t('setup.open')}
        </button>
      ) : null}
      <button type="button" className="top-button" data-testid="open-keys" title={t('keys.title')} onClick={props.onOpenKeys}>
        {t('keys.open')}
      </button>
      <label className="language">
        <span>{t('app.language')}</span>
        <select
          data-testid="language-select"
          value={language}
          onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
