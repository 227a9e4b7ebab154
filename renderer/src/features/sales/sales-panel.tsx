import { useMemo } from 'react';
import type { Tallies } from '@shared/features/sales/domain/tallies';
import { EmptyState, Panel } from '../../app/panel';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import type { Language } from '../../i18n/i18n';
import { ManualOrderForm } from './manual-order-form';
import { MinuteChart } from './minute-chart';
import { NewShowControl } from './new-show-control';
import { RehearsalBanner, RehearsalControl } from './rehearsal-control';
import { SalesFiles } from './sales-files';
import { OrderWebhookControl } from './order-webhook-control';
import { ProductTable } from './sales-products';
import { nameLanguage, ShowSummaryButton, ShowSummaryDialog } from './show-summary-dialog';
import { productName } from './sales-view';
import { formatMoney } from '@shared/core/domain/money';
import { SALES_READERS } from '@shared/features/sales/protocol/sales-events';
import { lastSalesMinute, minuteSeries, stockAlerts, type RecentOrder } from './sales-view';
import './sales.css';

const CHART_MINUTES = 30;

/** Sales tallies of the show: GMV, orders, target, products with stock, orders per minute, cues, latest orders. */
export function SalesPanel() {
  const t = useT();
  const latest = useAppState((s) => s.sales.latest);
  const recent = useAppState((s) => s.sales.recent);
  const alerts = useAppState((s) => s.sales.lowStock);
  // Each alert with the stock the ledger shows now (an alert says what was true when it was raised).
  const lowStock = useMemo(() => stockAlerts({ lowStock: alerts, latest }), [alerts, latest]);
  const dispatch = useAppState((s) => s.onSalesEvent);
  const language = useAppState((s) => s.language);
  const catalog = useAppState((s) => s.catalog.bySku);
  const tallies = latest?.tallies ?? null;
  const role = useAppState((s) => s.connection.role);
  // The hub sends a viewer no sales figures (core/domain/role-view.ts): say so instead of waiting for them.
  const isReader = role === null || SALES_READERS.includes(role);
  return (
    <Panel title={t('sales.title')} area="sales">
      <ShowSummaryDialog />
      {!isReader ? (
        <EmptyState>{t('sales.notForRole')}</EmptyState>
      ) : !tallies ? (
        <EmptyState>{t('sales.waiting')}</EmptyState>
      ) : (
        <div className="sales" data-seq={latest!.seq}>
          {lowStock.map((a) => (
            <p key={a.sku} className="sales-alert" role="status" data-testid="sales-low-stock" data-sku={a.sku}>
              {t('sales.lowStockAlert', { product: productName(catalog[a.sku], a.sku, nameLanguage(language)), left: a.left })}
              <button type="button" onClick={() => dispatch({ type: 'dismissStock', sku: a.sku })}>
                {t('sales.dismiss')}
              </button>
            </p>
          ))}
          <ShowSummaryButton />
          <RehearsalBanner tallies={tallies} />
          <Headline tallies={tallies} locale={language} />
          <TargetBar tallies={tallies} locale={language} />
          {tallies.ordersPaid === 0 && Object.keys(tallies.bySku).length === 0 ? <EmptyState>{t('sales.empty')}</EmptyState> : null}
          <PerMinute tallies={tallies} />
          <ProductTable tallies={tallies} locale={language} />
          <CueTable tallies={tallies} locale={language} />
          <RecentOrders recent={recent} locale={language} />
          <ManualOrderForm currency={tallies.currency} />
          <RehearsalControl />
          <NewShowControl tallies={tallies} />
          <SalesFiles />
          <OrderWebhookControl />
        </div>
      )}
    </Panel>
  );
}

function Headline(props: { tallies: Tallies; locale: string }) {
  const t = useT();
  const { tallies } = props;
  const others = Object.entries(tallies.otherCurrencies);
  return (
    <div className="sales-headline">
      <div className="sales-gmv">
        <span className="sales-label">{t('sales.gmv')}</span>
        <output className="sales-gmv-value" data-testid="sales-gmv" data-minor={tallies.gmv}>
          {formatMoney(tallies.gmv, tallies.currency, props.locale)}
        </output>
        {/* Net is the headline; what was paid and what went back stay in view, so no one reads gross as net. */}
        <span className="sales-note" data-testid="sales-paid-refunded" data-paid={tallies.paidAmount} data-refunded={tallies.refundedAmount}>
          {t('sales.paidRefunded', {
            paid: formatMoney(tallies.paidAmount, tallies.currency, props.locale),
            refunded: formatMoney(tallies.refundedAmount, tallies.currency, props.locale),
          })}
        </span>
      </div>
      <dl className="sales-figures">
        <dt>{t('sales.placed')}</dt>
        <dd data-testid="sales-placed">{tallies.placedOrders.toLocaleString(props.locale)}</dd>
        <dt>{t('sales.orders')}</dt>
        <dd data-testid="sales-orders">{tallies.ordersPaid.toLocaleString(props.locale)}</dd>
        <dt>{t('sales.units')}</dt>
        <dd>{tallies.unitsPaid.toLocaleString(props.locale)}</dd>
        <dt>{t('sales.pending')}</dt>
        <dd>{tallies.pendingOrders.toLocaleString(props.locale)}</dd>
        <dt>{t('sales.refunds')}</dt>
        <dd>
          {tallies.refundedOrders.toLocaleString(props.locale)} · {formatMoney(tallies.refundedAmount, tallies.currency, props.locale)}
        </dd>
      </dl>
      {tallies.testOrders ? (
        <p className="sales-note" data-testid="sales-test-orders">
          {t('sales.testOrders', { count: tallies.testOrders })}
        </p>
      ) : null}
      {others.length ? (
        <p className="sales-note">
          {t('sales.otherCurrencies', { list: others.map(([c, b]) => formatMoney(b.gmv, c, props.locale)).join(', ') })}
        </p>
      ) : null}
    </div>
  );
}

