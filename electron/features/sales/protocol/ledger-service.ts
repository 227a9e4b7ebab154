import { serviceKey } from '../../../core/protocol/service-key';
import type { Tallies } from '../domain/tallies';

/** The ledger's figures as other hub features read them, current to the last committed order (not throttled). */
export interface LedgerReader {
  /** The figures now. */
  tallies(): Tallies;
}

/** The sales feature offers its ledger under this key. */
export const LEDGER_READER = serviceKey<LedgerReader>('sales.ledger');
