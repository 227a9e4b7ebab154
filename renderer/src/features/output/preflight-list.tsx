import { useState } from 'react';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { checkText } from './output-view';

/** The pre-flight checklist: the last report, and a button to run it again. */
export function PreflightList() {
  const t = useT();
  const hub = useHub();
  const report = useAppState((s) => s.studio?.output.preflight ?? null);
  const language = useAppState((s) => s.language);
  const canCheck = useCanSend('output.preflight');
  const [isChecking, setChecking] = useState(false);

  const check = async () => {
    if (!hub) return;
    setChecking(true);
    try {
      await hub.send('output.preflight', {}, { timeoutMs: 20_000 });
    } finally {
      setChecking(false);
    }
  };

  return (
    <section className="output-section" data-testid="preflight">
      <div className="output-section-head">
        <h3>{t('output.checklist')}</h3>
        {canCheck ? (
          <button type="button" onClick={() => void check()} disabled={isChecking} data-testid="preflight-run">
            {t('output.runCheck')}
          </button>
        ) : null}
      </div>
      {!report ? (
        <p className="output-note">{t('output.notChecked')}</p>
      ) : (
        <>
          <ul className="output-checks" data-can-go-live={report.canGoLive}>
            {report.items.map((item) => (
              <li key={item.check} className={`check-${item.status}`} data-testid="preflight-item" data-check={item.check} data-status={item.status} title={item.message}>
                <span className="check-mark" aria-label={t(`output.check.status.${item.status}`)}>
                  {item.status === 'ok' ? '✓' : item.status === 'warn' ? '!' : '✕'}
                </span>
                <span>{checkText(item, t)}</span>
              </li>
            ))}
          </ul>
          <p className="output-note">{t('output.checkedAt', { time: new Date(report.at).toLocaleTimeString(language) })}</p>
        </>
      )}
    </section>
  );
}
