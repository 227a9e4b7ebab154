import { connectAgency, type AgencyClient } from './agency-client';
import type { ConsoleStore } from './console-store';

/** Where the page keeps the token for this tab (sessionStorage: gone when the tab closes, never sent anywhere). */
export const TOKEN_KEY = 'anchor-agency.console.token';

/** The token in a URL fragment like `#token=agt_...` (or a whole pasted link with one), or null. */
export function tokenFromFragment(hash: string): string | null {
  const at = hash.indexOf('#');
  const fragment = at === -1 ? hash : hash.slice(at + 1);
  const token = new URLSearchParams(fragment).get('token');
  return token && token.trim() ? token.trim() : null;
}

/** What a person typed in the sign-in field: a bare token or a sign-in link carrying one. */
export function tokenFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return trimmed.includes('#') ? tokenFromFragment(trimmed) : trimmed;
}

/**
 * Takes a sign-in token out of the address bar: keeps it in sessionStorage and removes the fragment (so it is not
 * in the history, a bookmark or a screenshot of the address bar). Returns the token to sign in with: the fragment's,
 * or the one this tab kept, or null.
 */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const fromFragment = tokenFromFragment(location.hash);
  if (fromFragment) {
    storage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return storage.getItem(TOKEN_KEY);
}

/** Who is signed in on this page and their link to the node. */
export interface Session {
  /** The token in use (reports send it as a bearer token); null when signed out. */
  token(): string | null;
  client(): AgencyClient | null;
  signIn(token: string): void;
  /** Tries the token the node just refused once more (it may pass later, e.g. its database was down). */
  retry(): void;
  /** True when there is a refused token to try again. */
  canRetry(): boolean;
  signOut(): void;
}

/** A session over the store: signing in opens a link, a refusal forgets the token, signing out closes it. */
export function createSession(store: ConsoleStore, storage: Storage): Session {
  let token: string | null = null;
  let refused: string | null = null;
  let client: AgencyClient | null = null;
  const close = () => {
    client?.close();
    client = null;
  };
  // A refused token leaves this tab's storage (reloading must not sign in with it again), kept in memory for "retry".
  store.subscribe((state, before) => {
    if (state.connection.phase === 'refused' && before.connection.phase !== 'refused' && token) {
      refused = token;
      storage.removeItem(TOKEN_KEY);
    }
  });
  const session: Session = {
    token: () => token,
    client: () => client,
    signIn(next) {
      close();
      token = next;
      refused = null;
      storage.setItem(TOKEN_KEY, next);
      client = connectAgency(next, store);
    },
    retry() {
      if (refused) session.signIn(refused);
    },
    canRetry: () => refused !== null,
    signOut() {
      close();
      token = null;
      refused = null;
      storage.removeItem(TOKEN_KEY);
      store.getState().onConnection({ type: 'signed-out' });
    },
  };
  return session;
}
