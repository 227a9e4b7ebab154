import { useState } from 'react';
import { useConsole, useNow, useT } from './console-context';
import { formatClock } from './format';
import { agoLabel, alertDetail, alertLabel } from './room-labels';

/** The alerts feed beside the wall: newest first, what and where, raised when, cleared or still on. */
export function AlertsFeed(props: { onOpen: (roomId: string) => void }) {
  const t = useT();
  const now = useNow();
  const language = useConsole((s) => s.language);
  const alerts = useConsole((s) => s.alerts);
  const [isActiveOnly, setActiveOnly] = useState(false);
  const shown = isActiveOnly ? alerts.filter((a) => a.clearedAt === null) : alerts;
  const activeCount = alerts.filter((a) => a.clearedAt === null).length;
  return (
    <aside className="alerts-feed" aria-label={t('alerts.title')} data-testid="alerts-feed">
      <div className="feed-head">
        <h2>
          {t('alerts.title')}
          {activeCount ? <span className="feed-count">{activeCount}</span> : null}
        </h2>
        <label className="feed-toggle">
          <input type="checkbox" checked={isActiveOnly} onChange={(e) => setActiveOnly(e.target.checked)} />
          {t('alerts.hideCleared')}
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t('alerts.empty')}</p>
      ) : (
        <ol className="feed-list">
          {shown.map((a) => (
            <li key={a.id} className={`alert-item${a.clearedAt === null ? ' is-active' : ' is-cleared'}`} data-testid="alert-item" data-alert-id={a.id} data-code={a.code}>
              <div className="alert-line">
                <strong className="alert-what">{alertLabel(t, a.code)}</strong>
                <time dateTime={new Date(a.raisedAt).toISOString()} title={agoLabel(t, a.raisedAt, now)}>
                  {formatClock(a.raisedAt, language)}
                </time>
              </div>
              <button type="button" className="link-button alert-room" onClick={() => props.onOpen(a.roomId)}>
                {a.roomName}
              </button>
              {a.detail ? <span className="alert-detail"> · {alertDetail(t, a.code, a.detail)}</span> : null}
              <div className="alert-state">{a.clearedAt === null ? t('alerts.active') : t('alerts.cleared', { time: formatClock(a.clearedAt, language) })}</div>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
