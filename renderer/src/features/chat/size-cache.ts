/**
 * Keeps the virtualizer's row-size cache as small as the list: sizes are keyed by message (so a size follows its row
 * when the ring buffer shifts), which would otherwise keep one entry per message ever shown, for the whole show.
 * Drops the keys no longer listed once the cache holds more than `max`; returns how many it dropped.
 */
export function pruneSizeCache<K>(cache: Map<K, number>, listed: readonly K[], max: number): number {
  if (cache.size <= max) return 0;
  const keep = new Set(listed);
  let dropped = 0;
  for (const key of [...cache.keys()]) {
    if (keep.has(key)) continue;
    cache.delete(key);
    dropped += 1;
  }
  return dropped;
}
