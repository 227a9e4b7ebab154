import type { Db, Migration } from '../../../core/hub/storage';
import type { BridgeKind, BridgeStatus } from '../domain/bridges';
import { OBA_CONSOLES, type ObaConsole } from '../domain/oba-message';

/** Schema of bridges.db: the bridges and a hash of each one's secret (the secret itself is never stored). */
export const BRIDGE_MIGRATIONS: Migration[] = [
  {
    feature: 'bridges',
    version: 1,
    sql: `
      CREATE TABLE bridges (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        is_paused INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_message_at INTEGER,
        accepted INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    feature: 'bridges',
    version: 2,
    // What a bridge the studio connects out with needs, as JSON: the Twitch channel; the YouTube video and its API key,
    // sealed by the studio's secret box (the OS keychain in the desktop app).
    sql: `ALTER TABLE bridges ADD COLUMN config TEXT NOT NULL DEFAULT '{}';`,
  },
];

interface BridgeRow {
  id: string;
  kind: BridgeKind;
  name: string;
  secret_hash: string;
  is_paused: number;
  created_at: number;
  last_message_at: number | null;
  accepted: number;
  config: string;
}

/** A stored bridge: what windows see, the hash its link's secret must match, and a YouTube bridge's sealed API key. */
export interface StoredBridge {
  status: Omit<BridgeStatus, 'perMinute' | 'lastProblem' | 'link'>;
  secretHash: string;
  sealedKey: string | null;
}

/** What a bridge that connects out is set up with. */
export interface BridgeConfig {
  channel?: string;
  video?: string;
  sealedKey?: string;
  address?: string;
  commentPlatform?: ObaConsole;
}

/** The bridges in SQLite. */
export class BridgeStore {
  constructor(private readonly db: Db) {}

  /** Every bridge, oldest first. */
  all(): StoredBridge[] {
    return (this.db.prepare('SELECT * FROM bridges ORDER BY created_at, id').all() as BridgeRow[]).map(toStored);
  }

  /** One bridge, or undefined. */
  get(id: string): StoredBridge | undefined {
    const row = this.db.prepare('SELECT * FROM bridges WHERE id = ?').get(id) as BridgeRow | undefined;
    return row && toStored(row);
  }

  add(bridge: { id: string; kind: BridgeKind; name: string; secretHash: string; createdAt: number; config: BridgeConfig }): void {
    this.db
      .prepare('INSERT INTO bridges (id, kind, name, secret_hash, created_at, config) VALUES (?, ?, ?, ?, ?, ?)')
      .run(bridge.id, bridge.kind, bridge.name, bridge.secretHash, bridge.createdAt, JSON.stringify(bridge.config));
  }

  setPaused(id: string, paused: boolean): boolean {
    return this.db.prepare('UPDATE bridges SET is_paused = ? WHERE id = ?').run(paused ? 1 : 0, id).changes > 0;
  }

  setSecretHash(id: string, secretHash: string): boolean {
    return this.db.prepare('UPDATE bridges SET secret_hash = ? WHERE id = ?').run(secretHash, id).changes > 0;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM bridges WHERE id = ?').run(id).changes > 0;
  }

  /** Counts messages a bridge brought, at `at`. */
  recordMessages(id: string, accepted: number, at: number): void {
    this.db.prepare('UPDATE bridges SET accepted = accepted + ?, last_message_at = ? WHERE id = ?').run(accepted, at, id);
  }
}

function toStored(row: BridgeRow): StoredBridge {
  const config = configOf(row.config);
  return {
    secretHash: row.secret_hash,
    sealedKey: typeof config.sealedKey === 'string' ? config.sealedKey : null,
    status: {
      id: row.id,
      kind: row.kind,
      name: row.name,
      isPaused: row.is_paused === 1,
      createdAt: row.created_at,
      lastMessageAt: row.last_message_at,
      accepted: row.accepted,
      channel: typeof config.channel === 'string' ? config.channel : null,
      video: typeof config.video === 'string' ? config.video : null,
      address: typeof config.address === 'string' ? config.address : null,
      commentPlatform: OBA_CONSOLES.find((c) => c === config.commentPlatform) ?? null,
    },
  };
}

function configOf(text: string): Record<string, unknown> {
  try {
    const config: unknown = JSON.parse(text);
    return config && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
