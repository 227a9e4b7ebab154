import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import { AUDIO_METERS_EVENT, MONITOR_FRAME_EVENT, MONITOR_LIMITS, type MonitorView } from '../protocol/monitor-events';

/**
 * Fans the engine's monitor frames and audio levels out to windows as volatile events (dropped for a busy window,
 * never stored). Windows on the LAN get at most `MONITOR_LIMITS.lanFps` frames a second per view: a co-host on Wi-Fi
 * must not take the anchor's upload.
 */
export const monitorFeature: HubFeatureFactory = ({ store, broadcast }) => {
  const lastLanFrame = new Map<MonitorView, number>();
  return {
    name: 'monitor',
    commands: {
      'monitor.publish': (frame) => {
        broadcast(MONITOR_FRAME_EVENT, frame, undefined, { volatile: true, network: 'local' });
        const last = lastLanFrame.get(frame.view) ?? 0;
        if (frame.at - last >= 1000 / MONITOR_LIMITS.lanFps) {
          lastLanFrame.set(frame.view, frame.at);
          broadcast(MONITOR_FRAME_EVENT, frame, undefined, { volatile: true, network: 'lan' });
        }
        return { ok: true, version: store.current.version };
      },
      'meters.publish': (event) => {
        broadcast(AUDIO_METERS_EVENT, event, undefined, { volatile: true });
        return { ok: true, version: store.current.version };
      },
    },
  };
};
