import { useRef, useState } from 'react';
import { useSession, useT } from './console-context';
import { REPORT_GROUPS, type ReportGroup } from '../../shared/console-protocol';
import { downloadReport } from './report-download';

/** The reports menu in the header: by room, brand, anchor, product or day, as CSV or as a page to open. */
export function ReportsMenu() {
  const t = useT();
  const session = useSession();
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (group: ReportGroup, format: 'csv' | 'html') => {
    const token = session.token();
    if (!token) return;
    setBusy(`${group}.${format}`);
    setError(null);
    try {
      await downloadReport(group, format, token);
      if (menu.current) menu.current.open = false;
    } catch (err) {
      setError(t('reports.failed', { message: (err as Error).message }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <details className="reports" ref={menu} data-testid="reports">
      <summary>{t('reports.title')}</summary>
      <div className="reports-menu">
        <p className="hint">{t('reports.intro')}</p>
        <ul>
          {REPORT_GROUPS.map((group) => (
            <li key={group} data-report={group}>
              <span>{t(`reports.by.${group}`)}</span>
              <button type="button" disabled={busy !== null} onClick={() => void get(group, 'csv')} data-testid={`report-${group}-csv`}>
                {busy === `${group}.csv` ? '…' : t('reports.csv')}
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void get(group, 'html')} data-testid={`report-${group}-html`}>
                {busy === `${group}.html` ? '…' : t('reports.html')}
              </button>
            </li>
          ))}
        </ul>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
