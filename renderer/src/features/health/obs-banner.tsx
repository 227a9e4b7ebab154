import { useEffect } from 'react';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';

/** How long "OBS is back" stays up by itself. */
const RECOVERED_VISIBLE_MS = 8000;

/**
 * A banner across the window while OBS is starting, down, broken or missing, with the engine's own explanation; after
 * an outage it says OBS is back, then goes away. Hidden while all is well.
 */
export function ObsBanner() {
  const t = useT();
  const message = useAppState((s) => s.studio?.obs.message ?? null);
  // Reduced in the store from every status the hub sent (store/studio-store.ts), so no outage is missed between renders.
  const banner = useAppState((s) => s.banner);
  const dismiss = useAppState((s) => s.dismissBanner);
  useEffect(() => {
    if (banner.kind !== 'recovered' && banner.kind !== 'engine-recovered') return;
    const timer = setTimeout(dismiss, RECOVERED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [banner.kind, dismiss]);

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
        <button type="button" onClick={dismiss}>
          {t('obsBanner.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
