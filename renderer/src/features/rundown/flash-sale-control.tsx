import { useState, type FormEvent } from 'react';
import type { Product } from '@shared/features/catalog/domain/catalog';
import { countdownText } from '@shared/features/overlay/domain/overlay-card';
import { formatMoney, parseMoneyInput } from '@shared/core/domain/money';
import { isFlashActive, type FlashSale } from '@shared/features/rundown/domain/rundown';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import { parsePlannedMinutes } from './cue-view';

/** Starts a flash sale on the live product (sale price, minutes, optional units), or shows the running one. */
export function FlashSaleControl(props: { product: Product; flash: FlashSale | null; now: number; locale: string }) {
  const t = useT();
  const hub = useHub();
  const [price, setPrice] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { product, flash, now } = props;

  if (isFlashActive(flash, now) && flash.sku === product.sku) {
    return (
      <div className="flash-on" data-testid="flash-on">
        <strong>
          {t('cues.flash')} {countdownText(flash.endsAt, now)}
        </strong>{' '}
        {formatMoney(flash.price, product.currency, props.locale)}
        {flash.limit ? ` · ${flash.limit}` : ''}
        <button type="button" onClick={() => void hub?.send('flash.end', {})}>
          {t('cues.flashEnd')}
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoneyInput(price, product.currency);
    if (minor === null) return setError(t('cues.badPrice'));
    const durationMs = parsePlannedMinutes(minutes);
    if (durationMs === null || durationMs < 5000) return setError(t('cues.badMinutes'));
    const units = limit.trim() === '' ? null : Number.parseInt(limit, 10);
    setError(null);
    const result = await hub?.send('flash.start', { sku: product.sku, price: minor, durationMs, limit: Number.isFinite(units) && units! > 0 ? units : null });
    if (result?.ok) setPrice('');
  };

  return (
    <form className="flash-form" data-testid="flash-form" onSubmit={submit}>
      <span className="label">{t('cues.flash')}</span>
      <input aria-label={t('cues.flashPrice')} placeholder={t('cues.flashPrice')} value={price} inputMode="decimal" onChange={(e) => setPrice(e.target.value)} />
      <input aria-label={t('cues.flashMinutes')} className="minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <input aria-label={t('cues.flashLimit')} placeholder={t('cues.flashLimit')} className="minutes" value={limit} inputMode="numeric" onChange={(e) => setLimit(e.target.value)} />
      <button type="submit">{t('cues.flashStart')}</button>
      {error ? <p className="form-error">{error}</p> : null}
    </form>
  );
}
