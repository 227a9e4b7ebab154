import { describe, expect, it } from 'vitest';
import { presenterTotals } from '../../../../../electron/features/sales/domain/show-presenters';
import { emptyBucket, type BucketTally } from '../../../../../electron/features/sales/domain/tallies';

const MIN = 60_000;
const band = (key: string, from: number, to: number) => ({ key, label: key, startedAt: from, from, to });
const sales = (orders: number, gmv: number, refunded = 0): BucketTally => ({ ...emptyBucket(), placed: orders, orders, units: orders, paid: gmv + refunded, refunded, gmv });

describe('the show by presenter', () => {
  it("adds each presenter's cue bands and cue sales; a cue gone back to counts its time twice and its sales once", () => {
    const who: Record<string, string> = { bronze: '李老师', jade: '李老师', scrolls: '王老师' };
    const rows = presenterTotals(
      [band('bronze', 0, 10 * MIN), band('scrolls', 10 * MIN, 40 * MIN), band('jade', 40 * MIN, 45 * MIN), band('bronze', 45 * MIN, 50 * MIN), band('qa', 50 * MIN, 60 * MIN)],
      { bronze: sales(3, 30_000), jade: sales(1, 5_000, 1_000), scrolls: sales(2, 80_000), qa: sales(9, 1) },
      (id) => who[id] ?? null,
    );
    expect(rows).toEqual([
      { presenter: '王老师', onAirMs: 30 * MIN, orders: 2, units: 2, gmv: 80_000, paid: 80_000, refunded: 0 },
      { presenter: '李老师', onAirMs: 20 * MIN, orders: 4, units: 4, gmv: 35_000, paid: 36_000, refunded: 1_000 },
    ]);
  });

  it('has no rows when no cue names a presenter', () => {
    expect(presenterTotals([band('a', 0, MIN)], { a: sales(1, 100) }, () => null)).toEqual([]);
  });
});
