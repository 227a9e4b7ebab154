import { useEffect } from 'react';
import { ChatPanel } from '../features/chat/chat-panel';
import { CuesPanel } from '../features/cues/cues-panel';
import { SalesPanel } from '../features/sales/sales-panel';
import { ScenesPanel } from '../features/scenes/scenes-panel';
import { useT } from '../i18n/use-t';
import { useAppState } from '../store/store-context';
import { Notice } from './notice';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';

/** The studio window: top bar, the four work areas, status bar. */
export function App() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const status = useAppState((s) => s.connection.status);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className="app">
      <TopBar />
      <Notice />
      {status === 'no-bootstrap' ? (
        <p className="bootstrap-missing" role="alert">
          {t('bootstrap.missing')}
        </p>
      ) : null}
      <main className="studio-grid">
        <ScenesPanel />
        <CuesPanel />
        <ChatPanel />
        <SalesPanel />
      </main>
      <StatusBar />
    </div>
  );
}
