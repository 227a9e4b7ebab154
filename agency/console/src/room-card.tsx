import type { KeyboardEvent } from 'react';
import type { RoomSummary } from '../../shared/console-protocol';
import { useT } from './console-context';
import { formatCount, formatMoney } from './format';
import { agoLabel, destinationLabel, obsLabel, pillTone } from './room-labels';
import { roomBadgeOf } from './wall-view';

/** One room on the wall: who, on air or not, the show's title and cue, its money, OBS and destinations, alerts. */
export function RoomCard(props: { room: RoomSummary; now: number; onOpen: (roomId: string) => void }) {
  const t = useT();
  const { room, now } = props;
  const badge = roomBadgeOf(room);
  const status = room.status;
  const figures = room.figures;
  const alertCount = status?.alerts.length ?? 0;
  const open = () => props.onOpen(room.id);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  return (
    <article
      className={`room-card phase-${badge}${alertCount ? ' has-alerts' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={t('card.open', { name: room.name })}
      onClick={open}
      onKeyDown={onKey}
      data-testid="room-card"
      data-room-id={room.id}
    >
      <div className="card-top">
        <span className={`badge badge-${badge}`} data-testid="room-badge" data-badge={badge}>
          {t(`badge.${badge}`)}
        </span>
        {badge === 'offline' ? (
          <span className="card-seen">{room.lastSeenAt === null ? t('card.neverLinked') : t('card.lastSeen', { ago: agoLabel(t, room.lastSeenAt, now) })}</span>
        ) : null}
        <span className={`alert-count${alertCount ? ' is-on' : ''}`} data-testid="room-alert-count" data-count={alertCount}>
          {alertCount === 1 ? t('card.oneAlert') : alertCount ? t('card.alerts', { count: formatCount(alertCount) }) : t('card.noAlerts')}
        </span>
      </div>
      <h2 className="card-name">{room.name}</h2>
      <p className="card-who">
        <span>{room.brand || t('card.noBrand')}</span>
        <span aria-hidden="true"> · </span>
        <span>{room.anchor || t('card.noAnchor')}</span>
      </p>
      {status ? (
        <div className="card-show">
          <p className="card-title">{status.title || t('card.noTitle')}</p>
          <p className="card-cue">{status.cue ? t('card.cue', { label: status.cue.label }) : t('card.noCue')}</p>
        </div>
      ) : (
        <p className="card-show muted">{t('card.noStatus')}</p>
      )}
      <div className="card-money">
        <span className="card-gmv" data-testid="room-gmv">
          {figures ? formatMoney(figures.gmv, figures.currency) : t('card.noFigures')}
        </span>
        {figures ? (
          <span className="card-paid">
            {t('card.paid', { amount: formatMoney(figures.paidAmount, figures.currency) })}
            {' · '}
            {t('card.refunded', { amount: formatMoney(figures.refundedAmount, figures.currency) })}
          </span>
        ) : null}
      </div>
      <dl className="card-counts">
        <div>
          <dt>{t('card.ordersPaid')}</dt>
          <dd data-testid="room-orders">{formatCount(figures?.ordersPaid ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('card.ordersLastMinute')}</dt>
          <dd>{formatCount(figures?.ordersLastMinute ?? 0)}</dd>
        </div>
      </dl>
      {status ? (
        <ul className="pills">
          <li className={`pill tone-${pillTone(status.obs)}`}>{obsLabel(t, status.obs)}</li>
          {status.destinations.map((d, i) => (
            <li key={`${d.name}-${i}`} className={`pill tone-${pillTone(d.status)}`} title={d.platform}>
              {d.name}: {destinationLabel(t, d.status)}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
