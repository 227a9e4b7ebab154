import type { EngineHandlers } from '../../../core/protocol/engine-requests';
import type { ObsSession } from '../../../core/engine/obs-session';
import type { OverlayPainter } from './overlay-painter';

/** The overlay feature's part of the engine's handler table: painting the card the hub decided. */
export function overlayHandlers(painter: OverlayPainter, session: ObsSession) {
  return {
    'overlay.render': async ({ card, pinned, keepOut }) => {
      // The product card is painted once OBS is connected (the hub paints it again when OBS connects).
      session.requireConnected();
      await painter.show(card, pinned, keepOut);
    },
  } satisfies Partial<EngineHandlers>;
}
