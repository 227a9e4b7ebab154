import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './studio-store';
import type { HubClient } from '../hub/hub-client';

const StoreContext = createContext<AppStore | null>(null);
const HubContext = createContext<HubClient | null>(null);

/** Provides the window's store and hub client to the tree. */
export function AppProviders(props: { store: AppStore; hub: HubClient | null; children: ReactNode }) {
  return (
    <StoreContext.Provider value={props.store}>
      <HubContext.Provider value={props.hub}>{props.children}</HubContext.Provider>
    </StoreContext.Provider>
  );
}

/** Reads one value from the window's store; re-renders only when it changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppState outside AppProviders');
  return useStore(store, selector);
}

/** The hub client, or null when this window has no bootstrap. */
export function useHub(): HubClient | null {
  return useContext(HubContext);
}
