import { useEffect, useReducer, useRef, useState, type FormEvent } from 'react';
import type { ImportIssue } from '@shared/features/catalog/protocol/catalog-import';
import { useT } from '../../i18n/use-t';
import { useHub } from '../../store/store-context';
import type { ColumnMapping } from '@shared/features/catalog/domain/column-mapping';
import { downloadTemplate, uploadCatalog, type UploadOptions } from './catalog-http';
import { IDLE, importFraction, isBusy, reduceImport, type ImportStage } from './import-flow';
import { MappingStep } from './mapping-step';

/** Most problem rows the dialog lists (the hub reports every one; a person fixes the file from the first ones). */
const MAX_LISTED_ISSUES = 500;

const CURRENCIES = ['CNY', 'USD', 'HKD', 'TWD', 'JPY', 'EUR', 'GBP', 'SGD', 'MYR', 'THB', 'VND', 'IDR'];

/**
 * Imports a catalog file: pick it, upload it with progress (upload, then the hub's row check and save), read every bad
 * row (line, column, problem), then either fix the file or import only the valid rows. Nothing is saved while a file
 * has problems until the user says so.
 */
export function ImportDialog(props: { onClose: () => void }) {
  const t = useT();
  const hub = useHub();
  const [file, setFile] = useState<File | null>(null);
  const [currency, setCurrency] = useState('CNY');
  const [stage, dispatch] = useReducer(reduceImport, IDLE);
  // The column mapping confirmed for this file (sent again with "import the valid rows").
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const start = (acceptValid: boolean, extra: Pick<UploadOptions, 'mapping' | 'askMapping'> = mapping ? { mapping } : {}) => {
    if (!hub || !file) return;
    dispatch({ type: 'reset' });
    cancel.current = uploadCatalog(hub.http, file, { acceptValid, currency, ...extra }, dispatch);
  };
  const template = async (headerLanguage: 'en' | 'zh') => {
    if (!hub) return;
    const problem = await downloadTemplate(hub.http, headerLanguage);
    setTemplateError(problem ? t(problem.key, problem) : null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(false);
  };
  const busy = isBusy(stage);

  return (
    <section className="catalog-import" role="dialog" aria-label={t('catalog.import.title')} data-testid="catalog-import">
      <header className="drawer-head">
        <h3>{t('catalog.import.title')}</h3>
        <button type="button" onClick={() => (busy ? cancel.current?.() : props.onClose())}>
          {busy ? t('catalog.import.cancel') : t('catalog.close')}
        </button>
      </header>
      {/* While mapping, the step needs the room: the general hint and the templates come back after. */}
      {stage.kind === 'mapping' ? null : (
        <>
      <p className="hint">{t('catalog.import.hint')}</p>
      <p className="catalog-templates">
        <span>{t('catalog.import.templates')}</span>
        <button type="button" data-testid="catalog-template-en" disabled={!hub} onClick={() => void template('en')}>
          {t('catalog.import.templateEn')}
        </button>
        <button type="button" data-testid="catalog-template-zh" disabled={!hub} onClick={() => void template('zh')}>
          {t('catalog.import.templateZh')}
        </button>
      </p>
        </>
      )}
      {templateError ? (
        <p className="catalog-failed" role="alert">
          {t('catalog.exportFailed', { message: templateError })}
        </p>
      ) : null}
      <form className="catalog-import-form" onSubmit={submit}>
        <label>
          <span>{t('catalog.import.file')}</span>
          <input
            type="file"
            data-testid="catalog-file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMapping(null);
              dispatch({ type: 'reset' });
            }}
          />
        </label>
        <label>
          <span>{t('catalog.import.currency')}</span>
          <select value={currency} disabled={busy} data-testid="catalog-currency" onChange={(e) => setCurrency(e.target.value)}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="catalog-upload" disabled={!file || busy}>
          {t('catalog.import.start')}
        </button>
      </form>
      {stage.kind === 'mapping' ? (
        <MappingStep
          key={stage.request.headerKey}
          request={stage.request}
          currency={currency}
          onConfirm={(confirmed) => {
            setMapping(confirmed);
            start(false, { mapping: confirmed });
          }}
          onCancel={() => dispatch({ type: 'reset' })}
        />
      ) : (
        <ImportStatus stage={stage} onAcceptValid={() => start(true)} onReset={() => dispatch({ type: 'reset' })} onChangeMapping={() => start(false, { askMapping: true })} />
      )}
    </section>
  );
}

