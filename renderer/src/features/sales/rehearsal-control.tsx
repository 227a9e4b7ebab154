import { useState } from 'react';
import type { Tallies } from '@shared/features/sales/domain/tallies';
import { DEFAULT_ORDER_SIMULATION } from '@shared/features/sales/domain/order-simulation';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

const MAX_RATE = 60_000;

/**
 * Shown to everyone, above the figures, while they include rehearsal orders, so nobody mistakes them for sales.
 * Going live clears them; show runners can clear them sooner.
 */
export function RehearsalBanner(props: { tallies: Tallies }) {
  const t = useT();
  const hub = useHub();
  const canClear = useCanSend('sales.clearRehearsal');
  const counted = props.tallies.rehearsal.orders;
  if (counted === 0) return null;
  return (
    <p className="sales-rehearsal-banner" role="status" data-testid="sales-rehearsal-banner" data-orders={counted}>
      {t('sales.rehearsalCounted', { count: counted })}
      {canClear ? (
        <button type="button" data-testid="sales-rehearsal-clear" onClick={() => void hub?.send('sales.clearRehearsal', {})}>
          {t('sales.rehearsalClear')}
        </button>
      ) : null}
    </p>
  );
}

/** The rehearsal order simulator's switch and rate, for show runners. */
export function RehearsalControl() {
  const t = useT();
  const hub = useHub();
  const canSimulate = useCanSend('sales.simulator.start');
  const running = useAppState((s) => s.sales.simulator.settings);
  const [rate, setRate] = useState(DEFAULT_ORDER_SIMULATION.ordersPerMinute);
  if (!canSimulate) return null;

  const toggle = () => {
    if (running) void hub?.send('sales.simulator.stop', {});
    else void hub?.send('sales.simulator.start', { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: rate });
  };

  return (
    <div className="sales-rehearsal">
      <span>{t('sales.rehearsal')}</span>
      <input
        type="number"
        min={1}
        max={MAX_RATE}
        value={rate}
        disabled={Boolean(running)}
        aria-label={t('sales.rehearsalRate')}
        data-testid="sales-sim-rate"
        onChange={(e) => setRate(Math.max(1, Math.min(MAX_RATE, Math.round(Number(e.target.value)) || 1)))}
      />
      <span className="muted">{t('sales.rehearsalRate')}</span>
      <button type="button" data-testid="sales-sim-toggle" data-running={running ? 'true' : 'false'} onClick={toggle}>
        {running ? t('sales.rehearsalStop') : t('sales.rehearsalStart')}
      </button>
    </div>
  );
}
