import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyTallies } from '../../../../../electron/features/sales/domain/tallies';
import { createTallyPublisher } from '../../../../../electron/features/sales/hub/tally-publisher';
import type { TallyEvent } from '../../../../../electron/features/sales/protocol/sales-events';

const event = (seq: number): TallyEvent => ({
  seq,
  at: seq,
  tallies: emptyTallies(),
  changes: [{ platform: 'p', orderId: `o${seq}`, status: 'paid', previousStatus: null, total: 1, refunded: 0, previousRefunded: 0, currency: 'CNY', skus: ['A'], placedAt: 0, test: false }],
  changedCount: 1,
  chain: { entries: seq, head: 'h' },
});

afterEach(() => vi.useRealTimers());

describe('tally publisher', () => {
  it('sends the first event at once, then the newest per interval with the skipped changes carried', () => {
    vi.useFakeTimers();
    const sent: TallyEvent[] = [];
    const publish = createTallyPublisher((e) => sent.push(e), 40);
    publish(event(1));
    publish(event(2));
    publish(event(3));
    expect(sent.map((e) => e.seq)).toEqual([1]);
    vi.advanceTimersByTime(40);
    expect(sent.map((e) => e.seq)).toEqual([1, 3]);
    expect(sent[1]!.changes.map((c) => c.orderId)).toEqual(['o2', 'o3']);
    expect(sent[1]!.changedCount).toBe(2);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    publish.close();
  });
});
