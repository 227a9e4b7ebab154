import { useRef, useState, type ChangeEvent } from 'react';
import { SALES_PATHS } from '@shared/features/sales/protocol/sales-events';
import { useCanSend } from '../../app/use-can-send';
import { downloadFromHub, uploadToHub } from '../../hub/hub-download';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { ReconcileControl } from './reconcile-control';

/** Largest order CSV the hub takes (MAX_ORDER_BODY); checked here too so a huge file is refused before uploading. */
const MAX_CSV_BYTES = 1024 * 1024;

type Outcome = { kind: 'ok'; accepted: number; duplicates: number } | { kind: 'error'; message: string };

/**
 * The sales files: the post-show report (printable HTML with charts, or CSV) and the import of an order CSV (orders
 * taken elsewhere, or a platform's export). For anchors and producers, the roles the hub lets read and import.
 */
export function SalesFiles() {
  const t = useT();
  const hub = useHub();
  const language = useAppState((s) => s.language);
  // order.record has exactly the roles of the report and import routes (anchor, producer).
  const isAllowed = useCanSend('order.record');
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!hub || !isAllowed) return null;

  const download = async (path: string, name: string) => {
    const problem = await downloadFromHub(hub.http, path, name);
    setOutcome(problem ? { kind: 'error', message: t(problem.key, problem) } : null);
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) return setOutcome({ kind: 'error', message: t('sales.importTooLarge') });
    const answer = await uploadToHub<{ accepted?: number; duplicates?: number }>(hub.http, SALES_PATHS.ordersImport, await file.text(), 'text/csv; charset=utf-8');
    if (answer.kind === 'failed') setOutcome({ kind: 'error', message: t(answer.problem.key, answer.problem) });
    else if (answer.kind === 'refused') setOutcome({ kind: 'error', message: answer.message });
    else setOutcome({ kind: 'ok', accepted: answer.body.accepted ?? 0, duplicates: answer.body.duplicates ?? 0 });
  };

  return (
    <section className="sales-section sales-files">
      <button type="button" data-testid="sales-report-html" onClick={() => void download(`${SALES_PATHS.reportHtml}?lang=${language === 'en' ? 'en' : 'zh-CN'}`, 'sales-report.html')}>
        {t('sales.reportHtml')}
      </button>
      <button type="button" data-testid="sales-report-csv" onClick={() => void download(SALES_PATHS.reportCsv, 'sales-report.csv')}>
        {t('sales.reportCsv')}
      </button>
      <button type="button" data-testid="sales-import" onClick={() => input.current?.click()}>
        {t('sales.importCsv')}
      </button>
      <input ref={input} type="file" accept=".csv,text/csv" hidden data-testid="sales-import-file" onChange={(e) => void importFile(e)} />
      <ReconcileControl />
      {outcome?.kind === 'ok' ? (
        <p className="sales-note" role="status" data-testid="sales-import-result">
          {t('sales.imported', { accepted: outcome.accepted, duplicates: outcome.duplicates })}
        </p>
      ) : null}
      {outcome?.kind === 'error' ? (
        <p className="form-error" role="alert" data-testid="sales-files-error">
          {outcome.message}
        </p>
      ) : null}
    </section>
  );
}
