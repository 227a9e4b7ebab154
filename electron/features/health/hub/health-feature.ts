import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import { OBS_HEALTH_EVENT, type ObsHealthEvent } from '../protocol/health-events';

/** Every window shows the health readout; the engine sends it. */
const HEALTH_AUDIENCE = ['anchor', 'producer', 'moderator', 'viewer'] as const;

/**
 * OBS's health as telemetry: each reading goes to every window as a volatile event (a busy window skips a second
 * rather than queue them), the latest to a window that connects, and nothing to the database.
 */
export const healthFeature: HubFeatureFactory = (ctx) => {
  let latest: ObsHealthEvent = { health: null };
  const publish = (event: ObsHealthEvent) => {
    latest = event;
    ctx.broadcast(OBS_HEALTH_EVENT, event, HEALTH_AUDIENCE, { volatile: true });
  };
  let offEngine: (() => void) | null = null;
  return {
    name: 'health',
    start() {
      // No engine, no readings: windows must not keep showing the last second of an OBS nobody watches.
      offEngine = ctx.onEngineConnection((isConnected) => {
        if (!isConnected && latest.health) publish({ health: null });
      });
    },
    commands: {
      'engine.health': ({ health }) => {
        publish({ health });
        return { ok: true, version: ctx.store.current.version };
      },
    },
    onConnect(send) {
      send(OBS_HEALTH_EVENT, latest);
    },
    close() {
      offEngine?.();
    },
  };
};
