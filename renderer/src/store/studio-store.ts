import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { applyStatePatch, type StatePatch } from '@shared/core/domain/state-patch';
import type { StudioState } from '@shared/core/domain/studio-state';
import type { CatalogEvent } from '@shared/features/catalog/protocol/catalog-events';
import type { ProtocolError } from '@shared/core/protocol/results';
import { initialCatalogView, reduceCatalogView, type CatalogViewState } from '../features/catalog/catalog-view';
import { initialChatView, reduceChatView, type ChatViewEvent, type ChatViewState } from '../features/chat/chat-view';
import { mergeThumbnails, NO_THUMBNAILS, type ThumbnailsView } from '../features/scenes/scene-view';
import type { ThumbnailsEvent } from '@shared/features/scenes/protocol/thumbnail-events';
import type { ObsHealth } from '@shared/features/health/domain/obs-health';
import type { BridgeStatus } from '@shared/features/bridges/domain/bridges';
import type { AgencyLinkView } from '@shared/features/agency/domain/agency-link';
import type { ObsHealthEvent } from '@shared/features/health/protocol/health-events';
import { initialSalesView, reduceSalesView, type SalesViewEvent, type SalesViewState } from '../features/sales/sales-view';
import { INITIAL_BANNER, reduceBanner, type BannerState } from '../features/health/health-view';
import { defaultLanguage, isLanguage, type Language } from '../i18n/i18n';
import { initialConnection, reduceConnection, type ConnectionEvent, type ConnectionState } from './connection';
import { acceptSnapshot } from './snapshot';
import { DEFAULT_LAYOUT, restoreLayout, type PanelLayout } from './panel-layout';

interface ConnectionSlice {
  connection: ConnectionState;
  /** True until the first snapshot after the current connection arrives. */
  awaitingResync: boolean;
  onConnection(event: ConnectionEvent): void;
}

interface StudioSlice {
  studio: StudioState | null;
  onSnapshot(state: StudioState): void;
  /** Applies the hub's patch of what changed; false when it cannot (a patch was missed): ask for the whole state. */
  onPatch(patch: StatePatch): boolean;
}

interface SettingsSlice {
  language: Language;
  setLanguage(language: Language): void;
  /** How this person arranged the panels (kept with the language). */
  layout: PanelLayout;
  setLayout(layout: PanelLayout): void;
  /** Whether this person closed the setup checklist once (the desktop app then no longer opens it by itself). */
  isSetupDismissed: boolean;
  dismissSetup(): void;
}

interface NoticeSlice {
  /** The last refusal or failure the user should read. */
  notice: ProtocolError | null;
  showNotice(error: ProtocolError | null): void;
}

interface ChatSlice {
  /** Live chat of this window: bounded buffers, status, catch-up bookkeeping (see features/chat/chat-view.ts). */
  chat: ChatViewState;
  onChatEvent(event: ChatViewEvent): void;
}

interface SalesSlice {
  /** Live sales tallies of this window (see features/sales/sales-view.ts). */
  sales: SalesViewState;
  onSalesEvent(event: SalesViewEvent): void;
}

interface CatalogSlice {
  /** The product catalog of the studio (see features/catalog/catalog-view.ts). */
  catalog: CatalogViewState;
  onCatalogEvent(event: CatalogEvent): void;
}

interface HealthSlice {
  /** OBS's health over the last second, from the hub's volatile `obs.health` events; null while OBS is away. */
  health: ObsHealth | null;
  onHealth(event: ObsHealthEvent): void;
  /**
   * The OBS banner, reduced from every OBS status the hub sends as it arrives (not from what a render happened to see:
   * a busy window that painted nothing during an outage still says afterwards that OBS or the engine is back).
   */
  banner: BannerState;
  dismissBanner(): void;
}

interface BridgesSlice {
  /** The studio's chat bridges (anchor and producer windows; empty for the others). */
  bridges: BridgeStatus[];
  onBridges(bridges: BridgeStatus[]): void;
}

interface AgencySlice {
  /** The studio's link to its agency (anchor windows; null when not linked or not the anchor). */
  agencyLink: AgencyLinkView | null;
  onAgencyLink(link: AgencyLinkView | null): void;
}

