import { HealthReadout } from '../features/health/health-readout';
import type { MessageKey } from '../i18n/catalog';
import { useT } from '../i18n/use-t';
import { useAppState } from '../store/store-context';
import { formatDuration } from './format-duration';
import { useNow } from './use-now';

const HUB_TEXT: Record<string, MessageKey> = {
  connecting: 'hub.connecting',
  connected: 'hub.connected',
  reconnecting: 'hub.reconnecting',
  unauthorized: 'hub.unauthorized',
  'no-bootstrap': 'hub.unauthorized',
};

/** Bottom bar: hub link, OBS and its picture health, live state and role, always visible. */
export function StatusBar() {
  const t = useT();
  const connection = useAppState((s) => s.connection);
  const obs = useAppState((s) => s.studio?.obs ?? null);
  const live = useAppState((s) => s.studio?.live ?? null);
  const now = useNow(Boolean(live?.isLive)) + connection.clockOffsetMs;

  const obsStatus = obs?.status ?? 'unavailable';
  return (
    <footer className="status-bar" role="status">
      <span className={`pill pill-${connection.status}`} data-testid="hub-status" data-status={connection.status}>
        <span className="dot" aria-hidden />
        {t('hub.label')}: {t(connection.status === 'unauthorized' && connection.wasConnected ? 'hub.forgotten' : HUB_TEXT[connection.status]!, { attempt: connection.attempt })}
      </span>
      <span className={`pill pill-obs-${obsStatus}`} data-testid="obs-status" data-status={obsStatus} title={obs?.message ?? undefined}>
        <span className="dot" aria-hidden />
        {t('obs.label')}: {t(`obs.${obsStatus}` as MessageKey)}
        {obs?.message && obsStatus !== 'connected' ? <span className="pill-detail"> · {obs.message}</span> : null}
      </span>
      <HealthReadout />
      <span className={`pill ${live?.isLive ? 'pill-live' : 'pill-off'}`} data-testid="live-status">
        <span className="dot" aria-hidden />
        {live?.isLive && live.startedAt !== null
          ? t('live.onAir', { duration: formatDuration(now - live.startedAt) })
          : t('live.offAir')}
      </span>
      <span className="spacer" />
      {connection.role ? (
        <span className="pill pill-role" data-testid="role">
          {t('role.label')}: {t(`role.${connection.role}` as MessageKey)}
        </span>
      ) : null}
    </footer>
  );
}
