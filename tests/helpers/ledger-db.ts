import { openDatabase, type Db } from '../../electron/core/hub/storage';
import { LEDGER_MIGRATIONS, LedgerStore } from '../../electron/features/sales/hub/ledger/ledger-store';

/** Opens (or creates) `ledger.db` in `dir` with every migration, as the sales feature does (NORMAL: tests need no fsync). */
export function openLedgerDb(dir: string): Db {
  return openDatabase(dir, { file: 'ledger.db', synchronous: 'NORMAL', migrations: LEDGER_MIGRATIONS });
}

/** A ledger store on `ledger.db` in `dir`. */
export function openLedgerStore(dir: string): LedgerStore {
  return new LedgerStore(openLedgerDb(dir));
}
