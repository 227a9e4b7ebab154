import { useState, type FormEvent } from 'react';
import { useConsole, useSession, useT } from './console-context';
import { LanguageSwitch } from './language-switch';
import { tokenFromInput } from './session';

/** The sign-in screen: a token field, and the node's sentence when it refused the last one. */
export function SignIn() {
  const t = useT();
  const session = useSession();
  const connection = useConsole((s) => s.connection);
  const [text, setText] = useState('');
  const isConnecting = connection.phase === 'connecting';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const token = tokenFromInput(text);
    if (!token) return;
    setText('');
    session.signIn(token);
  };
  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} data-testid="sign-in">
        <div className="sign-in-head">
          <h1>{t('signIn.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="hint">{t('signIn.intro')}</p>
        {connection.phase === 'refused' && connection.message ? (
          <div className="refusal" role="alert" data-testid="sign-in-refusal">
            <strong>{t('signIn.refused')}</strong> {connection.message}
            {session.canRetry() ? (
              <button type="button" className="link-button" onClick={() => session.retry()}>
                {t('signIn.retry')}
              </button>
            ) : null}
          </div>
        ) : null}
        <label className="field">
          <span>{t('signIn.token')}</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={text}
            placeholder={t('signIn.tokenPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="sign-in-token"
          />
        </label>
        <p className="hint">{t('signIn.pasteLink')}</p>
        <button type="submit" className="primary" disabled={isConnecting || !text.trim()} data-testid="sign-in-submit">
          {isConnecting ? t('signIn.connecting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
