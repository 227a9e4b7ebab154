import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgencyNode, type AgencyNode } from '../../../agency/server/agency-server';
import { AGENCY_COMMANDS_OFF } from '../../../electron/features/agency/domain/agency-link';
import { connectConsole, type TestConsole } from '../../helpers/agency';
import { connectClient, sendOk, sendCommand, startTestHub, type TestHub } from '../../helpers/hub';
import { getTallies, orderEvent, ordersSecret, postOrdersOk } from '../../helpers/orders';
import { makeTempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait';
import { SimulatedStudio } from '../../helpers/simulated-studio';

/**
 * The agency in its embedded mode (PGlite, one node, in-process) with two real studio hubs linked to it: the studios'
 * ledgers arrive exactly once and chain-checked, and the agency's figures are each studio's own, to the cent.
 */
describe('agency (embedded): two studios linked', () => {
  const dir = makeTempDir('anchor-agency-');
  let agency: AgencyNode;
  let admin: TestConsole;
  const studios: Array<{ hub: TestHub; secret: string; roomId: string; token: string }> = [];

  beforeAll(async () => {
    agency = await startAgencyNode({ dataDir: dir.path, agencyName: 'Test MCN' });
    expect(agency.firstAdminToken).toMatch(/^agt_/);
    admin = await connectConsole(agency.url, agency.firstAdminToken!);
    for (const name of ['Tea room', 'Silk room']) {
      const { roomId, token } = await admin.request('room.create', { name, brand: name === 'Tea room' ? 'Tea Co' : 'Silk Co', anchor: `${name} anchor` });
      const hub = await startTestHub();
      studios.push({ hub, secret: await ordersSecret(hub.url, hub.anchorToken), roomId, token });
    }
  }, 60_000);

  afterAll(async () => {
    admin?.close();
    for (const s of studios) await s.hub.stop();
    await agency?.close();
    dir.remove();
  });

  it('refuses a bad address in plain words and keeps the studio unlinked', async () => {
    const anchor = await connectClient(studios[0]!.hub.url, studios[0]!.hub.anchorToken);
    const answer = await sendCommand(anchor, 'agency.link', { url: 'ftp://agency', token: 'x' });
    anchor.disconnect();
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).toContain('https://');
  });

  it("replicates each studio's ledger: the agency's GMV is each studio's own", async () => {
    let n = 0;
    for (const s of studios) {
      // Orders before linking: the link catches up with them.
      await postOrdersOk(s.hub.url, s.secret, { events: Array.from({ length: 30 }, () => orderEvent({ eventId: `e${++n}`, orderId: `o${n}`, items: [{ sku: 'SKU-A', quantity: 1 + (n % 3), unitPrice: 1999 + n }] })) });
      const anchor = await connectClient(s.hub.url, s.hub.anchorToken);
      await sendOk(anchor, 'agency.link', { url: agency.url, token: s.token });
      anchor.disconnect();
    }
    for (const s of studios) {
      // ...and orders after: paid, a partial refund, a cancellation, a test order.
      await postOrdersOk(s.hub.url, s.secret, {
        events: [
          orderEvent({ eventId: `late-${s.roomId}-1`, orderId: 'late-1', items: [{ sku: 'SKU-B', quantity: 2, unitPrice: 4550 }] }),
          orderEvent({ eventId: `late-${s.roomId}-2`, orderId: 'late-1', status: 'refunded', items: [{ sku: 'SKU-B', quantity: 1, unitPrice: 4550 }], refund: { amount: 4550, restock: true } }),
          orderEvent({ eventId: `late-${s.roomId}-3`, orderId: 'late-2', status: 'created' }),
          orderEvent({ eventId: `late-${s.roomId}-4`, orderId: 'late-2', status: 'cancelled' }),
          orderEvent({ eventId: `late-${s.roomId}-5`, orderId: 'late-3', test: true }),
        ],
      });
    }
    for (const s of studios) {
      const own = await getTallies(s.hub.url, s.hub.anchorToken);
      const room = await admin.waitForRoom(s.roomId, (r) => r.entries === 35 && r.figures?.gmv === own.gmv, `room ${s.roomId} to reach the studio's GMV ${own.gmv}`);
      expect(room.figures).toMatchObject({ gmv: own.gmv, paidAmount: own.paidAmount, refundedAmount: own.refundedAmount, ordersPaid: own.ordersPaid, placedOrders: own.placedOrders });
      expect(room.isLinked).toBe(true);
    }
    // Exactly once: one row per studio entry, however often batches were sent.
    const rows = await agency.db.query<{ studio_id: string; n: number; distinct_seq: number }>('SELECT studio_id, COUNT(*)::int AS n, COUNT(DISTINCT seq)::int AS distinct_seq FROM ledger_entries GROUP BY studio_id');
    expect(rows.map((r) => [r.n, r.distinct_seq])).toEqual([[35, 35], [35, 35]]);
  });

  it('reports sales across rooms by brand (CSV and HTML), to the cent of each studio, and only to console users', async () => {
    // An order in yen at the tea room: its own line, in yen's digits (none).
    await postOrdersOk(studios[0]!.hub.url, studios[0]!.secret, orderEvent({ eventId: 'jpy-1', orderId: 'jpy-1', currency: 'JPY', items: [{ sku: 'SKU-J', quantity: 2, unitPrice: 1500 }] }));
    await admin.waitForRoom(studios[0]!.roomId, (r) => r.entries === 36, 'the yen order at the agency');
    const own = await Promise.all(studios.map((s) => getTallies(s.hub.url, s.hub.anchorToken)));
    const get = (path: string, token?: string) => fetch(`${agency.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    const csv = await (await get('/api/v1/reports/brand.csv', agency.firstAdminToken!)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('brand,currency,rooms,orders paid,units,paid,refunded,net');
    const net = (brand: string, currency = 'CNY') => lines.find((l) => l.startsWith(`${brand},${currency},`))!.split(',').at(-1);
    const yuan = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    expect(net('Tea Co')).toBe(yuan(own[0].gmv));
    expect(net('Silk Co')).toBe(yuan(own[1].gmv));
    expect(own[0].otherCurrencies.JPY.gmv).toBe(3000);
    expect(lines).toContain('Tea Co,JPY,1,1,2,3000,0,3000');
    const html = await get('/api/v1/reports/product.html', agency.firstAdminToken!);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<td>SKU-A</td>');
    expect((await get('/api/v1/reports/brand.csv')).status).toBe(401);
    expect((await get('/api/v1/reports/planet.csv', agency.firstAdminToken!)).status).toBe(404);
    expect((await get('/api/v1/reports/brand.csv', studios[0]!.token)).status).toBe(401);
  });

  it('shows the room status: title, phase, OBS', async () => {
    const s = studios[0]!;
    const anchor = await connectClient(s.hub.url, s.hub.anchorToken);
    await sendOk(anchor, 'show.rename', { title: '春季新茶 Spring tea' });
    await sendOk(anchor, 'show.loadSample', {});
    const state = await new Promise<any>((resolve) => anchor.emit('state.get', resolve));
    const product = state.rundown.cues.find((c: any) => c.kind === 'product' && !c.label);
    await sendCommand(anchor, 'cue.goto', { id: product.id }); // answers a failure without OBS; the cue is live anyway
    anchor.disconnect();
    const room = await admin.waitForRoom(s.roomId, (r) => r.status?.title === '春季新茶 Spring tea' && r.status.cue?.id === product.id, 'the new title and cue at the agency');
    expect(room.status).toMatchObject({ phase: 'rehearsal', obs: expect.any(String) });
    expect(room.status!.cues.map((c) => c.id)).toEqual(state.rundown.cues.map((c: any) => c.id));
    // A product cue without a label goes by its product's title, as the cue list shows it.
    expect(room.status!.cue!.label).not.toBe('');
    expect(room.status!.cue!.label).not.toBe(product.sku);
    expect(room.status!.alerts.map((a) => a.code)).toContain('obs-down');
  });

  it("brings an agency producer's note to the anchor, lets a brand viewer see only its brand, and audits every action", async () => {
    const { token: producerToken } = await admin.request('token.create', { role: 'producer', name: 'Li Producer' });
    const { token: brandToken } = await admin.request('token.create', { role: 'brand', name: 'Tea Co viewer', brand: 'Tea Co' });
    const producer = await connectConsole(agency.url, producerToken);
    const viewer = await connectConsole(agency.url, brandToken);
    try {
      expect(viewer.snapshot.rooms.map((r) => r.name)).toEqual(['Tea room']);
      expect(producer.snapshot.rooms).toHaveLength(2);
      // Live updates follow the same line: a change in the silk room reaches the producer, never the tea brand's viewer.
      const silk = studios[1]!;
      const silkAnchor = await connectClient(silk.hub.url, silk.hub.anchorToken);
      await sendOk(silkAnchor, 'show.rename', { title: 'Silk night' });
      silkAnchor.disconnect();
      await producer.waitForRoom(silk.roomId, (r) => r.status?.title === 'Silk night', 'the silk room update at the producer');
      expect(viewer.rooms.has(silk.roomId)).toBe(false);
      const s = studios[0]!;
      await producer.request('room.note', { roomId: s.roomId, text: '讲一下第二款 talk about item 2' });
      const anchor = await connectClient(s.hub.url, s.hub.anchorToken);
      const state = await waitUntil(async () => {
        const st = await new Promise<any>((resolve) => anchor.emit('state.get', resolve));
        return st.notes.some((n: any) => n.text === '讲一下第二款 talk about item 2') ? st : null;
      }, 15_000, 'the note on the studio');
      anchor.disconnect();
      expect(state.notes.find((n: any) => n.text.startsWith('讲一下')).fromName).toBe('Li Producer (agency)');
      // Roles: a producer may not manage, a brand viewer may not send notes.
      expect(await producer.ask('room.create', { name: 'x', brand: '', anchor: '' })).toMatchObject({ ok: false, message: expect.stringContaining('producer may not') });
      expect(await viewer.ask('room.note', { roomId: s.roomId, text: 'hi' })).toMatchObject({ ok: false });
      const audit = await agency.db.query<{ actor: string; action: string; outcome: string }>('SELECT actor, action, outcome FROM audit ORDER BY id');
      expect(audit).toEqual(expect.arrayContaining([
        { actor: 'Li Producer', action: 'room.note', outcome: 'ok' },
        { actor: 'Li Producer', action: 'room.create', outcome: 'refused: role' },
        { actor: 'Tea Co viewer', action: 'room.note', outcome: 'refused: role' },
        { actor: 'Admin', action: 'token.create', outcome: 'ok' },
      ]));
    } finally {
      producer.close();
      viewer.close();
    }
  });

  it('runs an agency producer\'s command only once the anchor allows it, and as a producer', async () => {
    const s = studios[0]!;
    const { token } = await admin.request('token.create', { role: 'producer', name: 'Wang Producer' });
    const producer = await connectConsole(agency.url, token);
    const anchor = await connectClient(s.hub.url, s.hub.anchorToken);
    try {
      const rename = { roomId: s.roomId, name: 'show.rename', payload: { title: 'From the agency' } };
      expect(await producer.ask('room.command', rename)).toEqual({ ok: false, message: AGENCY_COMMANDS_OFF });
      await sendOk(anchor, 'agency.permit', { allowCommands: true });
      expect(await producer.ask('room.command', rename)).toEqual({ ok: true, data: {} });
      await admin.waitForRoom(s.roomId, (r) => r.status?.title === 'From the agency', 'the renamed show at the agency');
      // An agency runs the rundown, never the air or the ledger, whatever the anchor allowed.
      for (const name of ['show.goLive', 'order.record']) {
        expect(await producer.ask('room.command', { roomId: s.roomId, name, payload: {} })).toMatchObject({ ok: false, message: expect.stringContaining(`not ${name}`) });
      }
      expect(await producer.ask('room.command', { roomId: s.roomId, name: 'no.such', payload: {} })).toMatchObject({ ok: false, message: expect.stringContaining('no command') });
    } finally {
      await sendOk(anchor, 'agency.permit', { allowCommands: false });
      anchor.disconnect();
      producer.close();
    }
  });

  /** A new room with a simulated studio linked to it that has sold `sales` times, once the agency holds them all. */
  const roomWithStudio = async (room: { name: string; brand: string; anchor: string }, studioName: string, sales: number) => {
    const { roomId, token } = await admin.request('room.create', room);
    const studio = new SimulatedStudio(studioName);
    studio.link(agency.url, token);
    for (let n = 0; n < sales; n++) studio.sell();
    await admin.waitForRoom(roomId, (r) => r.isLinked && r.entries === studio.entryCount(), `${studioName} to send its entries`);
    return { roomId, token, studio };
  };

  it('a studio that connects again while its old connection lingers keeps its room linked, with every entry counted once', async () => {
    const { roomId, token, studio: before } = await roomWithStudio({ name: 'Roaming room', brand: 'Tea Co', anchor: 'Wi-Fi' }, 'roam', 5);
    // The same studio (same ledger) comes back over a new connection, as after a network change.
    const after = new SimulatedStudio('roam-again');
    for (const entry of before.chain) {
      after.chain.push(entry);
      after.ledger.ingest(entry.event);
    }
    after.link(agency.url, token);
    await waitUntil(() => after.view?.state === 'linked', 15_000, 'the new connection to be welcomed');
    await waitUntil(() => before.view?.state === 'refused', 15_000, 'the old connection to be let go');
    before.unlink();
    for (let n = 0; n < 5; n++) after.sell();
    const room = await admin.waitForRoom(roomId, (r) => r.entries === after.entryCount() && r.figures?.gmv === after.tallies().gmv, 'the room to follow the new connection');
    await new Promise((r) => setTimeout(r, 500)); // the old connection's going must not clear the room
    expect(admin.rooms.get(roomId)).toMatchObject({ isLinked: true, entries: room.entries });
    after.unlink();
  });

  it('a studio with another ledger linking with a room token is refused, and the studio linked there stays linked', async () => {
    const { roomId, token, studio: linked } = await roomWithStudio({ name: 'Guarded room', brand: 'Tea Co', anchor: 'Main PC' }, 'main-pc', 3);
    // Another computer with sales of its own links with the same token (copied by mistake).
    const other = new SimulatedStudio('backup-pc');
    for (let n = 0; n < 5; n++) other.sell();
    other.link(agency.url, token);
    await waitUntil(() => other.view?.state === 'refused', 15_000, 'the other studio to refuse the room');
    expect(other.view?.problem).toMatch(/not this studio's ledger/);
    other.unlink();
    await new Promise((r) => setTimeout(r, 500));
    expect(linked.view).toMatchObject({ state: 'linked', problem: null });
    linked.sell();
    const room = await admin.waitForRoom(roomId, (r) => r.isLinked && r.entries === linked.entryCount(), 'the linked studio to keep sending');
    expect(room.figures?.gmv).toBe(linked.tallies().gmv);
    linked.unlink();
  });

  it('refuses a revoked studio token and the studio says so', async () => {
    const s = studios[1]!;
    const { credentials } = await admin.request('token.list', {});
    const link = credentials.find((c) => c.roomId === s.roomId)!;
    await admin.request('token.revoke', { id: link.id });
    const views: any[] = [];
    const anchor = await connectClient(s.hub.url, s.hub.anchorToken, (socket) => socket.on('agency.link', (event) => views.push(event.link)));
    await waitUntil(() => views.some((v) => v?.state === 'refused'), 20_000, 'the studio to report the refused link').catch((err) => { throw new Error(`${err.message}: ${JSON.stringify(views)}`); });
    anchor.disconnect();
    const room = await admin.waitForRoom(s.roomId, (r) => !r.isLinked, 'the room to show unlinked');
    expect(room.entries).toBe(35);
  });
});
