import { productTitle, type Product } from '@shared/features/catalog/domain/catalog';
import { checkProduct, createClaimChecker, type ClaimChecker, type ProductCompliance } from '@shared/features/compliance/domain/compliance';
import type { Cue } from '@shared/features/rundown/domain/rundown';

/** How the live cue's time compares with its plan: on time, in its last fifth, or over. */
export type PlanStatus = 'ok' | 'near' | 'over';

/** Plan status of a cue that has run `elapsedMs` of `plannedMs` (no plan is always on time). */
export function planStatus(elapsedMs: number, plannedMs: number): PlanStatus {
  if (plannedMs <= 0) return 'ok';
  if (elapsedMs > plannedMs) return 'over';
  return elapsedMs >= plannedMs * 0.8 ? 'near' : 'ok';
}

/** What the cue list shows for a cue: its label, else its product's title, else the sku or segment kind. */
export function cueTitle(cue: Cue, product: Product | undefined, language: 'zh' | 'en'): string {
  if (cue.label.trim()) return cue.label;
  if (product) return productTitle(product, language);
  return cue.sku ?? cue.segment ?? cue.id;
}

/** The products of a run of show with flagged claims, in cue order, each once. */
export function showCompliance(cues: readonly Cue[], bySku: Readonly<Record<string, Product>>, checker: ClaimChecker): ProductCompliance[] {
  const seen = new Set<string>();
  const flagged: ProductCompliance[] = [];
  for (const cue of cues) {
    const product = cue.sku ? bySku[cue.sku] : undefined;
    if (!product || seen.has(product.sku)) continue;
    seen.add(product.sku);
    const report = checkProduct(checker, product);
    if (report.hits.length > 0) flagged.push(report);
  }
  return flagged;
}

let cached: { terms: readonly string[]; checker: ClaimChecker } | null = null;

/** One checker per list of custom terms (building it folds every term; the list changes rarely). */
export function checkerFor(customTerms: readonly string[]): ClaimChecker {
  if (cached?.terms !== customTerms) cached = { terms: customTerms, checker: createClaimChecker(customTerms) };
  return cached.checker;
}

/** Parses "3", "2.5" or "2:30" (minutes, or minutes:seconds) into ms; null when it is not a duration. */
export function parsePlannedMinutes(text: string): number | null {
  const t = text.trim();
  const mmss = /^(\d{1,3}):([0-5]\d)$/.exec(t);
  if (mmss) return (Number(mmss[1]) * 60 + Number(mmss[2])) * 1000;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 60_000);
}

/** Planned time as people type it (see parsePlannedMinutes): whole minutes as "3", anything else as "m:ss". */
export function formatPlannedMinutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? String(minutes) : `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** What the anchor reads on a cue: the cue's own script when it has one, else its product's. */
export function cueScript(cue: Cue, product: Product | undefined): string {
  return cue.script?.trim() ? cue.script : (product?.script ?? '');
}
