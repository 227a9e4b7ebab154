import { z } from 'zod';
import type { OrderEvent } from '../domain/ledger';
import type { OrderSimulationSettings } from '../domain/order-simulation';
import { defineCommand } from '../../../core/protocol/command-spec';

/** Most events one `POST /api/v1/orders` request may carry. */
export const MAX_EVENTS_PER_REQUEST = 1000;

// No control characters (NUL separates keys in the ledger's maps) and a sane length.
const idText = (what: string, max: number) =>
  z
    .string()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f]+$/, `${what} contains control characters`);

/** One line of an order: integer quantity > 0 at an integer unit price in minor units. */
export const orderItemSchema = z.strictObject({
  sku: idText('sku', 128),
  quantity: z.number().int('quantity must be a whole number').min(1, 'quantity must be at least 1').max(10_000, 'quantity is over 10000'),
  unitPrice: z
    .number()
    .int('unitPrice must be whole minor units (fen/cents), not a decimal')
    .min(0, 'unitPrice is negative')
    .max(1_000_000_000, 'unitPrice is over 1000000000 minor units'),
});

/** An order event as platforms and bridges send it (the body of `POST /api/v1/orders`). */
export const orderEventSchema = z
  .strictObject({
    eventId: idText('eventId', 200),
    platform: idText('platform', 64),
    orderId: idText('orderId', 200),
    status: z.enum(['created', 'paid', 'cancelled', 'refunded']),
    occurredAt: z.number().int('occurredAt must be epoch milliseconds').min(0).max(8_640_000_000_000_000),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like CNY'),
    // With these bounds an order's total stays under 1e15 minor units, so every sum of a show is an exact integer.
    // A refund notice may have no lines (an amount-only refund); every other notice has at least one.
    items: z.array(orderItemSchema).max(100, 'items has more than 100 lines'),
    refund: z
      .strictObject({
        amount: z.number().int('refund.amount must be whole minor units').min(1, 'refund.amount must be at least 1').max(1e15, 'refund.amount is over 1e15 minor units'),
        restock: z.boolean(),
      })
      .optional(),
    test: z.boolean().optional(),
  })
  .check((ctx) => {
    const event = ctx.value;
    if (event.refund && event.status !== 'refunded') {
      ctx.issues.push({ code: 'custom', input: event.status, path: ['status'], message: 'a refund notice (with refund) must have status "refunded"' });
    }
    if (!event.refund && event.items.length === 0) {
      ctx.issues.push({ code: 'custom', input: event.items, path: ['items'], message: 'items is empty (only a refund notice may have no lines)' });
    }
  }) satisfies z.ZodType<OrderEvent>;

/** Batch body of `POST /api/v1/orders`: `{ events: [...] }` (the other accepted body is a single event). */
export const orderListSchema = z.strictObject({
  events: z
    .array(orderEventSchema)
    .min(1, 'events is empty')
    .max(MAX_EVENTS_PER_REQUEST, `events has more than ${MAX_EVENTS_PER_REQUEST} entries`),
});

const minorUnits = z.number().int('use whole minor units').min(0).max(Number.MAX_SAFE_INTEGER);

/** The sales feature's commands; commands.ts spreads them into the protocol. */
export const SALES_COMMANDS = {
  'orders.ingestInfo': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Returns the orders endpoint and its own secret for shop bridges (anchor only; never broadcast; not the chat bridges' secret).",
  }),
  'order.record': defineCommand({
    payload: orderEventSchema,
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Record an order by hand (same path and dedupe as POST /api/v1/orders).',
  }),
  'sales.setTarget': defineCommand({
    payload: z.strictObject({
      gmv: minorUnits.nullable(),
      orders: z.number().int().min(0).max(10_000_000).nullable(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like CNY').optional(),
    }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: "Set the show's GMV and order targets (minor units) and, optionally, the tally currency.",
  }),
  'sales.setStock': defineCommand({
    payload: z.strictObject({
      sku: idText('sku', 128),
      initial: z.number().int().min(0).max(100_000_000),
      lowAt: z.number().int().min(0).max(100_000_000).optional(),
    }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Set the starting stock of a SKU (paid orders decrement it) and its low-stock level.',
  }),
  'sales.setStocks': defineCommand({
    payload: z.strictObject({
      items: z
        .array(
          z.strictObject({
            sku: idText('sku', 128),
            initial: z.number().int().min(0).max(100_000_000).nullable(),
            lowAt: z.number().int().min(0).max(100_000_000).optional(),
          }),
        )
        .min(1)
        .max(20_000),
    }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Set the starting stock of many SKUs at once (a catalog import); initial null stops tracking a SKU.',
  }),
  'sales.simulator.start': defineCommand({
    payload: z.strictObject({
      ordersPerMinute: z.number().min(1, 'ordersPerMinute is under 1').max(60_000, 'ordersPerMinute is over 60000 (1000/s)'),
      cancelShare: z.number().min(0).max(1),
      refundShare: z.number().min(0).max(1),
      duplicateShare: z.number().min(0).max(1),
      lateShare: z.number().min(0).max(1),
    }) satisfies z.ZodType<OrderSimulationSettings>,
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: "Start (or retune) the rehearsal order simulator: orders for the show's products, posted through the signed POST /api/v1/orders. Refused while live.",
  }),
  'sales.simulator.stop': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Stop the rehearsal order simulator (deliveries not yet sent are dropped).',
  }),
  'sales.clearRehearsal': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Stop counting the rehearsal orders placed so far (they stay in the ledger); going live does this too.',
  }),
  'sales.newShow': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor'],
    executor: 'hub',
    summary: "Start a new show's sales: figures count orders placed from now on (earlier ones stay in the ledger). Refused while live.",
  }),
  'segment.start': defineCommand({
    payload: z.strictObject({
      cueId: idText('cueId', 128),
      label: z.string().max(200, 'label is longer than 200 characters'),
      startedAt: z.number().int().min(0).max(8_640_000_000_000_000).optional(),
    }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Mark that a cue went live (orders placed from then are attributed to it); the run of show will send it.',
  }),
};
