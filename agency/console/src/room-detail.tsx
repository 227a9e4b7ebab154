import { useEffect, useRef } from 'react';
import { CONSOLE_POWERS } from '../../shared/agency-roles';
import type { RoomSummary } from '../../shared/console-protocol';
import { useConsole, useNow, useT } from './console-context';
import { formatClock, formatCount } from './format';
import { agoLabel, alertDetail, alertLabel, destinationLabel, obsLabel, pillTone } from './room-labels';
import { RoomNote } from './room-note';
import { RoomRunOfShow } from './room-run-of-show';
import { RoomSales } from './room-sales';
import { roomBadgeOf } from './wall-view';

/** A room's drill-down over the wall (`#room/<id>`): its status in full, its run of show, its sales, and a note to the anchor. */
export function RoomDetail(props: { roomId: string; onClose: () => void }) {
  const t = useT();
  const room = useConsole((s) => s.rooms.find((r) => r.id === props.roomId));
  const role = useConsole((s) => s.me?.role);
  const closeRef = useRef<HTMLButtonElement>(null);
  const { onClose } = props;
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const badge = room ? roomBadgeOf(room) : null;
  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog room-detail" role="dialog" aria-modal="true" aria-labelledby="room-detail-title" data-testid="room-detail">
        <header className="dialog-head">
          <div>
            <h2 id="room-detail-title">
              {room?.name ?? props.roomId}
              {badge ? (
                <span className={`badge badge-${badge}`} data-badge={badge}>
                  {t(`badge.${badge}`)}
                </span>
              ) : null}
            </h2>
            {room ? (
              <p className="card-who">
                {room.brand || t('card.noBrand')} · {room.anchor || t('card.noAnchor')}
              </p>
            ) : null}
          </div>
          <button ref={closeRef} type="button" className="quiet" onClick={onClose} data-testid="room-detail-close">
            {t('detail.close')}
          </button>
        </header>
        {room ? (
          <div className="detail-body">
            <div className="detail-column">
              <RoomStatusSection room={room} />
              <RoomRunOfShow room={room} canSteer={Boolean(role && CONSOLE_POWERS[role].steer)} />
              {role && CONSOLE_POWERS[role].steer ? <RoomNote roomId={room.id} isLinked={room.isLinked} /> : null}
            </div>
            <div className="detail-column">
              <RoomSales figures={room.figures} entries={room.entries} />
            </div>
          </div>
        ) : (
          <p className="empty">{t('detail.notFound')}</p>
        )}
      </div>
    </div>
  );
}

/** The studio's last status: phase, since when, cue, OBS, destinations, alerts, open questions. */
function RoomStatusSection(props: { room: RoomSummary }) {
  const t = useT();
  const now = useNow(15_000);
  const language = useConsole((s) => s.language);
  const { room } = props;
  const status = room.status;
  if (!status) {
    return (
      <section className="detail-section">
        <h3>{t('detail.status')}</h3>
        <p className="empty">{t('card.noStatus')}</p>
      </section>
    );
  }
  const clock = (at: number) => formatClock(at, language);
  return (
    <section className="detail-section" data-testid="detail-status">
      <h3>
        {t('detail.status')} <span className="muted">{t('detail.statusAt', { time: `${clock(status.at)} (${agoLabel(t, status.at, now)})` })}</span>
      </h3>
      <p className="detail-title">{status.title || t('card.noTitle')}</p>
      <dl className="detail-facts">
        <dt>{t('detail.phase')}</dt>
        <dd>{t(`badge.${status.phase}`)}</dd>
        <dt>{t('detail.liveSince')}</dt>
        <dd>{status.liveSince === null ? t('detail.notLive') : `${clock(status.liveSince)} (${agoLabel(t, status.liveSince, now)})`}</dd>
        <dt>{t('detail.cue')}</dt>
        <dd>{status.cue ? status.cue.label : t('card.noCue')}</dd>
        <dt>{t('detail.obs')}</dt>
        <dd>
          <span className={`pill tone-${pillTone(status.obs)}`}>{obsLabel(t, status.obs)}</span>
        </dd>
        <dt>{t('detail.destinations')}</dt>
        <dd>
          {status.destinations.length ? (
            <ul className="pills">
              {status.destinations.map((d, i) => (
                <li key={`${d.name}-${i}`} className={`pill tone-${pillTone(d.status)}`}>
                  {d.name} ({d.platform}): {destinationLabel(t, d.status)}
                </li>
              ))}
            </ul>
          ) : (
            t('detail.noDestinations')
          )}
        </dd>
        <dt>{t('detail.alerts')}</dt>
        <dd>
          {status.alerts.length ? (
            <ul className="detail-alerts">
              {status.alerts.map((a, i) => (
                <li key={`${a.code}-${a.detail}-${i}`}>
                  <strong>{alertLabel(t, a.code)}</strong>
                  {a.detail ? ` · ${alertDetail(t, a.code, a.detail)}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t('detail.noAlerts')
          )}
        </dd>
      </dl>
      <h3>{t('detail.questions', { count: formatCount(status.openQuestions.count) })}</h3>
      {status.openQuestions.newest.length ? (
        <ul className="questions" data-testid="detail-questions">
          {status.openQuestions.newest.map((q, i) => (
            <li key={`${q.at}-${i}`}>
              <div className="question-head">
                <strong>{q.author}</strong>
                <span className="muted">
                  {clock(q.at)}
                  {q.askCount > 1 ? ` · ${t('detail.askCount', { count: formatCount(q.askCount) })}` : ''}
                </span>
              </div>
              <p>{q.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('detail.noQuestions')}</p>
      )}
    </section>
  );
}
