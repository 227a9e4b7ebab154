import { useState } from 'react';
import type { Tallies } from '@shared/features/sales/domain/tallies';
import { ConfirmDialog } from '../../app/confirm-dialog';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/**
 * Since when the figures count, and (anchor only, off air) "New show": the figures start again from zero while every
 * earlier order stays in the ledger. Behind a confirmation, since it changes what everyone's panel shows.
 */
export function NewShowControl(props: { tallies: Tallies }) {
  const t = useT();
  const hub = useHub();
  const canStart = useCanSend('sales.newShow');
  const isLive = useAppState((s) => s.studio?.live.isLive ?? false);
  const language = useAppState((s) => s.language);
  const [isConfirming, setConfirming] = useState(false);
  const since = props.tallies.showStartedAt;
  if (since === null && !canStart) return null;
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div className="sales-show">
      {since !== null ? (
        <span className="muted" data-testid="sales-since">
          {t('sales.since', { time: time.format(since) })}
        </span>
      ) : null}
      {canStart ? (
        <button type="button" data-testid="sales-new-show" disabled={isLive} title={isLive ? t('sales.newShowLive') : undefined} onClick={() => setConfirming(true)}>
          {t('sales.newShow')}
        </button>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          testId="new-show"
          title={t('sales.newShowTitle')}
          text={t('sales.newShowText')}
          cancelLabel={t('sales.cancel')}
          confirmLabel={t('sales.newShowConfirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void hub?.send('sales.newShow', {});
          }}
        />
      ) : null}
    </div>
  );
}
