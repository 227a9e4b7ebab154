import { useState } from 'react';
import { ConfirmDialog } from '../../app/confirm-dialog';
import { formatDuration } from '../../app/format-duration';
import { useCanSend } from '../../app/use-can-send';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/** Going live starts OBS's output, the relay and the recording: it may take a while on a busy computer. */
export const GO_LIVE_TIMEOUT_MS = 75_000;

/** On-air state with the live timer, "Go live", and "End show" behind a confirmation. */
export function ShowControls() {
  const t = useT();
  const hub = useHub();
  const phase = useAppState((s) => s.studio?.output.show.phase ?? 'off-air');
  const lastError = useAppState((s) => s.studio?.output.show.lastError ?? null);
  const startedAt = useAppState((s) => s.studio?.live.startedAt ?? null);
  const offset = useAppState((s) => s.connection.clockOffsetMs);
  const canGoLive = useCanSend('show.goLive');
  const canEnd = useCanSend('show.end');
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const now = useNow(phase === 'live') + offset;

  const run = async (name: 'show.goLive' | 'show.end') => {
    if (!hub) return;
    setBusy(true);
    try {
      await hub.send(name, {}, { timeoutMs: GO_LIVE_TIMEOUT_MS });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`output-show phase-${phase}`} data-testid="output-show" data-phase={phase}>
      <div className="output-onair" data-testid="output-onair">
        <span className="dot" aria-hidden />
        {phase === 'live' && startedAt !== null
          ? t('output.onAir', { duration: formatDuration(now - startedAt) })
          : phase === 'starting'
            ? t('output.starting')
            : phase === 'ending'
              ? t('output.ending')
              : t('output.offAir')}
      </div>
      {phase === 'live' || phase === 'ending' ? (
        <button type="button" className="output-end" data-testid="end-show" disabled={!canEnd || isBusy || phase === 'ending'} onClick={() => setConfirming(true)}>
          {t('output.endShow')}
        </button>
      ) : (
        <button type="button" className="output-go" data-testid="go-live" disabled={!canGoLive || isBusy || phase !== 'off-air'} onClick={() => void run('show.goLive')}>
          {t('output.goLive')}
        </button>
      )}
      {phase === 'off-air' && lastError ? (
        <p className="output-error" role="alert" data-testid="output-last-error">
          {t('output.lastError', { message: lastError })}
        </p>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          testId="end-show"
          title={t('output.confirmTitle')}
          text={t('output.confirmText')}
          cancelLabel={t('output.cancel')}
          confirmLabel={t('output.confirmEnd')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run('show.end');
          }}
        />
      ) : null}
    </div>
  );
}
