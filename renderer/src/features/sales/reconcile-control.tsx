import { useRef, useState, type ChangeEvent } from 'react';
import { formatMoney } from '@shared/core/domain/money';
import type { Reconciliation } from '@shared/features/sales/domain/reconciliation';
import { SALES_PATHS } from '@shared/features/sales/protocol/sales-events';
import { uploadToHub } from '../../hub/hub-download';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';

/** Largest export the hub reads (MAX_EXPORT_BODY); checked here too so a huge file is refused before uploading. */
const MAX_EXPORT_BYTES = 10 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Outcome = { kind: 'done'; result: Reconciliation } | { kind: 'error'; message: string };

/**
 * "Check against the shop's export": uploads Shopify's orders export or 抖店's order export (CSV or XLSX) and says, in
 * one line, whether net GMV matches the shop to the cent or what differs; the report lists every order that differs.
 */
export function ReconcileControl() {
  const t = useT();
  const hub = useHub();
  const language = useAppState((s) => s.language);
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!hub) return null;

  const check = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_EXPORT_BYTES) return setOutcome({ kind: 'error', message: t('sales.reconcileTooLarge') });
    const isXlsx = file.name.toLowerCase().endsWith('.xlsx');
    const answer = await uploadToHub<{ reconciliation: Reconciliation }>(hub.http, SALES_PATHS.ordersReconcile, await file.arrayBuffer(), isXlsx ? XLSX_TYPE : 'text/csv');
    if (answer.kind === 'failed') setOutcome({ kind: 'error', message: t(answer.problem.key, answer.problem) });
    else if (answer.kind === 'refused') setOutcome({ kind: 'error', message: answer.message });
    else setOutcome({ kind: 'done', result: answer.body.reconciliation });
  };

  const line = (r: Reconciliation) => {
    const money = (minor: number) => formatMoney(minor, r.currency, language);
    const shop = t(`sales.shop.${r.shop}`);
    if (r.isExact) return t('sales.reconcileExact', { shop, net: money(r.ledger.net), orders: r.matched });
    return t('sales.reconcileDiffers', {
      shop,
      studio: money(r.ledger.net),
      shopNet: money(r.shopTotals.net),
      missingInLedger: r.missingInLedger.length,
      missingInShop: r.missingInShop.length,
      differences: r.differences.length,
    });
  };

  return (
    <>
      <button type="button" data-testid="sales-reconcile" onClick={() => input.current?.click()}>
        {t('sales.reconcile')}
      </button>
      <input ref={input} type="file" accept=".csv,.xlsx,text/csv" hidden data-testid="sales-reconcile-file" onChange={(e) => void check(e)} />
      {outcome?.kind === 'done' ? (
        <p className={outcome.result.isExact ? 'sales-note' : 'form-error'} role="status" data-testid="sales-reconcile-result" data-exact={outcome.result.isExact}>
          {line(outcome.result)}
        </p>
      ) : null}
      {outcome?.kind === 'error' ? (
        <p className="form-error" role="alert" data-testid="sales-reconcile-error">
          {outcome.message}
        </p>
      ) : null}
    </>
  );
}
