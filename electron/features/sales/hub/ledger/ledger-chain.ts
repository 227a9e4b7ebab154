import { createHash } from 'node:crypto';
import { entryHashInput, type LedgerEntry } from '../../domain/ledger-entry';

export { GENESIS_HASH, type LedgerEntry } from '../../domain/ledger-entry';

/** Hash of an entry: SHA-256 of its chain text (`entryHashInput`: the previous hash and every stored field). */
export function entryHash(prevHash: string, entry: LedgerEntry): string {
  return createHash('sha256').update(entryHashInput(prevHash, entry)).digest('hex');
}

/** JSON with every object's keys sorted: two values print the same exactly when they hold the same data. */
export function canonicalJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sorted(value));
}
