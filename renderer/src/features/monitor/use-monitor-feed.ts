import { useEffect, useState } from 'react';
import { AUDIO_METERS_EVENT, MONITOR_FRAME_EVENT, type AudioMetersEvent, type MonitorFrameEvent, type MonitorView } from '@shared/features/monitor/protocol/monitor-events';
import type { CommandName } from '@shared/core/protocol/commands';
import { useIsOnScreen } from '../../app/use-on-screen';
import { useAppState, useHub } from '../../store/store-context';
import { isWatchWorthwhile, MONITOR_FPS, MONITOR_RENEW_MS, MONITOR_WIDTH } from './monitor-view';

/**
 * Renews a watch lease (`monitor.watch`, `meters.watch`) while the element is on screen, the hub is up and OBS
 * connected. It never cancels on hide: the watch is shared by every window, so this one just stops renewing and the
 * lease runs out. `key` renews at once when what is asked for changes.
 */
function useWatchLease(element: HTMLElement | null, key: string, renew: (send: (name: CommandName, payload: object) => void) => void): boolean {
  const hub = useHub();
  const isHubConnected = useAppState((s) => s.connection.status === 'connected');
  const obsStatus = useAppState((s) => s.studio?.obs.status ?? null);
  const isOnScreen = useIsOnScreen(element);
  const isWorthwhile = isWatchWorthwhile({ isOnScreen, isHubConnected, obsStatus });
  useEffect(() => {
    if (!hub || !isWorthwhile) return;
    const send = (name: CommandName, payload: object) => void hub.send(name, payload as never, { isSilent: true });
    renew(send);
    const timer = setInterval(() => renew(send), MONITOR_RENEW_MS);
    return () => clearInterval(timer);
    // `renew` is rebuilt every render; `key` says when what it asks for changed.
  }, [hub, isWorthwhile, key]);
  return isWorthwhile;
}

/** A monitor frame and when this window got it (the engine's clock may differ from a LAN co-host's). */
export type ReceivedFrame = MonitorFrameEvent & { receivedAt: number };

/** The latest frame of each view while the element is on screen; frames arrive only while some window watches. */
export function useMonitorFrames(element: HTMLElement | null, views: readonly MonitorView[]): Partial<Record<MonitorView, ReceivedFrame>> {
  const hub = useHub();
  const [frames, setFrames] = useState<Partial<Record<MonitorView, ReceivedFrame>>>({});
  const key = views.join(',');
  useWatchLease(element, key, (send) => send('monitor.watch', { views: key.split(','), width: MONITOR_WIDTH, fps: MONITOR_FPS }));
  useEffect(() => {
    if (!hub) return;
    return hub.on(MONITOR_FRAME_EVENT, (frame) => {
      if (typeof frame?.image !== 'string' || (frame.view !== 'program' && frame.view !== 'preview')) return;
      setFrames((current) => ({ ...current, [frame.view]: { ...frame, receivedAt: Date.now() } }));
    });
  }, [hub]);
  return frames;
}

/** The latest audio levels while the element is on screen (null before the first reading). */
export function useAudioMeters(element: HTMLElement | null): AudioMetersEvent | null {
  const hub = useHub();
  const [reading, setReading] = useState<AudioMetersEvent | null>(null);
  const isWatching = useWatchLease(element, 'meters', (send) => send('meters.watch', {}));
  useEffect(() => {
    if (!hub) return;
    return hub.on(AUDIO_METERS_EVENT, (event) => {
      if (typeof event?.at === 'number' && Array.isArray(event.levels)) setReading(event);
    });
  }, [hub]);
  return isWatching ? reading : null;
}
