import { useState } from 'react';
import type { Tallies } from '../../../../electron/domain/ledger';
import { DEFAULT_ORDER_SIMULATION } from '../../../../electron/domain/order-simulation';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

const MAX_RATE = 60_000;

/**
 * Rehearsal orders: a switch for the order simulator, and (for everyone) a banner while the figures include rehearsal
 * orders, so nobody mistakes them for sales. Going live clears them; show runners can clear them sooner.
 */
export function RehearsalControl(props: { tallies: Tallies }) {
  const t = useT();
  const hub = useHub();
  const canSimulate = useCanSend('sales.simulator.start');
  const canClear = useCanSend('sales.clearRehearsal');
  const running = useAppState((s) => s.sales.simulator.settings);
  const [rate, setRate] = useState(DEFAULT_ORDER_SIMULATION.ordersPerMinute);
  const counted = props.tallies.rehearsal.orders;

  const toggle = () => {
    if (running) void hub?.send('sales.simulator.stop', {});
    else void hub?.send('sales.simulator.start', { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: rate });
  };

  return (
    <>
      {counted > 0 ? (
        <p className="sales-rehearsal-banner" role="status" data-testid="sales-rehearsal-banner" data-orders={counted}>
          {t('sales.rehearsalCounted', { count: counted })}
          {canClear ? (
            <button type="button" data-testid="sales-rehearsal-clear" onClick={() => void hub?.send('sales.clearRehearsal', {})}>
              {t('sales.rehearsalClear')}
            </button>
          ) : null}
        </p>
      ) : null}
      {canSimulate ? (
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
      ) : null}
    </>
  );
}
