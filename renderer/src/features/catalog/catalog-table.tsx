import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { productTitle, type Product } from '@shared/features/catalog/domain/catalog';
import { formatMoney } from '@shared/core/domain/money';
import type { Language } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';

/** Height of one table row in px (fixed, so 5,000 rows scroll without measuring each). */
const ROW_HEIGHT = 34;

/** The catalog's products as a virtualised table: only the rows in view are in the page, so 5,000 products stay fast. */
export function CatalogTable(props: { onSelect?: (sku: string) => void }) {
  const t = useT();
  const skus = useAppState((s) => s.catalog.skus);
  const bySku = useAppState((s) => s.catalog.bySku);
  const language = useAppState((s) => s.language);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: skus.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <div className="catalog-table" role="table" aria-label={t('catalog.tableLabel')} aria-rowcount={skus.length + 1} data-testid="catalog-table">
      <div className="catalog-row catalog-head" role="row" aria-rowindex={1}>
        <span role="columnheader">{t('catalog.col.sku')}</span>
        <span role="columnheader">{t('catalog.col.title')}</span>
        <span role="columnheader" className="num">{t('catalog.col.price')}</span>
        <span role="columnheader" className="num">{t('catalog.col.listPrice')}</span>
        <span role="columnheader" className="num">{t('catalog.col.stock')}</span>
      </div>
      <div className="catalog-scroll" ref={scroller} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const product = bySku[skus[item.index]!];
            return product ? (
              <ProductRow key={product.sku} product={product} language={language} index={item.index} top={item.start} none={t('catalog.none')} onSelect={props.onSelect} />
            ) : null;
          })}
        </div>
      </div>
    </div>
  );
}

const ProductRow = memo(function ProductRow(props: {
  product: Product;
  language: Language;
  index: number;
  top: number;
  none: string;
  onSelect?: ((sku: string) => void) | undefined;
}) {
  const { product: p, language } = props;
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      data-testid="catalog-row"
      data-sku={p.sku}
      className={props.onSelect ? 'catalog-row is-editable' : 'catalog-row'}
      tabIndex={props.onSelect ? 0 : undefined}
      onClick={props.onSelect ? () => props.onSelect!(p.sku) : undefined}
      onKeyDown={props.onSelect ? (e) => e.key === 'Enter' && props.onSelect!(p.sku) : undefined}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${props.top}px)` }}
    >
      <span role="cell" className="sku" title={p.sku}>
        {p.sku}
      </span>
      <span role="cell" className="title" title={productTitle(p, lang)}>
        {productTitle(p, lang)}
      </span>
      <span role="cell" className="num" data-testid="catalog-price">
        {formatMoney(p.price, p.currency, language)}
      </span>
      <span role="cell" className={p.listPrice === null ? 'num' : 'num list-price'}>
        {p.listPrice === null ? props.none : formatMoney(p.listPrice, p.currency, language)}
      </span>
      <span role="cell" className="num">
        {p.stock === null ? props.none : p.stock}
      </span>
    </div>
  );
});
