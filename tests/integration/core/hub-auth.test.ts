import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, postCommand, sendCommand, startTestHub, type TestHub } from '../../helpers/hub';
import { onEveryState } from '../../helpers/hub';
import { QUICK_MS } from '../../helpers/timeouts';
import { nextEvent, withTimeout } from '../../helpers/wait';
import type { StatePatch } from '../../../electron/core/domain/state-patch';
import { COMMAND_NAMES, COMMANDS } from '../../../electron/core/protocol/commands';
import type { StudioState } from '../../../electron/core/domain/studio-state';

describe('hub authentication and command validation (real HTTP + socket.io on loopback)', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(async () => {
    await hub.stop();
  });

  it('answers /healthz without a token', async () => {
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('refuses a wrong token over socket.io with a clear reason', async () => {
    await expect(connectClient(hub.url, 'not-the-right-token-at-all')).rejects.toThrow(/unauthorized.*token/i);
    await expect(connectClient(hub.url, '')).rejects.toThrow(/unauthorized/);
  });

  it('refuses a missing or wrong token over HTTP with 401', async () => {
    const missing = await fetch(`${hub.url}/api/v1/state`);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.message).toMatch(/Authorization: Bearer/);
    const wrong = await postCommand(hub.url, 'x'.repeat(43), 'show.rename', { title: 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
  });

  it('serves the state snapshot to a valid token and applies a command over HTTP', async () => {
    const renamed = await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: '  春季茶具专场 ' });
    expect(renamed).toMatchObject({ status: 200, body: { ok: true } });
    const res = await fetch(`${hub.url}/api/v1/state`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } });
    expect(res.status).toBe(200);
    const state = await res.json();
    expect(state.show.title).toBe('春季茶具专场');
    expect(state.version).toBe(1);
  });

  it('rejects malformed commands with 400 and a reason, and keeps serving', async () => {
    const notJson = await postCommand(hub.url, hub.anchorToken, 'show.rename', '{"title": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    const wrongType = await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/title/);
    const extra = await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: 'ok', admin: true });
    expect(extra.status).toBe(400);
    const unknown = await postCommand(hub.url, hub.anchorToken, 'studio.explode', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_command');
    const big = await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });

  it('refuses a command the role may not send, over socket.io and HTTP', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const refused = await sendCommand(anchor, 'engine.report', { obs: { status: 'connected', message: null, version: '29.0.2' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/anchor role may not use engine.report/);
    anchor.close();
    const viewerToken = hub.tokens.issue({ id: 'viewer-1', role: 'viewer', name: 'Viewer' });
    const http = await postCommand(hub.url, viewerToken, 'show.rename', { title: 'hijack' });
    expect(http.status).toBe(403);
    expect(hub.store.current.show.title).toBe('');
  });

  it('sends hello and the snapshot on connect, and broadcasts changes to every client', async () => {
    const a = await connectClient(hub.url, hub.anchorToken);
    const viewerToken = hub.tokens.issue({ id: 'viewer-2', role: 'viewer', name: 'Viewer' });
    const viewer = await connectClient(hub.url, viewerToken);
    expect(viewer.hello).toMatchObject({ protocol: 2, role: 'viewer' });
    // The commands each role may send come with the hello, so a window grays out the rest without the registry.
    expect(a.hello.commands).toEqual(expect.arrayContaining(['scene.switch', 'invite.create', 'show.rename']));
    expect(viewer.hello.commands).not.toContain('scene.switch');
    expect(viewer.hello.commands).not.toContain('invite.create');
    expect(a.hello.commands).not.toContain('engine.report');
    for (const [role, client] of [['anchor', a], ['viewer', viewer]] as const) {
      expect(client.hello.commands).toEqual(COMMAND_NAMES.filter((name) => (COMMANDS[name].roles as readonly string[]).includes(role)));
    }
    expect(hub.store.current.presence.map((p) => p.role).sort()).toEqual(['anchor', 'viewer']);
    // A viewer does not read who is connected (core/domain/role-view.ts; tests/security/role-filtered-state.test.ts).
    expect(viewer.initialState.presence).toEqual([]);
    const next = new Promise<StudioState>((resolve) => {
      const off = onEveryState(viewer, (state) => {
        off();
        resolve(state);
      });
    });
    const patch = nextEvent<StatePatch>(viewer as any, 'state.patch', QUICK_MS, 'the rename patch');
    const renamed = await sendCommand(a, 'show.rename', { title: 'Tea set night' });
    // Presence changes (clients joining) also advance the version; the rename lands on top of them.
    expect(renamed).toEqual({ ok: true, version: hub.store.current.version });
    expect((await withTimeout(next, QUICK_MS, 'the renamed state')).show.title).toBe('Tea set night');
    // The window got what changed, not the whole state.
    expect(Object.keys((await patch).changes).sort()).toEqual(['revision', 'show']);
    a.close();
    viewer.close();
  });

  it('tells a UI that OBS is not connected when a video command has no engine', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const result = await sendCommand(anchor, 'scene.switch', { scene: 'Opening' });
    expect(result).toMatchObject({ ok: false, error: { code: 'rejected' } });
    if (!result.ok) expect(result.error.message).toMatch(/OBS is not connected/);
    anchor.close();
  });

  // A fake engine: a socket holding the engine token that answers engine.execute itself. This file runs the hub alone
  // (one fresh hub per test, no OBS), so it can check the relay exactly: what reaches the engine and that its answer,
  // refusals included, comes back unchanged. The real engine bundle with a real OBS answering the same relay is
  // tests/integration/core/obs-engine.test.ts ("scene.switch from a UI client changes the program scene").
  it('relays engine commands to a connected engine and its answer back unchanged (fake engine socket)', async () => {
    const engine = await connectClient(hub.url, hub.engineToken);
    const received: Array<{ name: string; payload: unknown }> = [];
    engine.on('engine.execute', (request, ack) => {
      // The hub also asks its engine for other things (the product card's overlay): only scene switches matter here.
      if (request.name !== 'scene.switch') return ack({ ok: true, version: 0 });
      received.push({ name: request.name, payload: request.payload });
      const scene = (request.payload as { scene?: string }).scene;
      ack(scene === 'Anchor' ? { ok: true, version: 0 } : { ok: false, error: { code: 'rejected', message: `The engine says no to ${scene}.` } });
    });
    await sendCommand(engine, 'engine.report', {
      obs: { status: 'connected', message: null, version: '29.0.2' },
      scenes: { names: ['Opening', 'Anchor', 'Q&A'], program: 'Opening', preview: null },
    });
    const anchor = await connectClient(hub.url, hub.anchorToken);
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Anchor' })).toEqual({ ok: true, version: 0 });
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Q&A' })).toEqual({ ok: false, error: { code: 'rejected', message: 'The engine says no to Q&A.' } });
    // A scene OBS does not have is refused by the hub itself: it never reaches the engine.
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Nope' })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(received.map((r) => [r.name, (r.payload as { scene: string }).scene])).toEqual([
      ['scene.switch', 'Anchor'],
      ['scene.switch', 'Q&A'],
    ]);
    engine.close();
    anchor.close();
  });

  it('never writes a token to the log', async () => {
    const anchor = await connectClient(hub.url, hub.anchorToken);
    await sendCommand(anchor, 'show.rename', { title: `token is ${hub.anchorToken}` });
    anchor.close();
    await fetch(`${hub.url}/api/v1/state?token=${hub.anchorToken}`);
    hub.log.info('explicit', { token: hub.anchorToken, note: `leak ${hub.engineToken}` });
    const all = hub.logLines.join('\n');
    expect(hub.logLines.length).toBeGreaterThan(2);
    expect(all).not.toContain(hub.anchorToken);
    expect(all).not.toContain(hub.engineToken);
    expect(all).toContain('[redacted]');
  });
});
