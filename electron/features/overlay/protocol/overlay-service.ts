import { serviceKey } from '../../../core/protocol/service-key';
import type { StockTally } from '../../sales/domain/tallies';

/** The card on the stream as other hub features see it. */
export interface OverlayStatus {
  /** Resolves once the latest card reached OBS (or failed to): a cue change is done when its card is on screen. */
  whenPainted(): Promise<void>;
  /** Stock per SKU as the ledger last reported it (the card and the rehearsal simulator read the same figures). */
  readonly stockLevels: Readonly<Record<string, StockTally>>;
}

/** The overlay feature offers its status under this key. */
export const OVERLAY_STATUS = serviceKey<OverlayStatus>('overlay.status');
