import type { Tallies } from './tallies';

/** The keyed maps of Tallies, one entry per product, platform, cue, minute or currency; the rest is a few figures. */
const TALLY_MAPS = ['bySku', 'byPlatform', 'bySegment', 'byMinute', 'otherCurrencies', 'stock'] as const;
type TallyMap = (typeof TALLY_MAPS)[number];

/**
 * What one set of tallies changed from the one before: every figure outside the maps, and in each map the entries
 * that changed (null for one that is gone). A show with 2,000 products has ~340 kB of tallies; a commit of a few
 * orders changes a few entries, so the ledger stores this for most tally events instead of the whole.
 */
export type TalliesPatch = Omit<Tallies, TallyMap> & { [K in TallyMap]: Record<string, Tallies[K][string] | null> };

/**
 * The patch from `before` to `after`. Entries are compared by identity: the ledger's tallies replace an entry when it
 * changes and share it otherwise (forkTallies), so an entry that is the same object has not changed; one re-derived
 * from scratch is a new object and is listed even when equal, which costs size, never correctness.
 */
export function diffTallies(before: Tallies, after: Tallies): TalliesPatch {
  const patch = { ...after } as TalliesPatch;
  for (const name of TALLY_MAPS) {
    // Tallies stored by an older version may lack a map.
    const was: Record<string, unknown> = before[name] ?? {};
    const now: Record<string, unknown> = after[name];
    const changed: Record<string, unknown> = {};
    for (const key of Object.keys(now)) if (now[key] !== was[key]) changed[key] = now[key];
    for (const key of Object.keys(was)) if (!(key in now)) changed[key] = null;
    (patch as Record<TallyMap, unknown>)[name] = changed;
  }
  return patch;
}

/** Tallies with `patch` applied to `base` (which stays as it was). */
export function applyTalliesPatch(base: Tallies, patch: TalliesPatch): Tallies {
  const next = { ...patch } as unknown as Tallies;
  for (const name of TALLY_MAPS) {
    const map: Record<string, unknown> = { ...base[name] };
    for (const [key, entry] of Object.entries(patch[name])) {
      if (entry === null) delete map[key];
      else map[key] = entry;
    }
    (next as unknown as Record<TallyMap, unknown>)[name] = map;
  }
  return next;
}

/** How many map entries tallies or a patch carry (what their size grows with). */
export function mapEntries(value: Tallies | TalliesPatch): number {
  return TALLY_MAPS.reduce((sum, name) => sum + Object.keys(value[name] ?? {}).length, 0);
}
