import { useCallback, useEffect } from 'react';
import { AdminPanel } from './admin-panel';
import { AlertsFeed } from './alerts-feed';
import { ConsoleHeader } from './console-header';
import { useConsole, useSession, useT } from './console-context';
import { RoomDetail } from './room-detail';
import { RoomWall } from './room-wall';
import { useRoute } from './route';
import { SignIn } from './sign-in';

/** The page: sign-in until the node accepts a token, then the wall (or admin) with the alerts feed and drill-downs. */
export function ConsoleApp() {
  const t = useT();
  const session = useSession();
  const language = useConsole((s) => s.language);
  const phase = useConsole((s) => s.connection.phase);
  const me = useConsole((s) => s.me);
  const agencyName = useConsole((s) => s.agencyName);
  const [route, go] = useRoute();
  const openRoom = useCallback((roomId: string) => go({ view: 'room', roomId }), [go]);
  const closeRoom = useCallback(() => go({ view: 'wall' }), [go]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = agencyName ? `${agencyName} · ${t('app.title')}` : t('app.title');
  }, [language, agencyName, t]);

  if (phase === 'signed-out' || phase === 'refused') return <SignIn />;
  if (!me) {
    return (
      <main className="loading" data-testid="loading">
        <p>{t('app.loading')}</p>
        <button type="button" className="quiet" onClick={() => session.signOut()}>
          {t('app.signOut')}
        </button>
      </main>
    );
  }
  const isAdminView = route.view === 'admin' && me.role === 'admin';
  return (
    <div className="console">
      <ConsoleHeader route={route} go={go} />
      {phase === 'reconnecting' || phase === 'connecting' ? (
        <p className="banner" role="status" data-testid="reconnecting">
          {t('app.reconnecting')}
        </p>
      ) : null}
      <div className="console-body">
        <main className="console-main">{isAdminView ? <AdminPanel /> : <RoomWall onOpen={openRoom} />}</main>
        <AlertsFeed onOpen={openRoom} />
      </div>
      {route.view === 'room' ? <RoomDetail roomId={route.roomId} onClose={closeRoom} /> : null}
    </div>
  );
}
