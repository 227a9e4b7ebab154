import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../domain/roles';

/** Who a token belongs to. */
export interface Principal {
  /** Stable id of the token holder (not the token). */
  id: string;
  role: Role;
  name: string;
  /** When the token stops working (epoch ms); absent: never (the anchor's and the engine's keys). */
  expiresAt?: number;
}

/** Maps bearer tokens to principals; stores only hashes, compares in constant time. */
export class TokenRegistry {
  private readonly byHash = new Map<string, Principal>();

  /** `now`: the clock expiry is judged by (tests move it; the hub uses the system's). */
  constructor(readonly now: () => number = Date.now) {}

  /** True once a principal's token has expired. */
  isExpired(principal: Principal): boolean {
    return principal.expiresAt !== undefined && this.now() >= principal.expiresAt;
  }

  /** Registers a token for a principal. */
  add(token: string, principal: Principal): void {
    this.byHash.set(hashToken(token), principal);
  }

  /** Registers a stored token hash (tokens themselves are never stored). */
  addHashed(hash: string, principal: Principal): void {
    this.byHash.set(hash, principal);
  }

  /** Creates a fresh random token for a principal and registers it. */
  issue(principal: Principal): string {
    const token = generateToken();
    this.add(token, principal);
    return token;
  }

  /** Removes every token of a principal; returns how many were removed. */
  revoke(principalId: string): number {
    let removed = 0;
    for (const [hash, p] of this.byHash) {
      if (p.id === principalId) {
        this.byHash.delete(hash);
        removed += 1;
      }
    }
    return removed;
  }

  /** The principal of a token, or null for unknown, expired, empty or malformed tokens. */
  resolve(token: unknown): Principal | null {
    if (typeof token !== 'string' || token.length < 16 || token.length > 256) return null;
    const wanted = Buffer.from(hashToken(token), 'hex');
    for (const [hash, principal] of this.byHash) {
      if (timingSafeEqual(Buffer.from(hash, 'hex'), wanted)) return this.isExpired(principal) ? null : principal;
    }
    return null;
  }
}

/** A URL-safe random token with 256 bits of entropy. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The studio's own keys (the anchor's, the engine's) work only on the studio computer: a LAN peer that got hold of one
 * is refused, so sharing on the LAN never exposes more than the invites the anchor made.
 */
export function isStudioComputerOnly(role: Principal['role']): boolean {
  return role === 'anchor' || role === 'engine';
}

/** What a LAN peer presenting a studio-computer-only key is told. */
export const STUDIO_COMPUTER_ONLY =
  "This key works only on the studio computer itself. On another device, join with an invite (Co-hosting, in the anchor's window).";

/** Extracts the token from an `Authorization: Bearer <token>` header value. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}
