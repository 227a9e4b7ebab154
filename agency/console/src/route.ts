import { useCallback, useEffect, useState } from 'react';

/** Which screen the address's fragment asks for: the wall, a room's drill-down over it, or the admin page. */
export type Route = { view: 'wall' } | { view: 'room'; roomId: string } | { view: 'admin' };

/** The route of a fragment (`#room/<id>`, `#admin`; anything else is the wall). */
export function parseRoute(hash: string): Route {
  const fragment = hash.replace(/^#/, '');
  if (fragment === 'admin') return { view: 'admin' };
  const room = /^room\/(.+)$/.exec(fragment);
  if (room) {
    try {
      return { view: 'room', roomId: decodeURIComponent(room[1]!) };
    } catch {
      return { view: 'wall' };
    }
  }
  return { view: 'wall' };
}

/** The fragment of a route ('' for the wall). */
export function routeHash(route: Route): string {
  if (route.view === 'admin') return '#admin';
  if (route.view === 'room') return `#room/${encodeURIComponent(route.roomId)}`;
  return '';
}

/** The current route and a way to go to another; the browser's back button goes back (each step is a history entry). */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  const go = useCallback((next: Route) => {
    // pushState with the bare path for the wall, so its address has no dangling '#'.
    window.history.pushState(null, '', `${window.location.pathname}${window.location.search}${routeHash(next)}`);
    setRoute(next);
  }, []);
  return [route, go];
}
