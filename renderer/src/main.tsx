import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { wireAgency } from './features/agency/agency-wiring';
import { wireBridges } from './features/bridges/bridges-wiring';
import { wireCatalog } from './features/catalog/catalog-wiring';
import { wireChat } from './features/chat/chat-wiring';
import { wireHealth } from './features/health/health-wiring';
import { wireSales } from './features/sales/sales-wiring';
import { wireScenes } from './features/scenes/scenes-wiring';
import { connectHub, type HubClient } from './hub/hub-client';
import { resolveBootstrap } from './hub/resolve-bootstrap';
import { isFinalStatus } from './store/connection';
import { AppProviders } from './store/store-context';
import { createAppStore, type AppStore } from './store/studio-store';
import './styles.css';

async function start(): Promise<void> {
  const store = createAppStore();
  const bootstrap = await resolveBootstrap().catch(() => null);
  let hub: HubClient | null = null;
  if (bootstrap) {
    hub = connectHub(bootstrap.hubUrl, bootstrap.token, store);
    wireChat(hub, store);
    wireSales(hub, store);
    wireCatalog(hub, store);
    wireScenes(hub, store);
    wireHealth(hub, store);
    wireBridges(hub, store);
    wireAgency(hub, store);
  } else store.getState().onConnection({ type: 'no-bootstrap' });

  const render = () =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <AppProviders store={store} hub={hub}>
          <App />
        </AppProviders>
      </StrictMode>,
    );
  whenFirstWorthDrawing(store, render);
}

/** Longest the window stays blank waiting for the show; after it, it draws and says what it is waiting for. */
const FIRST_DRAW_WAIT_MS = 1500;

/**
 * Calls `draw` once: when the show's state has arrived, when there is nothing to wait for (no invite, a refused one),
 * or after {@link FIRST_DRAW_WAIT_MS}. Drawing every panel empty and then again with the show cost a whole render and
 * layout before the first useful picture (bench/startup.ts); the state comes a few milliseconds after connecting.
 */
function whenFirstWorthDrawing(store: AppStore, draw: () => void): void {
  const isWorthDrawing = (s: ReturnType<AppStore['getState']>) =>
    s.studio !== null || isFinalStatus(s.connection.status);
  if (isWorthDrawing(store.getState())) return draw();
  const once = () => {
    unsubscribe();
    clearTimeout(timer);
    draw();
  };
  const unsubscribe = store.subscribe((s) => {
    if (isWorthDrawing(s)) once();
  });
  const timer = setTimeout(once, FIRST_DRAW_WAIT_MS);
}

void start();
