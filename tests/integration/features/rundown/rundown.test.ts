import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../../electron/features/catalog/domain/catalog';
import type { Cue } from '../../../../electron/features/rundown/domain/rundown';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import type { CreatedInvite } from '../../../../electron/features/cohost/protocol/cohost-commands';
import { CATALOG_EVENT, type CatalogEvent } from '../../../../electron/features/catalog/protocol/catalog-events';
import { connectClient, sendOk as ok, postCommand, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { getTallies, orderEvent, postSignedOrders } from '../../../helpers/orders';
import { product, productCue } from '../../../helpers/rundown';
import { makeTempDir } from '../../../helpers/temp-dir';
import { nextEvent } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

async function getState(hub: TestHub, token = hub.anchorToken): Promise<any> {
  return (await fetch(`${hub.url}/api/v1/state`, { headers: { Authorization: `Bearer ${token}` } })).json();
}

describe('run of show on a real hub (no OBS)', () => {
  let hub: TestHub | undefined;
  const clients: ConnectedClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await hub?.stop();
    hub = undefined;
  });
  const connect = async (h: TestHub, token: string) => {
    const c = await connectClient(h.url, token);
    clients.push(c);
    return c;
  };

  it('builds a run of show, goes through it, and attributes an order to the live cue', async () => {
    hub = await startTestHub();
    const anchor = await connect(hub, hub.anchorToken);
    const catalogEvents: CatalogEvent[] = [];
    anchor.on(CATALOG_EVENT as never, (e: CatalogEvent) => void catalogEvents.push(e));
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-1'), product('CUP-2', { price: 3_900, listPrice: null })] });
    expect(catalogEvents.at(-1)).toMatchObject({ kind: 'changed', upserted: [{ sku: 'TEA-1' }, { sku: 'CUP-2' }] });

    await ok(anchor, 'cue.add', { cue: { id: 'open', kind: 'segment', sku: null, segment: 'opening', label: '开场', plannedMs: 60_000, scene: null, cameraPreset: null } });
    await ok(anchor, 'cue.add', { cue: productCue('c-tea', 'TEA-1') });
    await ok(anchor, 'cue.add', { cue: productCue('c-cup', 'CUP-2'), index: 1 });
    await ok(anchor, 'cue.move', { id: 'c-tea', toIndex: 1 });
    let state = await getState(hub);
    expect(state.rundown.cues.map((c: Cue) => c.id)).toEqual(['open', 'c-tea', 'c-cup']);

    const first = await ok(anchor, 'cue.next', { fromCueId: null });
    expect(first.data).toMatchObject({ cueId: 'open' });
    const onTea = await ok(anchor, 'cue.next', { fromCueId: 'open' });
    // No OBS here: the cue still goes live, and the answer says what could not be done.
    expect(onTea.data).toMatchObject({ cueId: 'c-tea' });
    state = await getState(hub);
    expect(state.rundown.currentCueId).toBe('c-tea');
    expect(state.rundown.spentMs.open).toBeGreaterThanOrEqual(0);

    const secret = loadOrdersSecret(hub.dataDir);
    const res = await postSignedOrders(hub.url, secret, orderEvent({ eventId: 'e1', orderId: 'o1', items: [{ sku: 'TEA-1', quantity: 2, unitPrice: 12_800 }] }));
    expect(res.status).toBe(200);
    const tallies = await getTallies(hub.url, hub.anchorToken);
    expect(tallies.bySegment['c-tea']).toMatchObject({ orders: 1, gmv: 25_600 });
    // The catalog's stock went to the ledger, which counted the paid order down.
    expect(tallies.stock['TEA-1']).toMatchObject({ initial: 50, left: 48 });
  });

  it('advances exactly one cue when two people press "next" at once, and tells the other why', async () => {
    hub = await startTestHub();
    const anchor = await connect(hub, hub.anchorToken);
    const created = await sendCommand(anchor, 'invite.create', { role: 'producer', name: 'Producer' });
    const producer = await connect(hub, (created as { data: CreatedInvite }).data.token);
    await ok(anchor, 'catalog.upsert', { products: [product('A'), product('B'), product('C')] });
    for (const [i, sku] of ['A', 'B', 'C'].entries()) await ok(anchor, 'cue.add', { cue: productCue(`c${i}`, sku) });
    await ok(anchor, 'cue.goto', { id: 'c0' });

    const [a, b] = await Promise.all([
      sendCommand(anchor, 'cue.next', { fromCueId: 'c0' }),
      sendCommand(producer, 'cue.next', { fromCueId: 'c0' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'rejected' } });
    if (!loser.ok) expect(loser.error.message).toMatch(/already moved/);
    const state = await getState(hub);
    expect(state.rundown.currentCueId).toBe('c1');
  });

  it('refuses run-of-show commands from roles that may not run the show, over socket.io and HTTP', async () => {
    hub = await startTestHub();
    const anchor = await connect(hub, hub.anchorToken);
    const created = await sendCommand(anchor, 'invite.create', { role: 'moderator', name: 'Mod' });
    const modToken = (created as { data: CreatedInvite }).data.token;
    const moderator = await connect(hub, modToken);
    expect(await sendCommand(moderator, 'cue.next', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const http = await postCommand(hub.url, modToken, 'catalog.upsert', { products: [product('X')] });
    expect(http.status).toBe(403);
    // Internal engine command: nobody may send it, not even the anchor.
    expect(await sendCommand(anchor, 'overlay.render', { card: null, pinned: null, keepOut: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('explains bad edits and keeps the run of show as it was', async () => {
    hub = await startTestHub();
    const anchor = await connect(hub, hub.anchorToken);
    const untitled = await sendCommand(anchor, 'catalog.upsert', { products: [product('T', { title: { zh: ' ', en: '' } })] });
    // Well-formed but against a catalog rule: 422 like every domain refusal (the fuzz test found it answered 400).
    expect(untitled).toMatchObject({ ok: false, error: { code: 'rejected' } });
    if (!untitled.ok) expect(untitled.error.message).toMatch(/title/);
    const noSku = await sendCommand(anchor, 'cue.add', { cue: { ...productCue('x', 'A'), sku: null } });
    expect(noSku).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await ok(anchor, 'catalog.upsert', { products: [product('A')] });
    await ok(anchor, 'cue.add', { cue: productCue('x', 'A') });
    expect(await sendCommand(anchor, 'cue.add', { cue: productCue('x', 'A') })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(await sendCommand(anchor, 'cue.goto', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    const last = await sendCommand(anchor, 'cue.prev', {});
    expect(last).toMatchObject({ ok: false });
    expect(await sendCommand(anchor, 'flash.start', { sku: 'missing', price: 100, durationMs: 60_000 })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    const state = await getState(hub);
    expect(state.rundown.cues.map((c: Cue) => c.id)).toEqual(['x']);
  });

  it('resumes the same cue with the same timer after a restart, with the catalog intact', async () => {
    const dir = makeTempDir('anchor-rundown-');
    try {
      hub = await startTestHub({ dataDir: dir.path });
      const anchor = await connect(hub, hub.anchorToken);
      await ok(anchor, 'catalog.upsert', { products: [product('A'), product('B')] });
      await ok(anchor, 'cue.add', { cue: productCue('ca', 'A') });
      await ok(anchor, 'cue.add', { cue: productCue('cb', 'B') });
      await ok(anchor, 'cue.goto', { id: 'cb' });
      await ok(anchor, 'flash.start', { sku: 'B', price: 9_900, durationMs: 600_000, limit: 20 });
      const before = await getState(hub);
      anchor.close();
      await hub.stop();

      hub = await startTestHub({ dataDir: dir.path, anchorToken: 'restart-anchor-token-0123456789' });
      const again = await connect(hub, 'restart-anchor-token-0123456789');
      const catalog = nextEvent<CatalogEvent>(again as any, CATALOG_EVENT, QUICK_MS, 'the catalog on reconnect');
      const after = await getState(hub, 'restart-anchor-token-0123456789');
      expect(after.rundown).toEqual(before.rundown);
      expect(after.rundown).toMatchObject({ currentCueId: 'cb', flash: { sku: 'B', price: 9_900, limit: 20 } });
      // A reconnecting window gets the catalog on connect (the event may already have arrived).
      const received = await Promise.race([catalog, fetch(`${hub.url}/api/v1/catalog`, { headers: { Authorization: 'Bearer restart-anchor-token-0123456789' } }).then((r) => r.json())]);
      expect((received as { products: Product[] }).products.map((p) => p.sku)).toEqual(['A', 'B']);
    } finally {
      await hub?.stop();
      hub = undefined;
      dir.remove();
    }
  });
});
