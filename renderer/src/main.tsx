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
import { AppProviders } from './store/store-context';
import { createAppStore } from './store/studio-store';
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

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProviders store={store} hub={hub}>
        <App />
      </AppProviders>
    </StrictMode>,
  );
}

void start();
