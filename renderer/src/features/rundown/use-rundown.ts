import type { Product } from '@shared/features/catalog/domain/catalog';
import type { StockTally } from '@shared/features/sales/domain/tallies';
import { initialRundown, type RundownState } from '@shared/features/rundown/domain/rundown';
import { useAppState } from '../../store/store-context';

const NO_RUNDOWN: RundownState = initialRundown();
const NO_STOCK: Record<string, StockTally> = {};

/** The run of show from the studio state (a stable empty one before the first snapshot). */
export function useRundown(): RundownState {
  return useAppState((s) => s.studio?.rundown ?? NO_RUNDOWN);
}

/** Products by sku. */
export function useProducts(): Readonly<Record<string, Product>> {
  return useAppState((s) => s.catalog.bySku);
}

/** Stock per sku as the ledger counts it (initial minus paid). */
export function useStock(): Readonly<Record<string, StockTally>> {
  return useAppState((s) => s.sales.latest?.tallies.stock ?? NO_STOCK);
}

/** The card language for product titles: the window's language, as the catalog names it. */
export function useTitleLanguage(): 'zh' | 'en' {
  return useAppState((s) => (s.language === 'zh-CN' ? 'zh' : 'en'));
}

/** Hub time now (local clock corrected by the offset measured at connect), for timers that match every window. */
export function useClockOffset(): number {
  return useAppState((s) => s.connection.clockOffsetMs);
}
