import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ConsoleState, ConsoleStore } from './console-store';
import { translate, type Translate } from './i18n';
import type { Session } from './session';

const StoreContext = createContext<ConsoleStore | null>(null);
const SessionContext = createContext<Session | null>(null);

/** Gives the tree the page's store and session. */
export function ConsoleProviders(props: { store: ConsoleStore; session: Session; children: ReactNode }) {
  return (
    <StoreContext.Provider value={props.store}>
      <SessionContext.Provider value={props.session}>{props.children}</SessionContext.Provider>
    </StoreContext.Provider>
  );
}

/** Reads one value of the store; re-renders only when it changes. */
export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsole outside ConsoleProviders');
  return useStore(store, selector);
}

/** The page's session (token, link to the node). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside ConsoleProviders');
  return session;
}

/** The translate function for the page's current language. */
export function useT(): Translate {
  const language = useConsole((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}

/** The current time, renewed every `everyMs` (for "last seen 5 min ago" and "live since" to move on their own). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
