import { useRef, useState, type FormEvent } from 'react';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { parseMoneyInput } from '@shared/core/domain/money';

/** Manual order entry (phone or offline sales): sends `order.record`, the same ledger path as platform webhooks. */
export function ManualOrderForm(props: { currency: string }) {
  const t = useT();
  const hub = useHub();
  const canRecord = useCanSend('order.record');
  const [sku, setSku] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [isInvalid, setIsInvalid] = useState(false);
  // One id per order being entered, kept until the hub confirms: a retry after a timeout is deduped, not counted twice.
  const pendingId = useRef<string | null>(null);
  if (!hub || !canRecord) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const unitPrice = parseMoneyInput(price, props.currency);
    const qty = Number(quantity);
    if (!sku.trim() || !Number.isInteger(qty) || qty < 1 || unitPrice === null) {
      setIsInvalid(true);
      return;
    }
    setIsInvalid(false);
    pendingId.current ??= crypto.randomUUID();
    const id = pendingId.current;
    const result = await hub.send('order.record', {
      eventId: `manual-${id}`,
      platform: 'manual',
      orderId: id,
      status: 'paid',
      occurredAt: Date.now(),
      currency: props.currency,
      items: [{ sku: sku.trim(), quantity: qty, unitPrice }],
    });
    if (result.ok) {
      pendingId.current = null;
      setPrice('');
      setQuantity('1');
    }
  };

  return (
    <details className="sales-manual">
      <summary>{t('sales.record')}</summary>
      <form onSubmit={(e) => void submit(e)} data-testid="sales-manual-form">
        <label>
          {t('sales.recordSku')}
          <input value={sku} onChange={(e) => setSku(e.target.value)} maxLength={128} data-testid="sales-manual-sku" />
        </label>
        <label>
          {t('sales.recordQuantity')}
          <input value={quantity} onChange={(e) => setQuantity(e.target.value)} inputMode="numeric" data-testid="sales-manual-quantity" />
        </label>
        <label>
          {t('sales.recordPrice', { currency: props.currency })}
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" placeholder="0.00" data-testid="sales-manual-price" />
        </label>
        <button type="submit">{t('sales.recordSubmit')}</button>
        {isInvalid ? <p role="alert" className="sales-note">{t('sales.recordInvalid')}</p> : null}
      </form>
    </details>
  );
}
