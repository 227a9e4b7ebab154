import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { postCommand, startTestHub } from '../../../helpers/hub';
import { orderEvent, postOrdersOk } from '../../../helpers/orders';
import { openLedgerDb } from '../../../helpers/ledger-db';
import { makeTempDir } from '../../../helpers/temp-dir';
import { openDatabase } from '../../../../electron/core/hub/storage';
import { LEDGER_MIGRATIONS, LedgerStore } from '../../../../electron/features/sales/hub/ledger/ledger-store';
import { encodeItems } from '../../../../electron/features/sales/hub/ledger/ledger-rows';
import { entryHash, GENESIS_HASH } from '../../../../electron/features/sales/hub/ledger/ledger-chain';
import { verifyLedger, verifyLedgerFile } from '../../../../electron/features/sales/hub/ledger/ledger-verify';

const TSX = resolve('node_modules/.bin/tsx');
const temps: { remove(): void }[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

function verify(dataDir: string) {
  const run = spawnSync(TSX, ['electron/features/sales/hub/ledger/ledger-verify-cli.ts', '--data', dataDir], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout + run.stderr };
}

/** A closed hub's data dir with a few orders, a refund and a cue segment in its ledger. */
async function ledgerWithOrders(): Promise<string> {
  const temp = makeTempDir('anchor-verify-');
  temps.push(temp);
  const hub = await startTestHub({ dataDir: temp.path });
  const secret = loadOrdersSecret(temp.path);
  const t = Date.now() - 60_000;
  await postOrdersOk(hub.url, secret, {
    events: [
      orderEvent({ eventId: 'e1', orderId: 'o1', occurredAt: t }),
      orderEvent({ eventId: 'e2', orderId: 'o2', occurredAt: t + 1, items: [{ sku: 'CUP', quantity: 2, unitPrice: 800 }] }),
      orderEvent({ eventId: 'e3', orderId: 'o3', occurredAt: t + 2 }),
    ],
  });
  await postOrdersOk(hub.url, secret, orderEvent({ eventId: 'e4', orderId: 'o1', status: 'refunded', occurredAt: t + 5 }));
  await postCommand(hub.url, hub.anchorToken, 'segment.start', { cueId: 'teapot', label: 'Teapot', startedAt: t - 1 });
  await hub.close();
  return temp.path;
}

function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'ledger.db'));
  db.exec(sql);
  db.close();
}

