import { useState } from 'react';
import type { OrdersIngestInfo } from '@shared/features/sales/protocol/sales-events';
import { IngestSecretFields } from '../../app/ingest-secret-fields';
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
        <IngestSecretFields
          endpoint={info.endpoint}
          secret={info.secret}
          labels={{ endpoint: t('sales.webhookEndpoint'), secret: t('sales.webhookSecret') }}
          hint={info.isFromEnv ? t('sales.webhookSecretEnv') : t('sales.webhookHelp')}
          className="sales-webhook-info"
          testIds={{ box: 'sales-webhook', secret: 'sales-webhook-secret' }}
        />
      ) : null}
    </div>
  );
}
