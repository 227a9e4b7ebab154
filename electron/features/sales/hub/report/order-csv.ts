import { parseCsvRecords } from '../../../../core/hub/csv';

/** Columns an order CSV must have (header row, any order); one row per order line. */
export const ORDER_CSV_COLUMNS = ['eventId', 'platform', 'orderId', 'status', 'occurredAt', 'currency', 'sku', 'quantity', 'unitPrice'] as const;

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of fields; blank rows are dropped. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).records.map((r) => r.fields);
}

/**
 * Turns an order CSV into events (rows with the same platform + eventId are one event's lines). Untyped values
 * are passed through as parsed numbers/strings; the caller validates each event with the protocol schema.
 * Returns the first problem, with its line number, instead when the file cannot be read.
 */
export function csvToEvents(text: string): { events: unknown[] } | { error: string } {
  const parsed = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  if (parsed.openQuoteLine !== null) return { error: `Line ${parsed.openQuoteLine}: a quoted field is never closed.` };
  const rows = parsed.records.map((r) => r.fields);
  const header = rows[0]?.map((h) => h.trim());
  if (!header) return { error: 'The CSV is empty: send a header row and one row per order line.' };
  const index: Record<string, number> = {};
  for (const column of ORDER_CSV_COLUMNS) {
    const at = header.indexOf(column);
    if (at < 0) return { error: `The CSV header has no "${column}" column; it needs: ${ORDER_CSV_COLUMNS.join(',')}.` };
    index[column] = at;
  }
  const byKey = new Map<string, { event: Record<string, unknown>; items: unknown[] }>();
  for (let r = 1; r < rows.length; r++) {
    const get = (c: (typeof ORDER_CSV_COLUMNS)[number]) => (rows[r]![index[c]!] ?? '').trim();
    const occurredRaw = get('occurredAt');
    const occurredAt = /^\d+$/.test(occurredRaw) ? Number(occurredRaw) : Date.parse(occurredRaw);
    if (!Number.isFinite(occurredAt)) return { error: `Line ${parsed.records[r]!.line}: occurredAt "${occurredRaw.slice(0, 40)}" is neither epoch ms nor an ISO 8601 time.` };
    const key = `${get('platform')}\u0000${get('eventId')}`;
    const entry = byKey.get(key) ?? {
      event: { eventId: get('eventId'), platform: get('platform'), orderId: get('orderId'), status: get('status'), occurredAt, currency: get('currency') },
      items: [],
    };
    entry.items.push({ sku: get('sku'), quantity: Number(get('quantity')), unitPrice: Number(get('unitPrice')) });
    byKey.set(key, entry);
  }
  return { events: [...byKey.values()].map((e) => ({ ...e.event, items: e.items })) };
}
