import { describe, expect, it } from 'vitest';
import { pruneSizeCache } from '../../../../../renderer/src/features/chat/size-cache';

describe('pruneSizeCache', () => {
  it('leaves a cache at or under its bound alone', () => {
    const cache = new Map([['a', 30], ['b', 52]]);
    expect(pruneSizeCache(cache, ['a'], 2)).toBe(0);
    expect([...cache.keys()]).toEqual(['a', 'b']);
  });

  it('over the bound, keeps only the sizes of listed messages', () => {
    const cache = new Map(Array.from({ length: 10 }, (_, i) => [`m${i}`, 30 + i] as [string, number]));
    expect(pruneSizeCache(cache, ['m8', 'm9', 'new'], 5)).toBe(8);
    expect([...cache.entries()]).toEqual([['m8', 38], ['m9', 39]]);
  });
});
