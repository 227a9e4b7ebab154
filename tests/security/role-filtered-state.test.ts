import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioState } from '../../electron/core/domain/studio-state';
import { connectClient, onEveryState, sendOk, startTestHub, type ConnectedClient, type HubClient, type TestHub } from '../helpers/hub';
import { orderEvent, ordersSecret, postSignedOrders } from '../helpers/orders';
import { product } from '../helpers/rundown';
import { waitUntil } from '../helpers/wait';

/** Counts the sales events a socket receives from the moment it is set up (before it connects). */
function countSales(socket: HubClient, into: { tallies: number; summaries: number }) {
  (socket as unknown as { on(e: string, l: () => void): void }).on('tally.event', () => (into.tallies += 1));
  (socket as unknown as { on(e: string, l: () => void): void }).on('tally.patch', () => (into.tallies += 1));
  (socket as unknown as { on(e: string, l: () => void): void }).on('sales.summary', () => (into.summaries += 1));
}

/** A round trip on this socket: whatever the hub emitted to it before has arrived once this resolves. */
const roundTrip = (socket: HubClient) => sendOk(socket, 'chat.sync', { afterSeq: 0 });

// Each role reads what it needs: producer notes are for the anchor, who is connected is not a viewer's business, and
// live sales are for the people running the show (a viewer token is handed to screens and brand guests).
describe('what each role reads of the show', () => {
  let hub: TestHub;
  let anchor: ConnectedClient;
  let producer: ConnectedClient;
  let moderator: ConnectedClient;
  let viewer: ConnectedClient;
  let viewerToken: string;
  const seen: Record<'anchor' | 'moderator' | 'viewer', StudioState | null> = { anchor: null, moderator: null, viewer: null };
  const sales = { producer: { tallies: 0, summaries: 0 }, moderator: { tallies: 0, summaries: 0 }, viewer: { tallies: 0, summaries: 0 } };

  beforeAll(async () => {
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    producer = await connectClient(hub.url, hub.tokens.issue({ id: 'p1', role: 'producer', name: 'Producer Li' }), (s) => countSales(s, sales.producer));
    moderator = await connectClient(hub.url, hub.tokens.issue({ id: 'm1', role: 'moderator', name: 'Mod Wang' }), (s) => countSales(s, sales.moderator));
    viewerToken = hub.tokens.issue({ id: 'v1', role: 'viewer', name: 'Brand screen' });
    viewer = await connectClient(hub.url, viewerToken, (s) => countSales(s, sales.viewer));
    onEveryState(anchor, (s) => (seen.anchor = s));
    onEveryState(moderator, (s) => (seen.moderator = s));
    onEveryState(viewer, (s) => (seen.viewer = s));
  });

  afterAll(async () => {
    for (const c of [anchor, producer, moderator, viewer]) c?.close();
    await hub?.stop();
  });

  it('a producer note reaches the anchor, not the moderator or the viewer; the viewer does not see who is connected', async () => {
    expect(viewer.initialState.presence).toEqual([]);
    expect(moderator.initialState.presence.map((p) => p.name)).toContain('Producer Li');
    await sendOk(producer, 'note.send', { text: 'Price drop at 21:00, say it twice' });
    await waitUntil(() => (seen.anchor?.notes.length ?? 0) === 1, 5000, 'the note on the anchor window');
    await Promise.all([roundTrip(moderator), roundTrip(viewer)]);
    expect(seen.moderator?.version).toBe(seen.anchor?.version);
    expect(seen.viewer?.version).toBe(seen.anchor?.version);
    expect(seen.moderator?.notes).toEqual([]);
    expect(seen.viewer?.notes).toEqual([]);
    expect(seen.viewer?.presence).toEqual([]);
    expect(JSON.stringify(seen.viewer)).not.toContain('Price drop');
    expect(JSON.stringify(seen.viewer)).not.toContain('Producer Li');
    // A window that asks for the whole state gets the same view.
    const asked = await viewer.timeout(5000).emitWithAck('state.get');
    expect(asked.notes).toEqual([]);
    expect(asked.presence).toEqual([]);
  });

  it("the cues' scripts and notes, the stream servers and the backup's path reach those who run the show only", async () => {
    await sendOk(anchor, 'cue.add', {
      cue: { id: 'c-open', kind: 'segment', sku: null, segment: 'opening', label: 'Welcome', plannedMs: 60_000, scene: null, cameraPreset: null, script: 'Secret talking point: the 21:00 price', note: 'Backstage: slow down' },
    });
    await sendOk(anchor, 'destination.add', { name: 'Douyin room', platform: 'custom', server: 'rtmp://push.internal.example/live', key: 'stream-key-0123456789' });
    await waitUntil(() => (seen.anchor?.output.destinations.length ?? 0) === 1, 5000, 'the destination on the anchor window');
    await Promise.all([roundTrip(producer), roundTrip(moderator), roundTrip(viewer)]);
    expect(seen.anchor?.rundown.cues[0]).toMatchObject({ script: 'Secret talking point: the 21:00 price', note: 'Backstage: slow down' });
    expect(seen.anchor?.output.destinations[0]?.server).toBe('rtmp://push.internal.example/live');
    for (const role of ['moderator', 'viewer'] as const) {
      const state = seen[role]!;
      expect(state.version, role).toBe(seen.anchor?.version);
      // The cue and the destination are there (a moderator sees what is on and what is up), without the private parts.
      expect(state.rundown.cues.map((c) => c.label), role).toEqual(['Welcome']);
      expect(state.output.destinations.map((d) => d.name), role).toEqual(['Douyin room']);
      const text = JSON.stringify(state);
      for (const secret of ['Secret talking point', 'Backstage', 'push.internal.example', 'stream-key']) expect(text, `${role}: ${secret}`).not.toContain(secret);
    }
    const asked = await moderator.timeout(5000).emitWithAck('state.get');
    expect(JSON.stringify(asked)).not.toContain('push.internal.example');
  });

  it("the products' scripts reach the anchor and producers only: catalog events, the catalog over HTTP, the exports", async () => {
    const catalogs: Record<'producer' | 'moderator' | 'viewer', unknown[]> = { producer: [], moderator: [], viewer: [] };
    for (const [role, socket] of [['producer', producer], ['moderator', moderator], ['viewer', viewer]] as const) {
      (socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on('catalog', (e) => catalogs[role].push(e));
    }
    await sendOk(anchor, 'catalog.upsert', { products: [product('TEA-9', { script: 'Say the 9pm price drop twice' })] });
    await Promise.all([roundTrip(producer), roundTrip(moderator), roundTrip(viewer)]);
    expect(JSON.stringify(catalogs.producer)).toContain('Say the 9pm price drop twice');
    for (const role of ['moderator', 'viewer'] as const) {
      expect(catalogs[role], role).toHaveLength(1);
      expect(JSON.stringify(catalogs[role]), role).toContain('TEA-9');
      expect(JSON.stringify(catalogs[role]), role).not.toContain('price drop');
    }
    // A window that connects now gets the snapshot in its own view too.
    const late = await connectClient(hub.url, viewerToken, (s) => s.on('catalog' as never, ((e: unknown) => catalogs.viewer.push(e)) as never));
    await roundTrip(late);
    late.close();
    expect(JSON.stringify(catalogs.viewer.at(-1))).toMatch(/"kind":"snapshot".*TEA-9/);
    expect(JSON.stringify(catalogs.viewer.at(-1))).not.toContain('price drop');
    const get = (path: string, token: string) => fetch(`${hub.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await (await get('/api/v1/catalog', viewerToken)).text()).not.toContain('price drop');
    expect(await (await get('/api/v1/catalog', hub.anchorToken)).text()).toContain('price drop');
    for (const path of ['/api/v1/catalog/export.csv', '/api/v1/catalog/export.xlsx']) expect((await get(path, viewerToken)).status, path).toBe(403);
    expect(await (await get('/api/v1/catalog/export.csv', hub.anchorToken)).text()).toContain('price drop');
  });

  it('over HTTP the viewer reads the same view, and no sales', async () => {
    const state = (await (await fetch(`${hub.url}/api/v1/state`, { headers: { Authorization: `Bearer ${viewerToken}` } })).json()) as StudioState;
    expect(state.notes).toEqual([]);
    expect(state.presence).toEqual([]);
    expect(state.show).toEqual(hub.store.current.show);
    for (const path of ['/api/v1/tallies', '/api/v1/tallies/events?after=0']) {
      const res = await fetch(`${hub.url}${path}`, { headers: { Authorization: `Bearer ${viewerToken}` } });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/viewer/);
    }
  });

  it('live sales reach the anchor, producers and moderators, never a viewer', async () => {
    expect(sales.producer.tallies).toBeGreaterThan(0);
    expect(sales.viewer).toEqual({ tallies: 0, summaries: 0 });
    const before = sales.producer.tallies;
    const secret = await ordersSecret(hub.url, hub.anchorToken);
    const posted = await postSignedOrders(hub.url, secret, orderEvent({ eventId: 'e1', orderId: 'o1', items: [{ sku: 'TEA-1', quantity: 1, unitPrice: 9900 }] }));
    expect(posted.status).toBe(200);
    await waitUntil(() => sales.producer.tallies > before && sales.moderator.tallies > before, 5000, 'the tally on the producer and moderator windows');
    await roundTrip(viewer);
    expect(sales.viewer).toEqual({ tallies: 0, summaries: 0 });
  });
});
