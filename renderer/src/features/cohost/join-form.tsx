import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t';

/** Joins a studio with its address and a 6-digit pairing code; reloads the page with the token it gets. */
export function JoinForm() {
  const t = useT();
  const [address, setAddress] = useState(() => window.location.origin);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const join = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let base: URL;
    try {
      base = new URL(address);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('http(s) only');
    } catch {
      setError(t('join.failed', { message: t('join.address') }));
      return;
    }
    try {
      const res = await fetch(new URL('/api/v1/pair', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: code.trim() }) });
      const body = (await res.json()) as { token?: string; error?: { message: string } };
      if (!res.ok || !body.token) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      // The studio serves this same UI: open it there with the token (moved out of the URL on load).
      window.location.assign(`${base.origin}/?token=${encodeURIComponent(body.token)}`);
    } catch (err) {
      setError(t('join.failed', { message: (err as Error).message }));
    }
  };

  return (
    <form className="join-form" onSubmit={join} data-testid="join-form">
      <h2>{t('join.title')}</h2>
      <input aria-label={t('join.address')} placeholder={t('join.address')} value={address} onChange={(e) => setAddress(e.target.value)} />
      <input
        aria-label={t('join.code')}
        placeholder={t('join.code')}
        data-testid="join-code"
        inputMode="numeric"
        pattern="\d{6}"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" data-testid="join-submit">
        {t('join.submit')}
      </button>
      {error ? (
        <p role="alert" className="join-error" data-testid="join-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
