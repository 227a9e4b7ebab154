import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult, EngineRequest } from '../../../../electron/core/protocol';
import type { CreatedInvite } from '../../../../electron/features/cohost/protocol/cohost-commands';
import { ended, wentLive } from '../../../../electron/core/domain/show-phase';
import type { StudioState } from '../../../../electron/core/domain/studio-state';
import { connectClient, onEveryState, sendCommand, sendOk as ok, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { product, productCue } from '../../../helpers/rundown';
import { waitUntil } from '../../../helpers/wait';
import { orderEvent, postSignedOrders } from '../../../helpers/orders';
import { loadOrdersSecret } from '../../../../electron/core/hub/auth/webhook-auth';
import { priceNow } from '../../../../electron/features/rundown/domain/price';
import { SHOW_SCENE_NAMES } from '../../../../electron/features/scenes/engine/show-scenes';

/** The scenes a fake engine reports: the studio's own show scenes, "Opening" on air. */
const SCENES = ['Opening', 'Anchor', 'Product close-up', 'Be right back'];

describe('the show flow on a real hub (fake engine that switches scenes; OBS itself: obs-rundown and e2e show-flow-obs): every "Go" lands or says why, the show phases close what runs', () => {
  let hub: TestHub | undefined;
  const clients: ConnectedClient[] = [];
  const requests: EngineRequest[] = [];
  /** Every state the anchor's window had, in order. */
  const anchorSaw: StudioState[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    requests.length = 0;
    anchorSaw.length = 0;
    await hub?.stop();
    hub = undefined;
  });

  /** A hub with a fake engine that switches scenes (and refuses camera presets: the studio has one camera). */
  const studio = async () => {
    hub = await startTestHub();
    const engine = await connectClient(hub.url, hub.engineToken, (socket) =>
      socket.on('engine.execute', (request, ack) => {
        requests.push(request);
        const answer: CommandResult =
          request.name === 'camera.preset'
            ? { ok: false, error: { code: 'rejected', message: 'The pip preset needs 2 cameras; the studio has 1. Add a camera first.' } }
            : { ok: true, version: 0 };
        ack(answer);
      }),
    );
    clients.push(engine);
    await ok(engine, 'engine.report', { obs: { status: 'connected', message: null, version: '29.1.3' }, scenes: { names: SCENES, program: 'Opening', preview: null } });
    const anchor = await connectClient(hub.url, hub.anchorToken);
    clients.push(anchor);
    onEveryState(anchor, (state) => anchorSaw.push(state));
    return { hub, anchor };
  };

  it("a cue edited in place keeps its card setting, script and note (and loses them when they are cleared); Go puts the card on or off; bad fields are refused with what to fix", async () => {
    const { hub, anchor } = await studio();
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-1', { scene: 'Anchor' }), product('TEA-2', { scene: 'Anchor' })] });
    await ok(anchor, 'cue.add', { cue: productCue('c1', 'TEA-1') });
    await ok(anchor, 'cue.add', { cue: productCue('c2', 'TEA-2') });
    await ok(anchor, 'cue.update', { cue: productCue('c2', 'TEA-2', { card: 'hide', script: '先讲盖子，\n再讲泥料。', note: '第二排观众问过价格', plannedMs: 90_000 }) });
    expect(hub.store.current.rundown.cues[1]).toMatchObject({ card: 'hide', script: '先讲盖子，\n再讲泥料。', note: '第二排观众问过价格', plannedMs: 90_000 });
    await ok(anchor, 'cue.goto', { id: 'c1' });
    expect(hub.store.current.rundown.isOverlayVisible).toBe(true);
    await ok(anchor, 'cue.goto', { id: 'c2' });
    expect(hub.store.current.rundown.isOverlayVisible).toBe(false);
    // A hidden card is not a card missing from the scene: no warning about it.
    expect(hub.store.current.rundown.lastGo?.warnings.map((w) => w.key) ?? []).not.toContain('cardNotInScene');
    const bad = await sendCommand(anchor, 'cue.update', { cue: productCue('c2', 'TEA-2', { note: 'x'.repeat(501) }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/note is longer than 500/) } });
    expect(hub.store.current.rundown.cues[1]!.note).toBe('第二排观众问过价格');
    const badCard = await sendCommand(anchor, 'cue.update', { cue: { ...productCue('c2', 'TEA-2'), card: 'maybe' } as never });
    expect(badCard.ok).toBe(false);
    // The editor sends the whole cue: a card rule, script or note cleared in it is cleared in the run of show.
    await ok(anchor, 'cue.update', { cue: productCue('c2', 'TEA-2', { plannedMs: 90_000 }) });
    expect(hub.store.current.rundown.cues[1]).toEqual(productCue('c2', 'TEA-2', { plannedMs: 90_000 }));
  });

  it('loads the sample tea-set show into an empty studio through the ordinary commands, and refuses once the show has cues', async () => {
    const { hub, anchor } = await studio();
    // A picture of the anchor's own with a sample's name is never overwritten.
    mkdirSync(join(hub.dataDir, 'images'));
    writeFileSync(join(hub.dataDir, 'images', 'sample-tray.jpg'), 'mine');
    await ok(anchor, 'show.loadSample', {});
    const { rundown, show } = hub.store.current;
    expect(rundown.cues.map((c) => c.id)).toEqual(['sample-opening', 'sample-pot', 'sample-cup', 'sample-giveaway', 'sample-tea', 'sample-tray', 'sample-qa', 'sample-closing']);
    expect(show.title).toBe('春茶上新 · 柴烧茶器专场');
    // Every product cue sells a product now in the catalog, and every scene the show names is one the studio makes.
    const catalog = (await (await fetch(`${hub.url}/api/v1/catalog`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } })).json()) as { products: Array<{ sku: string; scene: string | null; image: string | null }> };
    const skus = new Set(catalog.products.map((p) => p.sku));
    for (const cue of rundown.cues) if (cue.sku) expect(skus.has(cue.sku), cue.sku).toBe(true);
    const named = [...rundown.cues.map((c) => c.scene), ...catalog.products.map((p) => p.scene)].filter((s): s is string => s !== null);
    for (const scene of named) expect(SHOW_SCENE_NAMES as readonly string[], scene).toContain(scene);
    // Each sample product has its picture in the studio's images folder, where the card looks image names up.
    const pictures = catalog.products.map((p) => p.image);
    expect(pictures).toEqual(['sample-pot.jpg', 'sample-cup.jpg', 'sample-tea.jpg', 'sample-tray.jpg']);
    for (const name of pictures.slice(0, 3)) expect([...readFileSync(join(hub.dataDir, 'images', name!)).subarray(0, 3)], `${name} is a JPEG`).toEqual([0xff, 0xd8, 0xff]);
    expect(readFileSync(join(hub.dataDir, 'images', 'sample-tray.jpg'), 'utf8')).toBe('mine');
    // The cue editor's fields came along: the opening hides the card and carries its own script.
    expect(rundown.cues[0]).toMatchObject({ card: 'hide', script: expect.stringContaining('欢迎') });
    const again = await sendCommand(anchor, 'show.loadSample', {});
    expect(again).toMatchObject({ ok: false, error: { refusal: { key: 'sampleNeedsEmptyRundown', params: { count: 8 } } } });
    expect(hub.store.current.rundown.cues).toHaveLength(8);
    // A moderator may not load it.
    const moderator = await connectClient(hub.url, hub.tokens.issue({ id: 'm1', role: 'moderator', name: 'Mod' }));
    clients.push(moderator);
    expect(await sendCommand(moderator, 'show.loadSample', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a cue for a product that is not in the catalog, and says so in a key the window translates', async () => {
    const { hub, anchor } = await studio();
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-1')] });
    const refused = await sendCommand(anchor, 'cue.add', { cue: productCue('c1', 'TEA-X') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected', refusal: { key: 'productMissing', params: { sku: 'TEA-X' } } } });
    if (!refused.ok) expect(refused.error.message).toMatch(/TEA-X.*catalog/);
    expect((await sendCommand(anchor, 'cue.update', { cue: productCue('c0', 'TEA-X') })).ok).toBe(false);
    expect(hub.store.current.rundown.cues).toEqual([]);
    await ok(anchor, 'cue.add', { cue: productCue('c1', 'TEA-1') });
    expect(hub.store.current.rundown.cues.map((c) => c.sku)).toEqual(['TEA-1']);
  });

  it('a "Go" whose scene does not exist, whose card cannot show, or whose preset fails tells every window why', async () => {
    const { hub, anchor } = await studio();
    const invite = await ok(anchor, 'invite.create', { role: 'producer', name: 'Producer' });
    const producer = await connectClient(hub.url, (invite.data as CreatedInvite).token);
    clients.push(producer);
    await ok(anchor, 'catalog.upsert', {
      products: [product('TEA-1'), product('CUP-2', { scene: 'Product closeup' }), product('POT-3', { scene: 'Anchor', cameraPreset: 'pip' })],
    });
    for (const [id, sku] of [['c1', 'TEA-1'], ['c2', 'CUP-2'], ['c3', 'POT-3']] as const) await ok(anchor, 'cue.add', { cue: productCue(id, sku) });

    // Cue 1 keeps the picture on "Opening", which carries no product card: the card is on but viewers would not see it.
    const first = await ok(anchor, 'cue.goto', { id: 'c1' });
    expect(first.data).toMatchObject({ cueId: 'c1', warnings: [{ key: 'cardNotInScene', params: { scene: 'Opening' } }] });
    expect(hub.store.current.rundown.lastGo).toMatchObject({ cueId: 'c1', warnings: [{ key: 'cardNotInScene' }] });

    // Cue 2's product names a scene OBS does not have (a typo): nothing is switched, and it says which scene.
    const second = await ok(producer, 'cue.goto', { id: 'c2' });
    expect(second.data).toMatchObject({ cueId: 'c2', warnings: [{ key: 'sceneMissing', params: { scene: 'Product closeup' } }, { key: 'cardNotInScene' }] });
    expect(requests.filter((r) => r.name === 'scene.switch')).toEqual([]);

    // Cue 3 switches to "Anchor" (the anchor allowed the producer to control the air); its preset fails and says why.
    await ok(anchor, 'permissions.set', { producerCanControlAir: true });
    const third = await ok(producer, 'cue.goto', { id: 'c3' });
    expect(requests.filter((r) => r.name === 'scene.switch').map((r) => r.payload)).toEqual([{ scene: 'Anchor' }]);
    expect(third.data).toMatchObject({ warnings: [{ key: 'presetNotApplied', params: { preset: 'pip' }, cause: { message: expect.stringMatching(/needs 2 cameras/) } }] });
    // The anchor's window sees the same warning on the live cue, though the producer pressed "Go".
    const seen = await waitUntil(() => anchorSaw.find((s) => s.rundown.lastGo?.cueId === 'c3' && s.rundown.lastGo.warnings.length > 0), 5_000, "the anchor's window to get the last Go");
    expect(seen.rundown.lastGo?.warnings.map((w) => w.key)).toEqual(['presetNotApplied']);
  });

  it('a producer without air control still runs the rundown; the scene part of "Go" says it was not allowed', async () => {
    const { hub, anchor } = await studio();
    const invite = await ok(anchor, 'invite.create', { role: 'producer', name: 'Producer' });
    const producer = await connectClient(hub.url, (invite.data as CreatedInvite).token);
    clients.push(producer);
    await ok(anchor, 'catalog.upsert', { products: [product('POT-3', { scene: 'Anchor' })] });
    await ok(anchor, 'cue.add', { cue: productCue('c3', 'POT-3') });
    const go = await ok(producer, 'cue.goto', { id: 'c3' });
    expect(hub.store.current.rundown.currentCueId).toBe('c3');
    expect(go.data).toMatchObject({ warnings: [{ key: 'sceneNotSwitched', cause: { refusal: { key: 'producerNoPower.scenes' } } }] });
  });

  it('going live starts every cue timer from zero; ending the show closes the run: no cue on air, no timer, no flash sale', async () => {
    const { hub, anchor } = await studio();
    await ok(anchor, 'catalog.upsert', { products: [product('TEA-1'), product('CUP-2')] });
    await ok(anchor, 'cue.add', { cue: productCue('c1', 'TEA-1') });
    await ok(anchor, 'cue.add', { cue: productCue('c2', 'CUP-2') });
    await ok(anchor, 'cue.goto', { id: 'c1' });
    await ok(anchor, 'cue.goto', { id: 'c2' });
    expect(Object.keys(hub.store.current.rundown.spentMs)).toEqual(['c1']);

    const liveAt = Date.now();
    hub.store.apply({ name: 'live.set', payload: wentLive(liveAt) });
    expect(hub.store.current.rundown).toMatchObject({ currentCueId: 'c2', cueStartedAt: liveAt, spentMs: {} });

    await ok(anchor, 'flash.start', { sku: 'CUP-2', price: 9_900, durationMs: 600_000, limit: 10 });
    const endedAt = Date.now() + 5;
    hub.store.apply({ name: 'live.set', payload: ended(hub.store.current.live, endedAt) });
    const run = hub.store.current.rundown;
    expect(run).toMatchObject({ currentCueId: null, cueStartedAt: null, flash: null });
    // The time the cue was on air is kept for the report: from going live to the end.
    expect(run.spentMs.c2).toBe(endedAt - liveAt);
    // Nothing goes back on air after the end; a new show opens the run again.
    for (const [name, payload] of [['cue.goto', { id: 'c1' }], ['flash.start', { sku: 'CUP-2', price: 9_900, durationMs: 60_000 }]] as const) {
      expect(await sendCommand(anchor, name, payload)).toMatchObject({ ok: false, error: { refusal: { key: 'showEnded' } } });
    }
    await ok(anchor, 'sales.newShow', {});
    expect(hub.store.current.live).toEqual({ isLive: false, startedAt: null, endedAt: null });
    await ok(anchor, 'cue.goto', { id: 'c1' });
  });

  it('a limited flash sale ends the moment its units are sold: from then on the price is the regular one everywhere', async () => {
    const { hub, anchor } = await studio();
    const secret = loadOrdersSecret(hub.dataDir);
    const paid = (id: string, quantity: number, unitPrice: number) =>
      postSignedOrders(hub.url, secret, orderEvent({ eventId: `${id}-paid`, orderId: id, status: 'paid', items: [{ sku: 'CUP-2', quantity, unitPrice }] }));
    await ok(anchor, 'catalog.upsert', { products: [product('CUP-2', { price: 12_800 })] });
    await ok(anchor, 'cue.add', { cue: productCue('c2', 'CUP-2') });
    await ok(anchor, 'cue.goto', { id: 'c2' });
    // Sold before the sale: not the sale's units.
    expect((await paid('before', 4, 12_800)).status).toBe(200);
    await ok(anchor, 'flash.start', { sku: 'CUP-2', price: 9_900, durationMs: 600_000, limit: 3 });
    expect(hub.store.current.rundown.flash?.unitsPaidAtStart).toBe(4);
    expect((await paid('during-1', 2, 9_900)).status).toBe(200);
    expect(hub.store.current.rundown.flash).not.toBeNull();
    expect((await paid('during-2', 1, 9_900)).status).toBe(200);
    await waitUntil(() => hub.store.current.rundown.flash === null, 5_000, 'the sold-out flash sale to end');
    expect(priceNow(product('CUP-2', { price: 12_800 }), hub.store.current.rundown.flash, Date.now()).price).toBe(12_800);
  });
});
