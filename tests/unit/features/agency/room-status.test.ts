import { describe, expect, it } from 'vitest';
import { initialStudioState } from '../../../../electron/core/domain/studio-state';
import { agencyUrlOf } from '../../../../electron/features/agency/domain/agency-link';
import { MAX_STATUS_QUESTIONS, roomStatusOf, type RoomSources } from '../../../../electron/features/agency/domain/room-status';
import { roomFiguresOf } from '../../../../electron/features/agency/domain/room-figures';
import { applyOrderEvent, DEFAULT_LEDGER_SETTINGS, type OrderState } from '../../../../electron/features/sales/domain/ledger';
import { emptyTallies } from '../../../../electron/features/sales/domain/tallies';

function sources(change: (s: RoomSources) => void = () => undefined): RoomSources {
  const s: RoomSources = { state: initialStudioState(), tallies: emptyTallies(), settings: DEFAULT_LEDGER_SETTINGS, healthAlerts: [], questions: [], cueName: (c) => c.label };
  change(s);
  return s;
}

describe('room status', () => {
  it('raises the alerts an agency acts on: OBS away, a destination down while live, health, low stock', () => {
    const status = roomStatusOf(
      sources((s) => {
        s.state.obs.status = 'reconnecting';
        s.state.live = { isLive: true, startedAt: 1000, endedAt: null };
        s.state.output.destinations = [
          { id: 'd1', name: '抖音', platform: 'douyin', server: 'rtmp://x', hasKey: true, isEnabled: true, canvas: null, createdAt: 0 },
          { id: 'd2', name: 'YouTube', platform: 'youtube', server: 'rtmp://y', hasKey: true, isEnabled: true, canvas: null, createdAt: 0 },
          { id: 'd3', name: 'Off', platform: 'custom', server: 'rtmp://z', hasKey: true, isEnabled: false, canvas: null, createdAt: 0 },
        ] as never;
        s.state.output.engine = { destinations: [{ id: 'd1', status: 'live' }, { id: 'd2', status: 'failed' }] } as never;
        s.healthAlerts = [{ code: 'mic-silent', source: 'Mic' }];
        s.tallies.stock = { 'TEA-1': { initial: 10, left: 1, lowAt: 2, isLow: true }, 'TEA-2': { initial: 10, left: 9, lowAt: 2, isLow: false } };
      }),
      5000,
    );
    expect(status.phase).toBe('live');
    expect(status.liveSince).toBe(1000);
    expect(status.destinations.map((d) => [d.name, d.status])).toEqual([['抖音', 'live'], ['YouTube', 'failed']]);
    expect(status.alerts).toEqual([
      { code: 'obs-down', detail: 'reconnecting' },
      { code: 'destination-down', detail: 'YouTube' },
      { code: 'mic-silent', detail: 'Mic' },
      { code: 'stock-low', detail: 'TEA-1' },
    ]);
  });

  it('counts every open question and carries only the newest few; answered ones are not open', () => {
    const entry = (i: number, isAnswered = false) => ({ entry: { user: { id: `u${i}`, name: `buyer ${i}` }, text: `q${i}?`, receivedAt: i, isAnswered } as never, askCount: 1 });
    const status = roomStatusOf(sources((s) => (s.questions = [...Array.from({ length: 8 }, (_, i) => entry(i)), entry(99, true)])), 0);
    expect(status.openQuestions.count).toBe(8);
    expect(status.openQuestions.newest.map((q) => q.text)).toEqual(['q7?', 'q6?', 'q5?', 'q4?', 'q3?'].slice(0, MAX_STATUS_QUESTIONS));
  });
});

describe('room figures', () => {
  it("follow the studio's settings: orders before the show's start and test orders do not count", () => {
    const orders = new Map<string, OrderState>();
    const add = (id: string, placedAt: number, test = false) =>
      orders.set(id, applyOrderEvent(undefined, { eventId: id, platform: 'douyin', orderId: id, status: 'paid', occurredAt: placedAt, currency: 'CNY', items: [{ sku: 'A', quantity: 1, unitPrice: 1000 }], ...(test ? { test } : {}) }));
    add('old', 1_000);
    add('new', 120_000);
    add('test', 120_000, true);
    const all = roomFiguresOf(orders.values(), null, 130_000);
    expect(all.gmv).toBe(2000);
    const show = roomFiguresOf(orders.values(), { currency: 'CNY', showStartedAt: 60_000, rehearsalClearedAt: null }, 130_000);
    expect(show).toMatchObject({ gmv: 1000, ordersPaid: 1, ordersLastMinute: 1 });
  });
});

describe('agency address', () => {
  it('takes http(s) addresses as their origin and refuses the rest in plain words', () => {
    expect(agencyUrlOf(' https://agency.example.com/console?x=1 ')).toEqual({ url: 'https://agency.example.com' });
    expect(agencyUrlOf('agency.example.com')).toMatchObject({ problem: expect.stringContaining('not a web address') });
    expect(agencyUrlOf('ftp://agency')).toMatchObject({ problem: expect.stringContaining('https://') });
    expect(agencyUrlOf('https://me:secret@agency')).toMatchObject({ problem: expect.stringContaining('password') });
    // In clear only to an agency on this computer: the link carries the token and the sales.
    expect(agencyUrlOf('http://agency.example.com')).toMatchObject({ problem: expect.stringContaining('https://') });
    expect(agencyUrlOf('http://127.0.0.1:7400')).toEqual({ url: 'http://127.0.0.1:7400' });
    expect(agencyUrlOf('http://localhost:7400/')).toEqual({ url: 'http://localhost:7400' });
  });
});
