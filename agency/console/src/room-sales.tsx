import { useMemo, useState } from 'react';
import type { RoomFigures } from '../../../electron/features/agency/domain/room-figures';
import { useConsole, useT } from './console-context';
import { formatClock, formatCount, formatMoney } from './format';
import { MinuteChart } from './minute-chart';
import { minuteBars, topProducts } from './wall-view';

/** A room's sales in the drill-down: the figures, the per-minute chart (GMV or orders), the top products. */
export function RoomSales(props: { figures: RoomFigures | null; entries: number }) {
  const t = useT();
  const language = useConsole((s) => s.language);
  const [measure, setMeasure] = useState<'gmv' | 'orders'>('gmv');
  const { figures } = props;
  const bars = useMemo(() => (figures ? minuteBars(figures.byMinute) : []), [figures]);
  const products = useMemo(() => (figures ? topProducts(figures.bySku) : []), [figures]);
  const money = (minor: number) => formatMoney(minor, figures?.currency ?? 'CNY');
  const clock = (at: number) => formatClock(at, language);
  const rows: Array<[string, string, string]> = figures
    ? [
        ['gmv', t('detail.gmv'), money(figures.gmv)],
        ['paid', t('detail.paid'), money(figures.paidAmount)],
        ['refunded', t('detail.refunded'), money(figures.refundedAmount)],
        ['orders-paid', t('detail.ordersPaid'), formatCount(figures.ordersPaid)],
        ['placed', t('detail.placedOrders'), formatCount(figures.placedOrders)],
        ['last-minute', t('detail.ordersLastMinute'), formatCount(figures.ordersLastMinute)],
        ['entries', t('detail.entries'), formatCount(props.entries)],
      ]
    : [['entries', t('detail.entries'), formatCount(props.entries)]];
  const what = measure === 'gmv' ? t('detail.chartGmv') : t('detail.chartOrders');
  const format = measure === 'gmv' ? money : formatCount;
  const first = bars[0];
  const last = bars.at(-1);
  return (
    <section className="detail-section detail-sales" aria-label={t('detail.figures')}>
      <h3>{t('detail.figures')}</h3>
      <dl className="detail-figures" data-testid="detail-figures">
        {rows.map(([id, label, value]) => (
          <div key={id} className={`figure-${id}`}>
            <dt>{label}</dt>
            <dd data-testid={`detail-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="chart-head">
        <h3>{t('detail.chart')}</h3>
        <div className="segmented" role="group" aria-label={t('detail.chart')}>
          {(['gmv', 'orders'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={measure === m} className={measure === m ? 'is-on' : ''} onClick={() => setMeasure(m)} data-testid={`chart-${m}`}>
              {m === 'gmv' ? t('detail.chartGmv') : t('detail.chartOrders')}
            </button>
          ))}
        </div>
      </div>
      {first && last ? (
        <MinuteChart
          bars={bars}
          measure={measure}
          format={format}
          clock={clock}
          label={t('detail.chartLabel', { what, from: clock(first.minute), to: clock(last.minute), max: format(Math.max(0, ...bars.map((b) => b[measure]))) })}
        />
      ) : (
        <p className="empty">{t('detail.chartEmpty')}</p>
      )}
      <h3>{t('detail.topProducts')}</h3>
      {products.length ? (
        <table className="products" data-testid="top-products">
          <thead>
            <tr>
              <th scope="col">{t('detail.sku')}</th>
              <th scope="col">{t('detail.units')}</th>
              <th scope="col">{t('detail.gmv')}</th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.sku}>
                <th scope="row">{p.sku}</th>
                <td>{formatCount(p.units)}</td>
                <td>{money(p.gmv)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t('detail.noProducts')}</p>
      )}
    </section>
  );
}
