import { randomBytes } from 'node:crypto';
import type { CanvasOrientation, DestinationView, PlatformId } from '../domain/destinations';
import type { SecretBox } from '../../../core/hub/auth/secret-box';
import type { Db, Migration } from '../../../core/hub/storage';

/** Schema of the destinations table: the key column holds only sealed text. */
export const DESTINATION_MIGRATIONS: Migration[] = [
  {
    feature: 'output',
    version: 1,
    sql: `
      CREATE TABLE destinations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        platform TEXT NOT NULL,
        server TEXT NOT NULL,
        key_sealed TEXT NOT NULL,
        is_enabled INTEGER NOT NULL,
        suggested_canvas TEXT, -- the picture shape the destination gets (named before dual output)
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];

interface Row {
  id: string;
  name: string;
  platform: PlatformId;
  server: string;
  key_sealed: string;
  is_enabled: number;
  suggested_canvas: CanvasOrientation | null;
  created_at: number;
}

/** A new destination, already validated. */
export interface NewDestination {
  name: string;
  platform: PlatformId;
  server: string;
  key: string;
  isEnabled: boolean;
  canvas: CanvasOrientation | null;
}

/** Destinations in SQLite with their keys sealed by a {@link SecretBox}; keys leave only through `openKey`. */
export class DestinationStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  /** Every destination, oldest first, without keys. */
  list(): DestinationView[] {
    const rows = this.db.prepare('SELECT * FROM destinations ORDER BY created_at, id').all() as Row[];
    return rows.map(toView);
  }

  /** One destination without its key, or null. */
  get(id: string): DestinationView | null {
    const row = this.db.prepare('SELECT * FROM destinations WHERE id = ?').get(id) as Row | undefined;
    return row ? toView(row) : null;
  }

  /** Stores a destination; the key is sealed before it touches the database. */
  add(input: NewDestination): DestinationView {
    const id = `d-${randomBytes(5).toString('hex')}`;
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO destinations (id, name, platform, server, key_sealed, is_enabled, suggested_canvas, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, input.name, input.platform, input.server, this.box.seal(input.key), input.isEnabled ? 1 : 0, input.canvas, now, now);
    return this.get(id)!;
  }

  /** Changes the given fields; a key given is sealed and replaces the stored one. */
  update(id: string, patch: Partial<NewDestination>): DestinationView | null {
    const current = this.db.prepare('SELECT * FROM destinations WHERE id = ?').get(id) as Row | undefined;
    if (!current) return null;
    this.db
      .prepare(
        `UPDATE destinations SET name = ?, platform = ?, server = ?, key_sealed = ?, is_enabled = ?, suggested_canvas = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        patch.name ?? current.name,
        patch.platform ?? current.platform,
        patch.server ?? current.server,
        patch.key === undefined ? current.key_sealed : this.box.seal(patch.key),
        patch.isEnabled === undefined ? current.is_enabled : patch.isEnabled ? 1 : 0,
        patch.canvas === undefined ? current.suggested_canvas : patch.canvas,
        Date.now(),
        id,
      );
    return this.get(id);
  }

  /** Deletes a destination and its sealed key; false when it did not exist. */
  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM destinations WHERE id = ?').run(id).changes > 0;
  }

  /** Decrypts a destination's key for the engine; throws SecretBoxError when this computer cannot. */
  openKey(id: string): string {
    const row = this.db.prepare('SELECT key_sealed FROM destinations WHERE id = ?').get(id) as { key_sealed: string } | undefined;
    if (!row) throw new Error(`No destination ${id}.`);
    return this.box.open(row.key_sealed);
  }

  /** How many destinations are stored. */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM destinations').get() as { n: number }).n;
  }
}

function toView(row: Row): DestinationView {
  return {
    id: row.id,
    name: row.name,
    platform: row.platform,
    server: row.server,
    hasKey: row.key_sealed !== '',
    isEnabled: row.is_enabled === 1,
    canvas: row.suggested_canvas,
    createdAt: row.created_at,
  };
}
