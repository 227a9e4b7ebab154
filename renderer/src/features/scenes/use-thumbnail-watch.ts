import { useEffect } from 'react';
import { useIsOnScreen } from '../../app/use-on-screen';
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
  const isOnScreen = useIsOnScreen(element);
  // The scene list arrives in a new array with every state broadcast; a string key renews only on a real change.
  const key = names.join('\u0000');

  useEffect(() => {
    const scenes = thumbnailWatchScenes(
      { isOnScreen, isHubConnected, obsStatus },
      key === '' ? [] : key.split('\u0000'),
    );
    if (!hub || !scenes) return;
    const renew = () => void hub.send('thumbnails.watch', { scenes, width: THUMBNAIL_WIDTH, intervalMs: THUMBNAIL_INTERVAL_MS }, { isSilent: true });
    renew();
    const timer = setInterval(renew, THUMBNAIL_RENEW_MS);
    return () => clearInterval(timer);
  }, [hub, isOnScreen, isHubConnected, obsStatus, key]);
}
