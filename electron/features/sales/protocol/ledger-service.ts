import { serviceKey } from '../../../core/protocol/service-key';
import type { Tallies } from '../domain/tallies';
import type { ChainedEntry } from '../domain/ledger-entry';
import type { LedgerSettings } from '../domain/ledger';

/** The ledger's figures as other hub features read them, current to the last committed order (not throttled). */
export interface LedgerReader {
  /** The figures now. */
  tallies(): Tallies;
  /** The settings the figures follow (currency, when the show's sales began, when rehearsal was cleared). */
  settings(): LedgerSettings;
  /** Committed entries after `afterSeq`, oldest first, at most `limit` (a copy elsewhere catching up). */
  entriesAfter(afterSeq: number, limit: number): ChainedEntry[];
  /** How many entries the ledger holds (the last one's seq). */
  entryCount(): number;
}

/** The sales feature offers its ledger under this key. */
export const LEDGER_READER = serviceKey<LedgerReader>('sales.ledger');
