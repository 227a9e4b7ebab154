import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../../agency/server/database';
import { takeEntries } from '../../../agency/server/ledger-intake';
import { migrate } from '../../../agency/server/migrations';
import { LinkedOrders } from '../../../agency/server/rooms';
import { GENESIS_HASH, type ChainedEntry } from '../../../electron/features/sales/domain/ledger-entry';
import { entryHash } from '../../../electron/features/sales/hub/ledger/ledger-chain';
import { orderEvent } from '../../helpers/orders';
import { makeTempDir } from '../../helpers/temp-dir';

/** A studio's chain of `n` entries, hashed by the studio's own code. */
function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const prevHash = out.at(-1)?.hash ?? GENESIS_HASH;
    const entry = { seq, event: orderEvent({ eventId: `e${seq}`, orderId: `o${seq}`, occurredAt: 1_700_000_000_000 + seq }), source: 'http', receivedAt: 1_700_000_000_500 + seq };
    out.push({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
  }
  return out;
}

/** The agency's intake of a studio's entries (PGlite, the embedded database): exactly once, only as an unbroken chain. */
describe('agency ledger intake', () => {
  const dir = makeTempDir('anchor-intake-');
  let db: Database;
  const entries = chain(10);
  const stored = async () => (await db.query<{ seq: number }>('SELECT seq FROM ledger_entries WHERE studio_id = $1 ORDER BY seq', ['room'])).map((r) => Number(r.seq));

  beforeAll(async () => {
    db = await openDatabase({ dataDir: dir.path });
    await migrate(db);
    expect(await migrate(db)).toBe(0); // a second start applies nothing
    await db.query("INSERT INTO studios (id, name, brand, anchor, created_at, last_hash) VALUES ('room', 'Room', '', '', 0, $1)", [GENESIS_HASH]);
  });
  afterAll(async () => {
    await db.close();
    dir.remove();
  });

  it('takes a chain in order, and a batch sent again changes nothing', async () => {
    expect((await takeEntries(db, 'room', entries.slice(0, 4))).ack).toEqual({ ok: true, lastSeq: 4 });
    const again = await takeEntries(db, 'room', entries.slice(0, 6));
    expect(again.ack).toEqual({ ok: true, lastSeq: 6 });
    expect(again.stored.map((e) => e.seq)).toEqual([5, 6]);
    expect(await stored()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a gap, a wrong link and an edited entry, keeping nothing of the batch', async () => {
    const gap = await takeEntries(db, 'room', [entries[7]!]);
    expect(gap.ack).toMatchObject({ ok: false, code: 'broken-chain', message: expect.stringContaining('Entry 8 came right after entry 6') });
    const edited = { ...entries[6]!, event: { ...entries[6]!.event, items: [{ sku: 'TEA-1', quantity: 1, unitPrice: 1 }] } };
    expect((await takeEntries(db, 'room', [edited])).ack).toMatchObject({ ok: false, message: expect.stringContaining('does not hash to what it says') });
    const foreign = chain(7)[6]!;
    const relinked = { ...foreign, prevHash: 'f'.repeat(64) };
    expect((await takeEntries(db, 'room', [relinked])).ack).toMatchObject({ ok: false, message: expect.stringContaining('does not link to entry 6') });
    // A good entry ahead of a bad one in the same batch is not kept either.
    const edited8 = { ...entries[7]!, source: 'csv' };
    expect((await takeEntries(db, 'room', [entries[6]!, edited8])).ack).toMatchObject({ ok: false, message: expect.stringContaining('Entry 8 does not hash') });
    expect(await stored()).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await takeEntries(db, 'room', entries.slice(6))).ack).toEqual({ ok: true, lastSeq: 10 });
    expect(await stored()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('answers plainly for a room that does not exist', async () => {
    expect((await takeEntries(db, 'gone', entries.slice(0, 1))).ack).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('no longer exists') });
  });

  it("applies the entries a batch just stored to the room's orders without reading them back, and reads what another connection stored", async () => {
    await db.query("INSERT INTO studios (id, name, brand, anchor, created_at, last_hash) VALUES ('busy', 'Busy', '', '', 0, $1)", [GENESIS_HASH]);
    const busy = chain(9);
    const orders = new LinkedOrders();
    await orders.load(db, 'busy');
    const reads = vi.spyOn(db, 'query');
    try {
      for (const batch of [busy.slice(0, 3), busy.slice(3, 5)]) {
        const { ack, stored } = await takeEntries(db, 'busy', batch);
        reads.mockClear();
        await orders.catchUp(db, 'busy', ack.lastSeq, stored);
        expect(reads).not.toHaveBeenCalled();
      }
      // Entries 6-7 stored through another node; 8-9 arrive here: the gap is read from the database, once.
      await takeEntries(db, 'busy', busy.slice(5, 7));
      const { ack, stored } = await takeEntries(db, 'busy', busy.slice(7));
      reads.mockClear();
      await orders.catchUp(db, 'busy', ack.lastSeq, stored);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
    const replayed = new LinkedOrders();
    await replayed.load(db, 'busy');
    expect(orders.figures('busy', null, 0)).toEqual(replayed.figures('busy', null, 0));
    expect(orders.figures('busy', null, 0)?.placedOrders).toBe(9);
  });
});
