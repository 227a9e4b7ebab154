/**
 * A bounded log that keeps the newest `capacity` items: the chat view's memory stays flat however long the show runs.
 * Immutable (a new array per append) because the UI store compares by reference; appends come in batches every
 * 50-100 ms, so copying at most `capacity` items per batch is cheap.
 */
export interface RingBuffer<T> {
  readonly items: readonly T[];
  readonly capacity: number;
  /** How many items were pushed out since the buffer was created. */
  readonly dropped: number;
}

/** An empty buffer. */
export function createRingBuffer<T>(capacity: number): RingBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Ring buffer capacity must be a positive integer, got ${capacity}.`);
  return { items: [], capacity, dropped: 0 };
}

/** Appends items (oldest first) and drops the oldest beyond capacity. */
export function pushAll<T>(buffer: RingBuffer<T>, incoming: readonly T[]): RingBuffer<T> {
  if (incoming.length === 0) return buffer;
  const total = buffer.items.length + incoming.length;
  const overflow = Math.max(0, total - buffer.capacity);
  const items =
    overflow >= buffer.items.length
      ? incoming.slice(Math.max(0, incoming.length - buffer.capacity))
      : [...buffer.items.slice(overflow), ...incoming];
  return { items, capacity: buffer.capacity, dropped: buffer.dropped + overflow };
}

/** Keeps only the items the predicate accepts. */
export function retain<T>(buffer: RingBuffer<T>, keep: (item: T) => boolean): RingBuffer<T> {
  const items = buffer.items.filter(keep);
  return items.length === buffer.items.length ? buffer : { ...buffer, items };
}

/** Replaces items through `update`; returns the same buffer when nothing changed. */
export function mapItems<T>(buffer: RingBuffer<T>, update: (item: T) => T): RingBuffer<T> {
  let changed = false;
  const items = buffer.items.map((item) => {
    const next = update(item);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? { ...buffer, items } : buffer;
}