interface ThumbnailsSlice {
  /** Latest scene thumbnails: volatile telemetry, never persisted (see features/scenes/scene-view.ts). */
  thumbnails: ThumbnailsView;
  onThumbnails(event: ThumbnailsEvent): void;
}

/** Everything one window holds. */
export type AppState = ConnectionSlice &
  StudioSlice &
  SettingsSlice &
  NoticeSlice &
  SalesSlice &
  ChatSlice &
  CatalogSlice &
  HealthSlice &
  BridgesSlice &
  AgencySlice &
  ThumbnailsSlice;

/** The window's store. */
export type AppStore = StoreApi<AppState>;

const SETTINGS_KEY = 'anchor-studio.settings';

/** The banner after a change of the studio's state: reduced once per change of OBS's status or message. */
function followObs(banner: BannerState, before: StudioState | null, after: StudioState | null): BannerState {
  if (!after || (before && before.obs.status === after.obs.status && before.obs.message === after.obs.message)) return banner;
  return reduceBanner(banner, { type: 'obs', status: after.obs.status, hasMessage: Boolean(after.obs.message) });
}

/** Creates a fresh store (one per window; one per test). `storage` defaults to localStorage. */
export function createAppStore(options: { storage?: StateStorage; browserLanguages?: readonly string[] } = {}): AppStore {
  const startLanguage = defaultLanguage(options.browserLanguages ?? (typeof navigator === 'undefined' ? [] : navigator.languages));
  return createStore<AppState>()(
    persist(
      (set, get) => ({
        connection: initialConnection,
        awaitingResync: true,
        onConnection: (event) =>
          set((s) => ({
            connection: reduceConnection(s.connection, event),
            awaitingResync: event.type === 'connected' ? true : s.awaitingResync,
          })),
        studio: null,
        onSnapshot: (incoming) =>
          set((s) => {
            const studio = acceptSnapshot(s.studio, incoming, s.awaitingResync);
            return { studio, awaitingResync: false, banner: followObs(s.banner, s.studio, studio) };
          }),
        onPatch: (patch) => {
          const { studio, awaitingResync } = get();
          const next = studio && !awaitingResync ? applyStatePatch(studio, patch) : null;
          if (next) set((s) => ({ studio: next, banner: followObs(s.banner, studio, next) }));
          return next !== null;
        },
        language: startLanguage,
        setLanguage: (language) => set({ language }),
        layout: DEFAULT_LAYOUT,
        setLayout: (layout) => set({ layout }),
        isSetupDismissed: false,
        dismissSetup: () => set({ isSetupDismissed: true }),
        notice: null,
        showNotice: (notice) => set({ notice }),
        sales: initialSalesView(),
        onSalesEvent: (event) => set((s) => ({ sales: reduceSalesView(s.sales, event) })),
        chat: initialChatView(),
        onChatEvent: (event) => set((s) => ({ chat: reduceChatView(s.chat, event) })),
        catalog: initialCatalogView(),
        onCatalogEvent: (event) => set((s) => ({ catalog: reduceCatalogView(s.catalog, event) })),
        health: null,
        onHealth: (event) => set({ health: event.health }),
        banner: INITIAL_BANNER,
        dismissBanner: () => set((s) => ({ banner: reduceBanner(s.banner, { type: 'dismiss' }) })),
        bridges: [],
        onBridges: (bridges) => set({ bridges }),
        agencyLink: null,
        onAgencyLink: (agencyLink) => set({ agencyLink }),
        thumbnails: NO_THUMBNAILS,
        onThumbnails: (event) => set((s) => ({ thumbnails: mergeThumbnails(s.thumbnails, event) })),
      }),
      {
        name: SETTINGS_KEY,
        storage: createJSONStorage(() => options.storage ?? localStorage),
        partialize: (s) => ({ language: s.language, layout: s.layout, isSetupDismissed: s.isSetupDismissed }),
        merge: (saved, current) => {
          const { language, layout, isSetupDismissed } = (saved ?? {}) as { language?: unknown; layout?: unknown; isSetupDismissed?: unknown };
          return { ...current, ...(isLanguage(language) ? { language } : {}), layout: restoreLayout(layout), isSetupDismissed: isSetupDismissed === true };
        },
      },
    ),
  );
}
