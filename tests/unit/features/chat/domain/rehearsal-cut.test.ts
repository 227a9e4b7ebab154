import { describe, expect, it } from 'vitest';
import { isBeforeCut, owedCutAt } from '../../../../../electron/features/chat/domain/rehearsal-cut';
import { ended, REHEARSING, wentLive } from '../../../../../electron/core/domain/show-phase';

describe('the go-live cut', () => {
  it('is owed once per show that went on air, and only then', () => {
    expect(owedCutAt(REHEARSING, null)).toBeNull();
    expect(owedCutAt(wentLive(1000), null)).toBe(1000);
    expect(owedCutAt(wentLive(1000), { at: 1000, throughSeq: 5, count: 5 })).toBeNull();
    // The hub stopped between "live" and the cut of a second show: the cut of the first does not count.
    expect(owedCutAt(wentLive(9000), { at: 1000, throughSeq: 5, count: 5 })).toBe(9000);
    // Ended without ever cutting (stopped mid-show, restarted after the end): still owed for that show.
    expect(owedCutAt(ended(wentLive(1000), 2000), null)).toBe(1000);
    expect(owedCutAt(ended(wentLive(1000), 2000), { at: 1000, throughSeq: 5, count: 5 })).toBeNull();
  });

  it('puts a message on the rehearsal side by its seq', () => {
    const cut = { at: 1000, throughSeq: 5, count: 3 };
    expect(isBeforeCut(5, cut)).toBe(true);
    expect(isBeforeCut(6, cut)).toBe(false);
    expect(isBeforeCut(1, null)).toBe(false);
  });
});
