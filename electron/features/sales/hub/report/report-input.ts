import type { CueSegment } from '../../domain/ledger';
import { onAirWindow } from '../../../../core/domain/show-phase';
import type { LiveState } from '../../../../core/domain/studio-state';
import type { CatalogReader } from '../../../catalog/protocol/catalog-service';
import { onAirTimeline, reportTimeline, type ShowHistory } from '../../../../core/hub/show-history';
import { buildShowSummary, type ProductNames, type ShowSummary } from '../../domain/show-summary';
import type { OnAirSpan } from '../../domain/show-timeline';
import type { LedgerStore } from '../ledger/ledger-store';
import type { Reconciliation } from '../../domain/reconciliation';
import type { LedgerCheck, SalesReportInput } from './sales-report';

/** Where a report's figures come from: the ledger, the show's history, the phase, the title and the catalog. */
export interface ReportSources {
  ledger: LedgerStore;
  history: ShowHistory;
  live: LiveState;
  showTitle: string;
  catalog: CatalogReader | null;
  /** Who presents each cue of the run of show (cue id to name; cues naming nobody are absent). */
  presenters: Readonly<Record<string, string>>;
}

/** The on-air window as exact instants: to the end, or to `now` while still on air; null when never on air. */
export function onAirSpan(live: LiveState, now: number): OnAirSpan | null {
  const window = onAirWindow(live);
  return window ? { from: window.from, to: window.to ?? Math.max(window.from, now) } : null;
}

/** The cue live when the window opened and those started in it, by start (what the report's cue table lists). */
export function segmentsWithin(segments: readonly CueSegment[], span: OnAirSpan): CueSegment[] {
  let opening: CueSegment | null = null;
  const inside: CueSegment[] = [];
  for (const s of segments) {
    if (s.startedAt <= span.from) opening = s;
    else if (s.startedAt <= span.to) inside.push(s);
  }
  return opening ? [opening, ...inside] : inside;
}

/** What a reconciliation compares: the show on air (to its end, or now), else the current show so far. */
export function reconciliationWindow(live: LiveState, showStartedAt: number | null, now: number): { from: number | null; to: number | null } {
  const span = onAirSpan(live, now);
  return span ? { from: span.from, to: live.isLive ? null : span.to } : { from: showStartedAt, to: null };
}

/** The newest reconciliation if it was of this window's show (one of an earlier show is not this show's). */
function reconciliationOf(ledger: LedgerStore, window: { from: number | null }): Reconciliation | null {
  const latest = ledger.latestReconciliation();
  return latest && latest.window.from === window.from ? latest : null;
}

/** Catalog names of the SKUs (null for a SKU the catalog does not have). */
function namesOf(catalog: CatalogReader | null, skus: Iterable<string>): Record<string, ProductNames> {
  const names: Record<string, ProductNames> = {};
  for (const sku of skus) {
    const product = catalog?.get(sku);
    names[sku] = product ? { zh: product.title.zh, en: product.title.en } : null;
  }
  return names;
}

/**
 * The report's inputs. On air or after the show: the orders placed in the on-air window, its timeline (cues, scenes,
 * chat and questions counted exactly from going live to the end). Never on air: what the ledger counts now, on the
 * timeline of the show's activity, as before a show existed.
 */
export function salesReportInput(sources: ReportSources, ledgerCheck: LedgerCheck, now: number): SalesReportInput {
  const { ledger, history, live } = sources;
  const span = onAirSpan(live, now);
  const current = ledger.current.tallies;
  const segments = ledger.currentSegments;
  const tallies = span ? ledger.talliesWithin(span) : current;
  const timeline = span ? onAirTimeline(history, tallies.byMinute, segments, span) : reportTimeline(history, current.byMinute, segments, current.showStartedAt);
  return {
    showTitle: sources.showTitle,
    generatedAt: now,
    onAir: span ? { startedAt: span.from, endedAt: live.isLive ? null : span.to } : null,
    tallies,
    stockNow: current.stock,
    segments: span ? segmentsWithin(segments, span) : segments,
    timeline,
    names: namesOf(sources.catalog, [...Object.keys(tallies.bySku), ...Object.keys(current.stock)]),
    presenters: sources.presenters,
    ledger: ledgerCheck,
    reconciliation: reconciliationOf(ledger, reconciliationWindow(live, current.showStartedAt, now)),
  };
}

/** The post-show summary of an ended show (null in any other phase). */
export function showSummaryOf(sources: ReportSources): ShowSummary | null {
  const { live } = sources;
  if (live.isLive || live.startedAt === null || live.endedAt === null) return null;
  const span = { from: live.startedAt, to: live.endedAt };
  const tallies = sources.ledger.talliesWithin(span);
  const timeline = onAirTimeline(sources.history, tallies.byMinute, sources.ledger.currentSegments, span);
  const names = namesOf(sources.catalog, Object.keys(tallies.bySku));
  return buildShowSummary({
    showTitle: sources.showTitle,
    onAir: { startedAt: span.from, endedAt: span.to },
    tallies,
    names: (sku) => names[sku] ?? null,
    chat: { byKind: timeline.chatByKind, total: timeline.chatTotal, questions: timeline.questionsTotal },
  });
}
