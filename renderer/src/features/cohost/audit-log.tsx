import { useState } from 'react';
import { AUDIT_CSV_PATH, type AuditEntry } from '@shared/features/cohost/protocol/cohost-commands';
import { useT } from '../../i18n/use-t';
import { downloadFromHub } from '../../hub/hub-download';
import { useAppState, useHub } from '../../store/store-context';

/** The audit log: who ran which command, when, and whether it worked; the latest 100 on demand, all as CSV. */
export function AuditLog() {
  const t = useT();
  const hub = useHub();
  const language = useAppState((s) => s.language);
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const result = await hub?.send('audit.list', { limit: 100 });
    if (result?.ok) setRows(result.data as AuditEntry[]);
  };
  const exportCsv = async () => {
    if (!hub) return;
    const problem = await downloadFromHub(hub.http, AUDIT_CSV_PATH, 'audit-log.csv');
    setError(problem ? t(problem.key, problem) : null);
  };
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <section className="audit" data-testid="audit-log">
      <h3>{t('audit.title')}</h3>
      <div className="audit-actions">
        <button type="button" data-testid="audit-load" onClick={() => void load()}>
          {rows ? t('audit.refresh') : t('audit.show')}
        </button>
        <button type="button" data-testid="audit-export" disabled={!hub} onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {rows ? (
        <table className="audit-table">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.what')}</th>
              <th>{t('audit.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-row" className={r.ok ? '' : 'is-refused'}>
                <td>{time.format(r.at)}</td>
                <td>
                  {r.actorId} · {r.role}
                </td>
                <td>
                  <code>{r.command}</code>
                </td>
                <td>{r.ok ? t('audit.ok') : t('audit.refused', { code: r.detail ?? '' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** Shows the co-host window on this computer (desktop app only; a browser has no second studio window to open). */
export function SecondWindowButton() {
  const t = useT();
  const bridge = typeof window === 'undefined' ? undefined : window.anchor;
  if (!bridge?.openCoHostWindow) return <p className="hint">{t('cohost.secondWindowBrowser')}</p>;
  return (
    <button type="button" data-testid="open-cohost-window" onClick={() => void bridge.openCoHostWindow()}>
      {t('cohost.secondWindow')}
    </button>
  );
}
