import { useEffect, useId, useState } from 'react';
import { formatMoney } from '@shared/core/domain/money';
import { summaryProductName, type ShowSummary } from '@shared/features/sales/domain/show-summary';
import { SALES_PATHS } from '@shared/features/sales/protocol/sales-events';
import { formatDuration } from '../../app/format-duration';
import { useCanSend } from '../../app/use-can-send';
import { downloadFromHub } from '../../hub/hub-download';
import { useT } from '../../i18n/use-t';
import type { Language } from '../../i18n/i18n';
import { useAppState, useHub } from '../../store/store-context';

/** The product-name language of a window language (catalog titles come in zh and en). */
export function nameLanguage(language: Language): 'zh' | 'en' {
  return language === 'en' ? 'en' : 'zh';
}

/**
 * The post-show summary, in every window once the show ends: when it was on air and for how long, GMV after and
 * before refunds, orders, the best sellers by name, chat and buyer questions, and the report files (for the roles the
 * hub lets download them). Closing it keeps it one click away in the sales panel until a new show starts.
 */
export function ShowSummaryDialog() {
  const summary = useAppState((s) => s.sales.summary);
  const isOpen = useAppState((s) => s.sales.isSummaryOpen);
  const dispatch = useAppState((s) => s.onSalesEvent);
  if (!summary || !isOpen) return null;
  return <SummaryContent summary={summary} onClose={() => dispatch({ type: 'closeSummary' })} />;
}

function SummaryContent(props: { summary: ShowSummary; onClose(): void }) {
  const t = useT();
  const hub = useHub();
  const language = useAppState((s) => s.language);
  // order.record has exactly the roles of the report routes (anchor, producer).
  const canDownload = useCanSend('order.record');
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const { summary, onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const c = summary.currency;
  const money = (minor: number) => formatMoney(minor, c, language);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
  const { startedAt, endedAt } = summary.onAir;
  const others = Object.entries(summary.otherCurrencies);
  const download = async (path: string, fallback: string) => {
    if (!hub) return;
    const failed = await downloadFromHub(hub.http, path, fallback);
    setProblem(failed ? t(failed.key, failed) : null);
  };

  return (
    <div className="confirm-backdrop">
      <div className="confirm-dialog show-summary" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="show-summary-dialog" data-ended-at={endedAt}>
        <h3 id={titleId}>{t('sales.summaryTitle', { title: summary.showTitle })}</h3>
        <p className="show-summary-when">
          <span data-testid="show-summary-on-air">
            {t('sales.summaryOnAir', { start: time.format(startedAt), end: time.format(endedAt) })}
          </span>
          {' · '}
          <span data-testid="show-summary-duration" data-ms={endedAt - startedAt}>
            {t('sales.summaryDuration', { duration: formatDuration(endedAt - startedAt) })}
          </span>
        </p>
        <dl className="show-summary-figures">
          <div>
            <dt>{t('sales.summaryGmv')}</dt>
            <dd data-testid="show-summary-gmv" data-minor={summary.gmv}>
              {money(summary.gmv)}
            </dd>
          </div>
          <div>
            <dt>{t('sales.summaryGmvBefore')}</dt>
            <dd data-testid="show-summary-gmv-before" data-minor={summary.gmvBeforeRefunds}>
              {money(summary.gmvBeforeRefunds)}
            </dd>
          </div>
          <div>
            <dt>{t('sales.summaryRefunds')}</dt>
            <dd data-testid="show-summary-refunds">
              {summary.refunds.orders.toLocaleString(language)} · {money(summary.refunds.amount)}
            </dd>
          </div>
          <div>
            <dt>{t('sales.summaryOrders')}</dt>
            <dd data-testid="show-summary-orders">{summary.ordersPaid.toLocaleString(language)}</dd>
          </div>
          <div>
            <dt>{t('sales.summaryUnits')}</dt>
            <dd>{summary.unitsPaid.toLocaleString(language)}</dd>
          </div>
          <div>
            <dt>{t('sales.summaryChat')}</dt>
            <dd data-testid="show-summary-chat">{summary.chat.messages.toLocaleString(language)}</dd>
          </div>
          <div>
            <dt>{t('sales.summaryQuestions')}</dt>
            <dd data-testid="show-summary-questions">{summary.chat.questions.toLocaleString(language)}</dd>
          </div>
          {summary.chat.orderSignals.placed + summary.chat.orderSignals.paid ? (
            <div title={t('sales.summaryOrderSignalsNote')}>
              <dt>{t('sales.summaryOrderSignals')}</dt>
              <dd data-testid="show-summary-order-signals">
                {summary.chat.orderSignals.placed.toLocaleString(language)} · {summary.chat.orderSignals.paid.toLocaleString(language)}
              </dd>
            </div>
          ) : null}
        </dl>
        {others.length ? <p className="sales-note">{t('sales.otherCurrencies', { list: others.map(([cur, b]) => formatMoney(b.gmv, cur, language)).join(', ') })}</p> : null}
        <h4>{t('sales.summaryTop')}</h4>
        {summary.topProducts.length ? (
          <table className="sales-table" data-testid="show-summary-products">
            <thead>
              <tr>
                <th scope="col">{t('sales.product')}</th>
                <th scope="col">{t('sales.units')}</th>
                <th scope="col">{t('sales.gmv')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.topProducts.map((p) => (
                <tr key={p.sku} data-testid="show-summary-product" data-sku={p.sku}>
                  <th scope="row">
                    <span className="sales-product-name">{summaryProductName(p, nameLanguage(language))}</span>
                    <span className="sales-product-sku">{p.sku}</span>
                  </th>
                  <td>{p.units.toLocaleString(language)}</td>
                  <td>{money(p.gmv)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="sales-note">{t('sales.summaryNoSales')}</p>
        )}
        <p className="sales-note">{t('sales.summaryScope')}</p>
        {problem ? (
          <p className="form-error" role="alert" data-testid="show-summary-error">
            {problem}
          </p>
        ) : null}
        <div className="confirm-buttons">
          {canDownload ? (
            <>
              <button type="button" data-testid="show-summary-report-html" onClick={() => void download(`${SALES_PATHS.reportHtml}?lang=${language === 'en' ? 'en' : 'zh-CN'}`, 'sales-report.html')}>
                {t('sales.summaryReportHtml')}
              </button>
              <button type="button" data-testid="show-summary-report-csv" onClick={() => void download(SALES_PATHS.reportCsv, 'sales-report.csv')}>
                {t('sales.summaryReportCsv')}
              </button>
            </>
          ) : null}
          <button type="button" autoFocus data-testid="show-summary-close" onClick={onClose}>
            {t('sales.summaryClose')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** "Last show summary": brings the closed summary back, while the last show has ended and no new one started. */
export function ShowSummaryButton() {
  const t = useT();
  const hasSummary = useAppState((s) => s.sales.summary !== null && !s.sales.isSummaryOpen);
  const dispatch = useAppState((s) => s.onSalesEvent);
  if (!hasSummary) return null;
  return (
    <button type="button" className="sales-summary-open" data-testid="sales-summary-open" onClick={() => dispatch({ type: 'openSummary' })}>
      {t('sales.summaryOpen')}
    </button>
  );
}
