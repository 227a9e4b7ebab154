import { useEffect, useReducer } from 'react';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { INITIAL_BANNER, reduceBanner } from './health-view';

/** How long "OBS is back" stays up by itself. */
const RECOVERED_VISIBLE_MS = 8000;

/**
 * A banner across the window while OBS is starting, down, broken or missing, with the engine's own explanation; after
 * an outage it says OBS is back, then goes away. Hidden while all is well.
 */
export function ObsBanner() {
  const t = useT();
  const status = useAppState((s) => s.studio?.obs.status ?? null);
  const message = useAppState((s) => s.studio?.obs.message ?? null);
  const [banner, dispatch] = useReducer(reduceBanner, INITIAL_BANNER);
  useEffect(() => {
    if (status) dispatch({ type: 'obs', status, hasMessage: Boolean(message) });
  }, [status, message]);
  useEffect(() => {
    if (banner.kind !== 'recovered' && banner.kind !== 'engine-recovered') return;
    const timer = setTimeout(() => dispatch({ type: 'dismiss' }), RECOVERED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [banner.kind]);

  if (!banner.kind) return null;
  const isAlarm = banner.kind === 'outage' || banner.kind === 'error' || banner.kind === 'engine';
  const isBack = banner.kind === 'recovered' || banner.kind === 'engine-recovered';
  // The engine's outage is fully said in the UI's language; the hub's English detail would only repeat it.
  const showsDetail = Boolean(message) && !isBack && banner.kind !== 'engine';
  return (
    <div
      className={`obs-banner obs-banner-${banner.kind}`}
      role={isAlarm ? 'alert' : 'status'}
      data-testid="obs-banner"
      data-kind={banner.kind}
    >
      <strong>{t(`obsBanner.${banner.kind}` as MessageKey)}</strong>
      {showsDetail ? <span className="obs-banner-detail">{message}</span> : null}
      {isBack ? (
        <button type="button" onClick={() => dispatch({ type: 'dismiss' })}>
          {t('obsBanner.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