describe('npm run ledger:verify', () => {
  it('passes an intact ledger and prints the chain head', async () => {
    const dir = await ledgerWithOrders();
    const { code, out } = verify(dir);
    expect(out).toMatch(/Entries: 4\nChain head: [0-9a-f]{64}\nOK/);
    expect(code).toBe(0);
  });

  it('detects an edited entry', async () => {
    const dir = await ledgerWithOrders();
    tamper(dir, `UPDATE ledger_entries SET items = '[["CUP",2,80]]' WHERE seq = 2`);
    const { code, out } = verify(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/Entry 2 \(douyin order o2\) was edited/);
  });

  it('detects an edited current-state row even when the entries are untouched', async () => {
    const dir = await ledgerWithOrders();
    tamper(dir, `UPDATE orders SET total = 99999 WHERE order_id = 'o3'`);
    expect(verify(dir)).toMatchObject({ code: 1, out: expect.stringMatching(/douyin\/o3: its current-state row differs/) });
  });

  it('detects edited tallies in an event stored as a patch, and whole events removed from under the patches', async () => {
    const dir = await ledgerWithOrders();
    // Ten more products sold, then one order: a patch of a few entries among many.
    const db = openLedgerDb(dir);
    const store = new LedgerStore(db);
    const t = Date.now();
    const sale = (i: number, sku: string) => orderEvent({ eventId: `x${i}`, orderId: `x${i}`, occurredAt: t + i, items: [{ sku, quantity: 1, unitPrice: 900 }] });
    store.commit([{ source: 'test', events: Array.from({ length: 10 }, (_, i) => sale(i, `SKU-${i}`)) }], t + 10);
    store.commit([{ source: 'test', events: [sale(10, 'SKU-3')] }], t + 11);
    db.close();
    const read = new Database(join(dir, 'ledger.db'), { readonly: true });
    const newest = read.prepare('SELECT seq, body, is_snapshot FROM tally_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; body: string; is_snapshot: number };
    read.close();
    // The newest event patches the one before: the headline figure is in it, the untouched products are not.
    expect(newest.is_snapshot).toBe(0);
    const edited = JSON.parse(newest.body) as { patch: { gmv: number } };
    edited.patch.gmv += 100_000;
    tamper(dir, `UPDATE tally_events SET body = '${JSON.stringify(edited)}' WHERE seq = ${newest.seq}`);
    expect(verify(dir)).toMatchObject({ code: 1, out: expect.stringMatching(/newest published tallies differ/) });
    tamper(dir, 'DELETE FROM tally_events WHERE is_snapshot = 1');
    expect(verify(dir)).toMatchObject({ code: 1, out: expect.stringMatching(/no tally event stored whole/) });
  });

  it('detects removed entries, even at the end of the chain', async () => {
    const dir = await ledgerWithOrders();
    tamper(dir, 'DELETE FROM ledger_entries WHERE seq = 4');
    const { code, out } = verify(dir);
    expect(code).toBe(1);
    expect(out).toMatch(/chain ends at entry 3/);
  });

  it('says what to pass when the data dir has no ledger', () => {
    const temp = makeTempDir('anchor-verify-empty-');
    temps.push(temp);
    expect(verify(temp.path)).toMatchObject({ code: 2, out: expect.stringMatching(/No ledger at .*--data <dir>/) });
  });
});

describe('the ledger check a running hub makes for its report (#21)', () => {
  it('reads a snapshot in steps: orders keep committing meanwhile, and it finds what verifyLedger finds, tampering included', async () => {
    const temp = makeTempDir('anchor-verify-steps-');
    temps.push(temp);
    const db = openLedgerDb(temp.path);
    try {
      const store = new LedgerStore(db);
      const t0 = Date.now() - 3_600_000;
      const paid = (n: number) => orderEvent({ eventId: `e${n}`, orderId: `o${n}`, occurredAt: t0 + n, items: [{ sku: `SKU-${n % 7}`, quantity: 1, unitPrice: 1_000 }] });
      for (let b = 0; b < 12; b++) store.commit([{ events: Array.from({ length: 500 }, (_, i) => paid(b * 500 + i)), source: 'test' }]);

      const running = verifyLedgerFile(join(temp.path, 'ledger.db'));
      let isDone = false;
      void running.then(() => (isDone = true));
      // The hub's own work goes on while the check runs: orders commit between its steps.
      let committed = 0;
      while (!isDone) {
        store.commit([{ events: [paid(10_000 + committed)], source: 'test' }]);
        committed += 1;
        await new Promise<void>((r) => setImmediate(r));
      }
      const verdict = await running;
      expect(committed).toBeGreaterThan(1);
      // The snapshot it was taken at: the 6,000 entries before it started, intact.
      expect(verdict).toMatchObject({ isValid: true, entries: 6_000, problems: [] });
      expect(verifyLedger(db)).toMatchObject({ isValid: true, entries: 6_000 + committed });

      db.prepare("UPDATE ledger_entries SET items = replace(items, '1000', '1') WHERE seq = 4321").run();
      const tampered = await verifyLedgerFile(join(temp.path, 'ledger.db'));
      expect(tampered.isValid).toBe(false);
      expect(tampered.problems).toEqual(verifyLedger(db).problems);
      expect(tampered.problems[0]).toContain('Entry 4321');
    } finally {
      db.close();
    }
  });
});

describe('a ledger written before refund notices', () => {
  it('opens after the upgrade with its chain intact, first payments recovered and its figures published anew', () => {
    const temp = makeTempDir('anchor-ledger-v1-');
    temps.push(temp);
    // The schema and rows as the first version wrote them (its migration only; its hash had no refund or test field).
    const old = openDatabase(temp.path, { file: 'ledger.db', synchronous: 'NORMAL', migrations: LEDGER_MIGRATIONS.slice(0, 1) });
    const t = 1_763_719_200_000;
    const items = [{ sku: 'TEA', quantity: 1, unitPrice: 12_800 }];
    let prev = GENESIS_HASH;
    const notices = [
      { eventId: 'e1', status: 'created', occurredAt: t },
      { eventId: 'e2', status: 'paid', occurredAt: t + 1_000 },
    ] as const;
    notices.forEach((n, i) => {
      const event = { eventId: n.eventId, platform: 'douyin', orderId: 'o1', status: n.status, occurredAt: n.occurredAt, currency: 'CNY', items };
      const hash = entryHash(prev, { seq: i + 1, event, source: 'http', receivedAt: t + 2_000 });
      old
        .prepare('INSERT INTO ledger_entries (seq, platform, event_id, order_id, status, occurred_at, currency, items, source, received_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(i + 1, 'douyin', n.eventId, 'o1', n.status, n.occurredAt, 'CNY', encodeItems(items), 'http', t + 2_000, prev, hash);
      prev = hash;
    });
    old.prepare('INSERT INTO orders (platform, order_id, status, occurred_at, event_id, currency, items, total, placed_at, updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      'douyin', 'o1', 'paid', t + 1_000, 'e2', 'CNY', encodeItems(items), 12_800, t, 2,
    );
    // The first version's figures: no paid, placed or refunded amounts.
    const oldTallies = { currency: 'CNY', ordersPaid: 1, gmv: 12_800, unitsPaid: 1, refundedOrders: 0, refundedAmount: 0 };
    old.prepare('INSERT INTO tally_events (seq, at, body) VALUES (?, ?, ?)').run(7, t + 2_000, JSON.stringify({ seq: 7, at: t + 2_000, tallies: oldTallies, changes: [], changedCount: 0, chain: { entries: 2, head: prev } }));
    old.close();

    const db = openLedgerDb(temp.path);
    try {
      const store = new LedgerStore(db);
      expect(store.current.seq).toBe(8);
      expect(store.current.tallies).toMatchObject({ placedOrders: 1, paidAmount: 12_800, gmv: 12_800, refundedAmount: 0 });
      expect(verifyLedger(db)).toMatchObject({ isValid: true, entries: 2, head: prev });
      // Paid before the upgrade, cancelled after it: the money goes back, which needs the first payment's time.
      store.commit([{ events: [{ eventId: 'e3', platform: 'douyin', orderId: 'o1', status: 'cancelled', occurredAt: t + 9_000, currency: 'CNY', items }], source: 'http' }]);
      expect(store.current.tallies).toMatchObject({ paidAmount: 12_800, refundedAmount: 12_800, gmv: 0, cancelledOrders: 0 });
      // A refund notice and a test order are chained like every entry: editing either field is caught.
      const refund = { eventId: 'r1', platform: 'shopify', orderId: 's1', status: 'refunded' as const, occurredAt: t, currency: 'CNY', items: [], refund: { amount: 500, restock: false } };
      store.commit([{ events: [refund, { ...refund, eventId: 'p1', status: 'paid', items, refund: undefined, test: true }], source: 'shopify' }]);
      expect(verifyLedger(db).isValid).toBe(true);
      db.prepare("UPDATE ledger_entries SET refund = '[5,false]' WHERE event_id = 'r1'").run();
      expect(verifyLedger(db).problems.join(' ')).toContain('Entry 4 (shopify order s1) was edited');
      db.prepare("UPDATE ledger_entries SET refund = '[500,false]' WHERE event_id = 'r1'").run();
      db.prepare("UPDATE ledger_entries SET test = 0 WHERE event_id = 'p1'").run();
      expect(verifyLedger(db).problems.join(' ')).toContain('Entry 5 (shopify order s1) was edited');
    } finally {
      db.close();
    }
  });
});
