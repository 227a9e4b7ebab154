import { useState } from 'react';
import type { OrdersIngestInfo } from '@shared/features/sales/protocol/sales-events';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';

/**
 * (Anchor only) Where shop bridges post orders and the orders secret they sign with: not the chat bridges' secret, so
 * a leaked chat bridge cannot post paid orders. Asked when opened; kept in this component, never in the store.
 */
export function OrderWebhookControl() {
  const t = useT();
  const hub = useHub();
  const canSee = useCanSend('orders.ingestInfo');
  const [info, setInfo] = useState<OrdersIngestInfo | null>(null);
  if (!canSee) return null;
  const toggle = async () => {
    if (info) return setInfo(null);
    const result = await hub?.send('orders.ingestInfo', {});
    if (result?.ok) setInfo(result.data as OrdersIngestInfo);
  };
  return (
    <div className="sales-webhook">
      <button type="button" data-testid="sales-webhook-toggle" onClick={() => void toggle()}>
        {t('sales.webhook')}
      </button>
      {info ? (
        <div className="sales-webhook-info" data-testid="sales-webhook">
          <label>
            {t('sales.webhookEndpoint')}
            <input readOnly value={info.endpoint} />
          </label>
          <label>
            {t('sales.webhookSecret')}
            <input readOnly type="password" value={info.secret} data-testid="sales-webhook-secret" onFocus={(e) => (e.target.type = 'text')} onBlur={(e) => (e.target.type = 'password')} />
          </label>
          <p className="muted">{info.isFromEnv ? t('sales.webhookSecretEnv') : t('sales.webhookHelp')}</p>
        </div>
      ) : null}
    </div>
  );
}
