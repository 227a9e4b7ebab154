import type { Role } from '../domain/roles';

/** How fast one client may send commands: a burst at once, then a steady rate. */
export interface RateLimits {
  burst: number;
  perSecond: number;
}

/**
 * Commands a co-host's window (or HTTP caller) may send. A person clicking, with every panel's watch renewals, stays
 * far below; a client in a loop is refused after the burst instead of filling the audit log and the hub's time.
 */
export const COMMAND_RATE: RateLimits = { burst: 60, perSecond: 20 };

/**
 * Roles whose commands are not limited: the anchor's key and the engine's work only on the studio computer (the
 * engine reports many times a second), and whoever holds the anchor's key has every power anyway.
 */
export function isRateLimited(role: Role): boolean {
  return role !== 'anchor' && role !== 'engine';
}

/** A token bucket: `take` answers false once the burst is spent, until time refills it at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limits.burst;
    this.at = now();
  }

  /** Takes one token; false when none is left. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + (Math.max(0, t - this.at) / 1000) * this.limits.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The refusal a limited client gets (429 over HTTP). */
export function rateLimitMessage(limits: RateLimits): string {
  return `Too many commands from this client (more than ${limits.burst} at once or ${limits.perSecond} a second): nothing was done. Wait a moment and send it again.`;
}

/** How often a client still over its limit is mentioned in the log again (with the count since). */
const WARN_EVERY_MS = 10_000;

/** One client's allowance: a bucket, and a warning when it is first exceeded, then at most every 10 s with the count. */
export class CommandAllowance {
  private readonly bucket: TokenBucket;
  private refused = 0;
  private warnedAt = -Infinity;

  constructor(
    limits: RateLimits,
    private readonly now: () => number,
    private readonly warn: (refused: number) => void,
  ) {
    this.bucket = new TokenBucket(limits, now);
  }

  /** True when the command may run; false (and counted) when the client is over its limit. */
  admit(): boolean {
    if (this.bucket.take()) return true;
    this.refused += 1;
    const t = this.now();
    if (t - this.warnedAt >= WARN_EVERY_MS) {
      this.warn(this.refused);
      this.refused = 0;
      this.warnedAt = t;
    }
    return false;
  }
}
