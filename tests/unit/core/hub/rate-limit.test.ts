import { describe, expect, it } from 'vitest';
import { isRateLimited, TokenBucket } from '../../../../electron/core/hub/rate-limit';

describe('TokenBucket', () => {
  it('gives the burst at once, then refills at the steady rate, never above the burst', () => {
    let now = 1_000;
    const bucket = new TokenBucket({ burst: 5, perSecond: 2 }, () => now);
    const takes = (n: number) => Array.from({ length: n }, () => bucket.take()).filter(Boolean).length;
    expect(takes(8)).toBe(5);
    now += 500; // one token back
    expect(takes(3)).toBe(1);
    now += 60_000; // a long pause refills to the burst, not beyond
    expect(takes(10)).toBe(5);
  });

  it('a clock that steps back gives nothing extra', () => {
    let now = 10_000;
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, () => now);
    expect(bucket.take()).toBe(true);
    now -= 5_000;
    expect(bucket.take()).toBe(false);
  });
});

describe('who is limited', () => {
  it('co-hosts and HTTP callers with invites are; the anchor and the engine (studio computer only) are not', () => {
    expect(['producer', 'moderator', 'viewer'].every((r) => isRateLimited(r as 'producer'))).toBe(true);
    expect(isRateLimited('anchor')).toBe(false);
    expect(isRateLimited('engine')).toBe(false);
  });
});
