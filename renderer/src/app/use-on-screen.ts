import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * True while any part of the element is on screen (scrolled into its panel and the window) and the window itself is
 * visible: what decides whether live pictures and meters are worth asking OBS for. Takes the element, not a ref: lists
 * mount late (once OBS reported scenes) and the observer must start then.
 */
export function useIsOnScreen(element: HTMLElement | null): boolean {
  const isPageVisible = useSyncExternalStore(subscribeVisibility, isDocumentVisible, () => true);
  const [isIntersecting, setIntersecting] = useState(false);
  useEffect(() => {
    if (!element) {
      setIntersecting(false);
      return;
    }
    if (typeof IntersectionObserver === 'undefined') {
      setIntersecting(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setIntersecting(last.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return isIntersecting && isPageVisible;
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

function isDocumentVisible(): boolean {
  return document.visibilityState === 'visible';
}
