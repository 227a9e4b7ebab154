import { useMemo } from 'react';
import { useConsole, useSession, useT } from './console-context';
import { formatCount, formatMoneyList } from './format';
import { LanguageSwitch } from './language-switch';
import { ReportsMenu } from './reports-menu';
import type { Route } from './route';
import { useVisibleRooms } from './room-wall';
import { wallTotals } from './wall-view';

/** The top bar: agency, totals over the rooms shown, screens, reports, language, who is signed in. */
export function ConsoleHeader(props: { route: Route; go: (route: Route) => void }) {
  const t = useT();
  const session = useSession();
  const agencyName = useConsole((s) => s.agencyName);
  const me = useConsole((s) => s.me);
  const total = useConsole((s) => s.rooms.length);
  const visible = useVisibleRooms();
  const totals = useMemo(() => wallTotals(visible), [visible]);
  const isAdmin = me?.role === 'admin';
  return (
    <header className="top-bar">
      <div className="agency">
        <span className="agency-mark" aria-hidden="true">
          ●
        </span>
        <span className="agency-name" data-testid="agency-name">
          {agencyName}
        </span>
        <span className="agency-sub">{t('app.title')}</span>
      </div>
      <dl className="totals" data-testid="totals">
        <div>
          <dt>{t('totals.gmv')}</dt>
          <dd data-testid="totals-gmv">{formatMoneyList(totals.gmvByCurrency, t('totals.none'))}</dd>
        </div>
        <div>
          <dt>{t('totals.live')}</dt>
          <dd className={totals.liveRooms ? 'is-live' : ''} data-testid="totals-live">
            {formatCount(totals.liveRooms)}
          </dd>
        </div>
        <div>
          <dt>{t('totals.linked')}</dt>
          <dd data-testid="totals-linked">{formatCount(totals.linkedRooms)}</dd>
        </div>
        <div className="totals-rooms">{t('totals.rooms', { shown: formatCount(visible.length), total: formatCount(total) })}</div>
      </dl>
      {isAdmin ? (
        <nav className="nav">
          <button type="button" className={props.route.view !== 'admin' ? 'is-on' : ''} onClick={() => props.go({ view: 'wall' })} data-testid="nav-rooms">
            {t('nav.rooms')}
          </button>
          <button type="button" className={props.route.view === 'admin' ? 'is-on' : ''} onClick={() => props.go({ view: 'admin' })} data-testid="nav-admin">
            {t('nav.admin')}
          </button>
        </nav>
      ) : null}
      <ReportsMenu />
      <LanguageSwitch />
      {me ? (
        <div className="me" data-testid="me">
          <span className="me-name">{me.name}</span>
          <span className="me-role">{me.role === 'brand' ? t('role.brand', { brand: me.brand ?? '' }) : t(`role.${me.role}`)}</span>
        </div>
      ) : null}
      <button type="button" className="quiet" onClick={() => session.signOut()} data-testid="sign-out">
        {t('app.signOut')}
      </button>
    </header>
  );
}
