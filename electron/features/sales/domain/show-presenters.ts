import type { TimelineBand } from './show-timeline';
import type { BucketTally } from './tallies';

/** What one presenter's turns on air came to: time on air and the sales of the orders placed under their cues. */
export interface PresenterTotals {
  presenter: string;
  /** Time on air under their cues (the timeline's cue bands, clipped to the on-air window), ms. */
  onAirMs: number;
  orders: number;
  units: number;
  /** Net GMV (minor units): paid minus refunded. */
  gmv: number;
  paid: number;
  refunded: number;
}

/**
 * The show by presenter (lecturers taking turns): each cue's time on air and sales go to the presenter the cue names
 * now; cues that name nobody are left out (they have no row, not an "unknown" one). Most time on air first.
 */
export function presenterTotals(
  cueBands: readonly TimelineBand[],
  bySegment: Readonly<Record<string, BucketTally>>,
  presenterOf: (cueId: string) => string | null,
): PresenterTotals[] {
  const rows = new Map<string, PresenterTotals>();
  const row = (presenter: string) =>
    rows.get(presenter) ?? rows.set(presenter, { presenter, onAirMs: 0, orders: 0, units: 0, gmv: 0, paid: 0, refunded: 0 }).get(presenter)!;
  for (const band of cueBands) {
    const presenter = presenterOf(band.key);
    if (presenter) row(presenter).onAirMs += band.to - band.from;
  }
  // Sales are kept per cue (a cue gone back to is one bucket), so each cue counts once.
  for (const [cueId, sales] of Object.entries(bySegment)) {
    const presenter = presenterOf(cueId);
    if (!presenter) continue;
    const r = row(presenter);
    r.orders += sales.orders;
    r.units += sales.units;
    r.gmv += sales.gmv;
    r.paid += sales.paid;
    r.refunded += sales.refunded;
  }
  return [...rows.values()].sort((a, b) => b.onAirMs - a.onAirMs || (a.presenter < b.presenter ? -1 : 1));
}