function TargetBar(props: { tallies: Tallies; locale: string }) {
  const t = useT();
  const { gmv: target } = props.tallies.target;
  if (!target) return <p className="sales-note">{t('sales.noTarget')}</p>;
  const percent = Math.min(100, Math.floor((props.tallies.gmv * 100) / target));
  const label = t('sales.target', { target: formatMoney(target, props.tallies.currency, props.locale) });
  return (
    <div className="sales-target">
      <div className="sales-target-text">
        <span>{label}</span>
        <span>{props.tallies.gmv >= target ? t('sales.targetReached') : `${percent}%`}</span>
      </div>
      <div className="sales-target-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="sales-target">
        <div className="sales-target-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function PerMinute(props: { tallies: Tallies }) {
  const t = useT();
  const byMinute = props.tallies.byMinute;
  const points = useMemo(() => {
    const last = lastSalesMinute(byMinute);
    // Anchored on the latest sale rather than the clock: the chart is a pure function of the tallies.
    return last === null ? [] : minuteSeries(byMinute, last, CHART_MINUTES);
  }, [byMinute]);
  if (!points.length) return null;
  const max = Math.max(...points.map((p) => p.orders));
  return (
    <section className="sales-section">
      <h3>{t('sales.perMinute')}</h3>
      <MinuteChart points={points} label={t('sales.chartLabel', { max })} />
    </section>
  );
}

function CueTable(props: { tallies: Tallies; locale: string }) {
  const t = useT();
  const { bySegment, unattributed, currency } = props.tallies;
  const rows = Object.entries(bySegment).sort((a, b) => b[1].gmv - a[1].gmv);
  if (!rows.length) return null;
  return (
    <section className="sales-section">
      <h3>{t('sales.byCue')}</h3>
      <table className="sales-table" data-testid="sales-cues">
        <tbody>
          {rows.map(([cueId, b]) => (
            <tr key={cueId}>
              <th scope="row">{b.label || cueId}</th>
              <td>{b.orders.toLocaleString(props.locale)}</td>
              <td>{formatMoney(b.gmv, currency, props.locale)}</td>
            </tr>
          ))}
          {unattributed.orders ? (
            <tr>
              <th scope="row">{t('sales.unattributed')}</th>
              <td>{unattributed.orders.toLocaleString(props.locale)}</td>
              <td>{formatMoney(unattributed.gmv, currency, props.locale)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

function RecentOrders(props: { recent: RecentOrder[]; locale: Language }) {
  const t = useT();
  const catalog = useAppState((s) => s.catalog.bySku);
  if (!props.recent.length) return null;
  return (
    <section className="sales-section">
      <h3>{t('sales.recent')}</h3>
      {/* Polite live region and a CSS flash: new orders are noticed without moving focus or scrolling. */}
      <ul className="sales-recent" aria-live="polite" data-testid="sales-recent">
        {props.recent.map(({ key, change }) => {
          // A refund notice leaves the status as it was and raises what the order got back: show that amount.
          const refund = change.refunded - change.previousRefunded;
          return (
            <li key={key} className={`sales-flash status-${refund > 0 ? 'refund' : change.status}${change.test ? ' is-test' : ''}`} data-testid="sales-recent-order">
              <span className="sales-recent-what">{change.skus.map((sku) => productName(catalog[sku], sku, nameLanguage(props.locale))).join(', ')}</span>
              <span>{refund > 0 ? `−${formatMoney(refund, change.currency, props.locale)}` : formatMoney(change.total, change.currency, props.locale)}</span>
              <span className="sales-recent-status">
                {t(refund > 0 ? 'sales.status.refund' : `sales.status.${change.status}`)}
                {change.test ? <span className="sales-badge">{t('sales.testBadge')}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
