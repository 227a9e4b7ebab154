import type { ObsHealth } from '@shared/features/health/domain/obs-health';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { healthFigures, healthWarnings, type HealthWarning } from './health-view';

/** The status bar's picture health: fps, CPU, skipped frames, bitrate, and warnings in plain words. */
export function HealthReadout() {
  const health = useAppState((s) => (s.studio?.obs.status === 'connected' ? s.health : null));
  if (!health) return null;
  return <HealthFiguresView health={health} />;
}

function HealthFiguresView(props: { health: ObsHealth }) {
  const t = useT();
  const { health } = props;
  const figures = healthFigures(health);
  const warnings = healthWarnings(health);
  const say = (w: HealthWarning) => ('text' in w ? w.text : t(w.key as MessageKey, w.params));
  const first = warnings[0];
  return (
    <>
      <span className="pill pill-health" data-testid="obs-health">
        <span data-testid="health-fps">{t('health.fps', { fps: figures.fps })}</span>
        <span className="sep" aria-hidden>
          ·
        </span>
        <span data-testid="health-cpu">{t('health.cpu', { percent: figures.cpuPercent })}</span>
        <span className="sep" aria-hidden>
          ·
        </span>
        <span
          data-testid="health-skipped"
          title={t('health.skippedTitle', { render: health.renderSkippedPercent, encoder: health.encoderSkippedPercent })}
        >
          {t('health.skipped', { percent: figures.skippedPercent })}
        </span>
        {figures.bitrateKbps !== null ? (
          <>
            <span className="sep" aria-hidden>
              ·
            </span>
            <span data-testid="health-bitrate" title={t('health.bitrateTitle')}>
              {t('health.bitrate', { kbps: figures.bitrateKbps })}
            </span>
          </>
        ) : null}
      </span>
      {first ? (
        <span className="pill pill-warning" role="status" data-testid="obs-warnings" title={warnings.map(say).join('\n')}>
          <span className="dot" aria-hidden />
          <span className="warning-text">{say(first)}</span>
          {warnings.length > 1 ? <span className="pill-detail"> {t('health.moreWarnings', { count: warnings.length - 1 })}</span> : null}
        </span>
      ) : (
        <span className="pill pill-healthy" data-testid="obs-warnings" data-empty="true">
          <span className="dot" aria-hidden />
          {t('health.ok')}
        </span>
      )}
    </>
  );
}