function ImportStatus(props: { stage: ImportStage; onAcceptValid: () => void; onReset: () => void; onChangeMapping: () => void }) {
  const t = useT();
  const { stage } = props;
  switch (stage.kind) {
    case 'idle':
    case 'mapping':
      return null;
    case 'uploading':
    case 'parse':
    case 'save': {
      const label =
        stage.kind === 'uploading'
          ? t('catalog.import.uploading', { percent: Math.floor((100 * stage.sent) / Math.max(1, stage.total)) })
          : t(stage.kind === 'parse' ? 'catalog.import.parse' : 'catalog.import.save', { done: stage.done, total: stage.total });
      return (
        <div className="catalog-progress" data-testid="catalog-progress" data-phase={stage.kind}>
          <progress max={1000} value={Math.round(importFraction(stage) * 1000)} aria-label={label} />
          <span role="status">{label}</span>
        </div>
      );
    }
    case 'failed':
      return (
        <p className="catalog-failed" role="alert" data-testid="catalog-import-failed">
          {t('catalog.import.failed', { message: stage.message })}
        </p>
      );
    case 'refused': {
      const bad = new Set(stage.errors.map((e) => e.line)).size;
      return (
        <div className="catalog-refused" data-testid="catalog-import-refused">
          <p role="alert">{t('catalog.import.refused', { bad, total: stage.total })}</p>
          <IssueTable issues={stage.errors} />
          {stage.valid > 0 ? (
            <button type="button" className="primary" data-testid="catalog-accept-valid" onClick={props.onAcceptValid}>
              {t('catalog.import.acceptValid', { count: stage.valid })}
            </button>
          ) : null}
        </div>
      );
    }
    case 'done':
      return (
        <div className="catalog-done" data-testid="catalog-import-done">
          <p role="status">{t('catalog.import.done', { imported: stage.imported, updated: stage.updated })}</p>
          {stage.mapping ? <p className="hint">{t('catalog.import.mappedWith')}</p> : null}
          {stage.errors.length > 0 ? (
            <>
              <p>{t('catalog.import.skipped', { count: new Set(stage.errors.map((e) => e.line)).size })}</p>
              <IssueTable issues={stage.errors} />
            </>
          ) : null}
          <div className="editor-actions">
            <button type="button" onClick={props.onReset}>
              {t('catalog.import.another')}
            </button>
            {stage.mapping ? (
              <button type="button" data-testid="catalog-change-mapping" onClick={props.onChangeMapping}>
                {t('catalog.import.changeMapping')}
              </button>
            ) : null}
          </div>
        </div>
      );
  }
}

/** The problems of a file, one row per bad cell: line, column, what to do. Text only (it comes from the file). */
function IssueTable(props: { issues: ImportIssue[] }) {
  const t = useT();
  const shown = props.issues.slice(0, MAX_LISTED_ISSUES);
  return (
    <div className="catalog-issues">
      <table data-testid="catalog-issues">
        <thead>
          <tr>
            <th scope="col">{t('catalog.import.line')}</th>
            <th scope="col">{t('catalog.import.column')}</th>
            <th scope="col">{t('catalog.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((issue, i) => (
            <tr key={`${issue.line}:${issue.column}:${i}`} data-testid="catalog-issue" data-line={issue.line}>
              <td className="num">{issue.line}</td>
              <td>
                <code>{issue.column}</code>
              </td>
              <td>{issue.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.issues.length > shown.length ? <p className="hint">{t('catalog.import.more', { count: props.issues.length - shown.length })}</p> : null}
    </div>
  );
}
