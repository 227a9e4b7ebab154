import { randomInt } from 'node:crypto';

/** How long a pairing code stays valid. */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong guesses one machine may make per minute before the hub stops answering its codes for a while. */
export const MAX_FAILED_PAIRINGS_PER_CLIENT = 10;
/**
 * Wrong guesses from all machines together per minute: bounds guessing spread over many addresses (60 a minute over a
 * code's 10 minutes is 600 of a million codes, 0.06%) without one guesser locking everyone out at 10.
 */
export const MAX_FAILED_PAIRINGS_PER_MINUTE = 60;

interface Pending {
  token: string;
  principalId: string;
  expiresAt: number;
}

/** Short, single-use codes that stand for an invite's token, for typing into another copy of the app. */
export class PairingCodes {
  private readonly pending = new Map<string, Pending>();
  private failures: Array<{ at: number; client: string }> = [];

  /** Issues a 6-digit code for a token. */
  issue(token: string, principalId: string, now = Date.now()): string {
    this.sweep(now);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.pending.has(code));
    this.pending.set(code, { token, principalId, expiresAt: now + PAIRING_CODE_TTL_MS });
    return code;
  }

  /**
   * Exchanges a code for its token once; null for unknown/expired codes, 'throttled' after too many misses from this
   * client (its network address) or from everyone in the last minute.
   */
  redeem(code: string, client: string, now = Date.now()): { token: string; principalId: string } | null | 'throttled' {
    this.failures = this.failures.filter((f) => now - f.at < 60_000);
    const fromClient = this.failures.filter((f) => f.client === client).length;
    if (fromClient >= MAX_FAILED_PAIRINGS_PER_CLIENT || this.failures.length >= MAX_FAILED_PAIRINGS_PER_MINUTE) return 'throttled';
    this.sweep(now);
    const entry = this.pending.get(code);
    if (!entry) {
      this.failures.push({ at: now, client });
      return null;
    }
    this.pending.delete(code);
    return { token: entry.token, principalId: entry.principalId };
  }

  /** Forgets every code of a principal (on revoke). */
  forget(principalId: string): void {
    for (const [code, entry] of this.pending) if (entry.principalId === principalId) this.pending.delete(code);
  }

  private sweep(now: number): void {
    for (const [code, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(code);
  }
}
