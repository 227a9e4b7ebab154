import { lazy, Suspense, useEffect, useState } from 'react';
import { ChatPanel } from '../features/chat/chat-panel';
import { JoinForm } from '../features/cohost/join-form';
import { ObsBanner } from '../features/health/obs-banner';
import { NotesBar } from '../features/cohost/notes-bar';
import { MonitorPanel } from '../features/monitor/monitor-panel';
import { CuesPanel } from '../features/rundown/cues-panel';
import { OutputPanel } from '../features/output/output-panel';
import { SalesPanel } from '../features/sales/sales-panel';
import { ScenesPanel } from '../features/scenes/scenes-panel';
import { useT } from '../i18n/use-t';
import { useAppState } from '../store/store-context';
import { isFinalStatus } from '../store/connection';
import { Notice } from './notice';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';
import { KeyMap } from './key-map';
import { isNewStudio } from './setup-steps';
import { PanelColumn } from './panel';
import type { PanelArea } from '../store/panel-layout';

// What a window needs only once someone opens it loads then, in its own file: the first load stays small.
const BridgesDrawer = lazy(() => import('../features/bridges/bridges-drawer').then((m) => ({ default: m.BridgesDrawer })));
const CatalogDrawer = lazy(() => import('../features/catalog/catalog-drawer').then((m) => ({ default: m.CatalogDrawer })));
const CohostDrawer = lazy(() => import('../features/cohost/cohost-drawer').then((m) => ({ default: m.CohostDrawer })));
const SetupChecklist = lazy(() => import('./setup-checklist').then((m) => ({ default: m.SetupChecklist })));

/** The studio window: top bar, the six work areas, status bar. */
export function App() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const status = useAppState((s) => s.connection.status);
  const columns = useAppState((s) => s.layout.columns);
  // One drawer at a time: they open in the same place.
  const [drawer, setDrawer] = useState<'cohost' | 'catalog' | 'bridges' | null>(null);
  const [isKeyMapOpen, setKeyMapOpen] = useState(false);
  const [isSetupOpen, setSetupOpen] = useState(false);
  const role = useAppState((s) => s.connection.role);
  const isSetupDismissed = useAppState((s) => s.isSetupDismissed);
  const dismissSetup = useAppState((s) => s.dismissSetup);
  const isNew = useAppState((s) => s.studio !== null && s.catalog.isLoaded && isNewStudio({ studio: s.studio, productCount: s.catalog.skus.length }));
  // The desktop app's first start on a new studio opens the checklist once; a browser window (a co-host) never does.
  const isDesktop = typeof window.anchor?.getBootstrap === 'function';
  useEffect(() => {
    if (isDesktop && role === 'anchor' && isNew && !isSetupDismissed) setSetupOpen(true);
  }, [isDesktop, role, isNew, isSetupDismissed]);
  const closeSetup = () => {
    setSetupOpen(false);
    dismissSetup();
  };
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className="app">
      <TopBar onOpenCohost={() => setDrawer('cohost')} onOpenCatalog={() => setDrawer('catalog')} onOpenBridges={() => setDrawer('bridges')} onOpenKeys={() => setKeyMapOpen(true)} onOpenSetup={() => setSetupOpen(true)} />
      <Suspense fallback={null}>
        {isSetupOpen ? (
          <SetupChecklist
            onClose={closeSetup}
            onOpenCatalog={() => {
              closeSetup();
              setDrawer('catalog');
            }}
          />
        ) : null}
        {drawer === 'cohost' ? <CohostDrawer onClose={() => setDrawer(null)} /> : null}
        {drawer === 'catalog' ? <CatalogDrawer onClose={() => setDrawer(null)} /> : null}
        {drawer === 'bridges' ? <BridgesDrawer onClose={() => setDrawer(null)} /> : null}
      </Suspense>
      <KeyMap isOpen={isKeyMapOpen} onOpenChange={setKeyMapOpen} />
      <Notice />
      <ObsBanner />
      <NotesBar />
      {isFinalStatus(status) ? (
        <div className="bootstrap-missing">
          {status === 'no-bootstrap' ? <p role="alert">{t('bootstrap.missing')}</p> : null}
          <JoinForm />
        </div>
      ) : null}
      {/* Three columns of panels, as the person arranged them: a folded panel gives its height to the others in its column. */}
      <main className="studio-grid">
        {columns.map((areas, index) => (
          <PanelColumn key={index} index={index}>
            {areas.map((area) => (
              <PanelOf key={area} area={area} />
            ))}
          </PanelColumn>
        ))}
      </main>
      <StatusBar />
    </div>
  );
}

/** The panel of a studio area. */
function PanelOf(props: { area: PanelArea }) {
  switch (props.area) {
    case 'monitor':
      return <MonitorPanel />;
    case 'scenes':
      return <ScenesPanel />;
    case 'output':
      return <OutputPanel />;
    case 'cues':
      return <CuesPanel />;
    case 'sales':
      return <SalesPanel />;
    case 'chat':
      return <ChatPanel />;
  }
}
