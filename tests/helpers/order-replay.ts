import { eventKey, orderKey, orderTotal, STATUS_RANK, type OrderEvent, type OrderState } from '../../electron/features/sales/domain/ledger';

/**
 * The order states replayed the slow way, for tests: de-duplicate (first delivery of an event id wins), sort the
 * distinct events in time order (status and eventId break ties); per order the last lifecycle notice describes it,
 * every refund notice is kept, the earliest time is when it was placed and the earliest paid notice when it was paid.
 */
export function modelOrderStates(events: readonly OrderEvent[]): Map<string, OrderState> {
  const distinct = new Map<string, OrderEvent>();
  for (const e of events) if (!distinct.has(eventKey(e))) distinct.set(eventKey(e), e);
  const ordered = [...distinct.values()].sort(
    (a, b) => a.occurredAt - b.occurredAt || STATUS_RANK[a.status] - STATUS_RANK[b.status] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const states = new Map<string, OrderState>();
  for (const e of ordered) {
    const key = orderKey(e.platform, e.orderId);
    const was = states.get(key);
    const placedAt = was?.placedAt ?? e.occurredAt;
    const test = (was?.test ?? false) || e.test === true;
    const refunds = was?.refunds ?? [];
    let paidAt = was?.paidAt ?? null;
    if (paidAt === null && (e.status === 'paid' || e.status === 'refunded') && !e.refund) paidAt = e.occurredAt;
    const lifecycle = e.refund
      ? was && was.eventId !== ''
        ? { status: was.status, occurredAt: was.occurredAt, eventId: was.eventId, currency: was.currency, items: was.items, total: was.total }
        : { status: 'created' as const, occurredAt: 0, eventId: '', currency: '', items: [], total: 0 }
      : { status: e.status, occurredAt: e.occurredAt, eventId: e.eventId, currency: e.currency, items: e.items, total: orderTotal(e.items) };
    const withRefund = e.refund
      ? [...refunds, { eventId: e.eventId, occurredAt: e.occurredAt, amount: e.refund.amount, restock: e.refund.restock, items: e.items }].sort((a, b) =>
          a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
        )
      : refunds;
    states.set(key, { platform: e.platform, orderId: e.orderId, ...lifecycle, placedAt, paidAt, refunds: withRefund, test });
  }
  return states;
}

