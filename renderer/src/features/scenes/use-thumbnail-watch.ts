import { useEffect, useState, useSyncExternalStore } from 'react';
import { useAppState, useHub } from '../../store/store-context';
import { THUMBNAIL_RENEW_MS, THUMBNAIL_WIDTH, thumbnailWatchScenes } from './scene-view';

/** How often OBS captures each thumbnail while watched: low, they only tell the scenes apart. */
const THUMBNAIL_INTERVAL_MS = 2000;

/**
 * Keeps a `thumbnails.watch` lease alive while the element is on screen and the window is visible. It never sends
 * an empty list on hide: the watch is shared by every window, so this one just stops renewing and the lease runs out.
 */
export function useThumbnailWatch(element: HTMLElement | null, names: readonly string[]): void {
  const hub = useHub();
  const isHubConnected = useAppState((s) => s.connection.status === 'connected');
  const obsStatus = useAppState((s) => s.studio?.obs.status ?? null);
  const isPanelVisible = useIsOnScreen(element);
  const isPageVisible = useSyncExternalStore(subscribeVisibility, isDocumentVisible, () => true);
  // The scene list arrives in a new array with every state broadcast; a string key renews only on a real change.
  const key = names.join('\u0000');

  useEffect(() => {
    const scenes = thumbnailWatchScenes({ isPanelVisible, isPageVisible, isHubConnected, obsStatus }, key === '' ? [] : key.split('\u0000'));
    if (!hub || !scenes) return;
    const renew = () => void hub.send('thumbnails.watch', { scenes, width: THUMBNAIL_WIDTH, intervalMs: THUMBNAIL_INTERVAL_MS }, { isSilent: true });
    renew();
    const timer = setInterval(renew, THUMBNAIL_RENEW_MS);
    return () => clearInterval(timer);
  }, [hub, isPanelVisible, isPageVisible, isHubConnected, obsStatus, key]);
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

function isDocumentVisible(): boolean {
  return document.visibilityState === 'visible';
}

/**
 * True while any part of the element is on screen (scrolled into its panel and the window). Takes the element, not a
 * ref: the list mounts only once OBS reported scenes, and the observer must start then.
 */
function useIsOnScreen(element: HTMLElement | null): boolean {
  const [isOnScreen, setOnScreen] = useState(false);
  useEffect(() => {
    if (!element) {
      setOnScreen(false);
      return;
    }
    if (typeof IntersectionObserver === 'undefined') {
      setOnScreen(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setOnScreen(last.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return isOnScreen;
}
