import type { Product } from '@shared/features/catalog/domain/catalog';
import { formatMoney } from '@shared/core/domain/money';
import { priceNow } from '@shared/features/rundown/domain/price';
import type { FlashSale } from '@shared/features/rundown/domain/rundown';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';

/**
 * The price of the live product as the stream's card shows it at `now`: the flash price with the regular one crossed
 * out during a flash sale, the regular price from the instant it ends or sells out (priceNow, one price truth).
 */
export function PriceTag(props: { product: Product; flash: FlashSale | null; now: number; className: string; testId: string }) {
  const t = useT();
  const locale = useAppState((s) => s.language);
  const { price, was, currency, flash } = priceNow(props.product, props.flash, props.now);
  return (
    <span className={`${props.className}${flash ? ' is-flash' : ''}`} data-testid={props.testId} data-price={price} data-flash={flash ? 'true' : 'false'}>
      {flash ? <span className="flash-badge">{t('cues.flash')}</span> : null}
      <strong>{formatMoney(price, currency, locale)}</strong>
      {was !== null ? <s>{formatMoney(was, currency, locale)}</s> : null}
    </span>
  );
}
