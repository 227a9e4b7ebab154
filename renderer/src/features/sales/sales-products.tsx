import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { Tallies } from '@shared/features/sales/domain/tallies';
import { formatMoney } from '@shared/core/domain/money';
import type { Language } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { nameLanguage } from './show-summary-dialog';
import { productName } from './sales-view';
import { byCodePoint } from '@shared/core/domain/text-order';

/** Height of one product row in px (fixed in sales.css, so thousands of rows scroll without measuring each). */
const ROW_HEIGHT = 24;

/** Best sellers first (net GMV), then by SKU; every product sold or with its stock tracked. */
function productOrder(tallies: Tallies): string[] {
  const { bySku, stock } = tallies;
  const gmv = (sku: string) => bySku[sku]?.gmv ?? 0;
  return [...new Set([...Object.keys(bySku), ...Object.keys(stock)])].sort((a, b) => gmv(b) - gmv(a) || byCodePoint(a, b));
}

/**
 * Sales and stock per product, only the rows in view in the page: a shop with 2,000 products tracked had every tally
 * event (up to 25 a second at peak) re-render 2,000 rows, which kept the window seconds behind the orders.
 */
export function ProductTable(props: { tallies: Tallies; locale: Language }) {
  const t = useT();
  const catalog = useAppState((s) => s.catalog.bySku);
  const { bySku, stock, currency } = props.tallies;
  const skus = useMemo(() => productOrder(props.tallies), [props.tallies]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: skus.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  if (!skus.length) return null;
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const language = nameLanguage(props.locale);
  return (
    <div className="sales-products" ref={scroller}>
      <table className="sales-table" data-testid="sales-products" aria-rowcount={skus.length + 1}>
        <thead>
          <tr>
            <th scope="col">{t('sales.product')}</th>
            <th scope="col">{t('sales.units')}</th>
            <th scope="col">{t('sales.gmv')}</th>
            <th scope="col">{t('sales.refunded')}</th>
            <th scope="col">{t('sales.stock')}</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 ? <tr aria-hidden="true" style={{ height: before }} /> : null}
          {items.map((item) => {
            const sku = skus[item.index]!;
            const sold = bySku[sku];
            const left = stock[sku];
            return (
              <ProductRow
                key={sku}
                sku={sku}
                index={item.index}
                name={productName(catalog[sku], sku, language)}
                isInCatalog={catalog[sku] !== undefined}
                units={(sold?.units ?? 0).toLocaleString(props.locale)}
                gmv={formatMoney(sold?.gmv ?? 0, currency, props.locale)}
                refunded={sold?.refunded ? formatMoney(sold.refunded, currency, props.locale) : '—'}
                left={left ? left.left.toLocaleString(props.locale) : null}
                isLow={left?.isLow === true}
                untracked={t('sales.stockUntracked')}
                lowLabel={t('sales.stockLow')}
              />
            );
          })}
          {after > 0 ? <tr aria-hidden="true" style={{ height: after }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** One product's row: re-rendered only when one of its texts changes. */
const ProductRow = memo(function ProductRow(props: {
  sku: string;
  index: number;
  name: string;
  isInCatalog: boolean;
  units: string;
  gmv: string;
  refunded: string;
  left: string | null;
  isLow: boolean;
  untracked: string;
  lowLabel: string;
}) {
  return (
    <tr data-testid="sales-sku-row" data-sku={props.sku} aria-rowindex={props.index + 2} className={props.isLow ? 'is-low' : undefined}>
      <th scope="row">
        {/* The name the anchor knows the product by, the SKU beside it for the warehouse. */}
        <span className="sales-product-name">{props.name}</span>
        {props.isInCatalog ? <span className="sales-product-sku">{props.sku}</span> : null}
      </th>
      <td>{props.units}</td>
      <td>{props.gmv}</td>
      <td>{props.refunded}</td>
      <td>
        {props.left === null ? (
          props.untracked
        ) : (
          <>
            {props.left}
            {props.isLow ? <span className="sales-badge">{props.lowLabel}</span> : null}
          </>
        )}
      </td>
    </tr>
  );
});
