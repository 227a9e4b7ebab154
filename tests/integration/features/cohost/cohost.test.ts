import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedInvite, InviteSummary } from '../../../../electron/features/cohost/protocol/cohost-commands';
import { connectClient, lanCertificateOf, postCommand, sendCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { nextEvent } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

// 127.0.0.2 stands in for the LAN address: it is a different address than the hub's loopback one, yet stays on
// this machine (tests never send traffic beyond loopback).
const LAN = '127.0.0.2';

/** Addresses the hub's port is bound on, read from the kernel's socket table. */
function listeningAddresses(port: number): string[] {
  const out = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/)[3]!.replace(/:\d+$/, ''));
}

async function invite(hub: TestHub, role: 'producer' | 'moderator' | 'viewer', name: string): Promise<CreatedInvite> {
  const anchor = await connectClient(hub.url, hub.anchorToken);
  const result = await sendCommand(anchor, 'invite.create', { role, name });
  anchor.close();
  if (!result.ok) throw new Error(result.error.message);
  return result.data as CreatedInvite;
}

describe('co-hosting on a real hub', () => {
  let hub: TestHub;
  afterEach(async () => {
    await hub?.stop();
  });

  it('invites a producer whose notes reach the anchor until acknowledged, and shows who is present', async () => {
    hub = await startTestHub();
    const created = await invite(hub, 'producer', '小王');
    expect(created.token).not.toBe(hub.anchorToken);
    expect(created.pairingCode).toMatch(/^\d{6}$/);
    expect(created.urls[0]).toBe(`${hub.url}/?token=${created.token}`);
    expect(created.qrSvg).toContain('<svg');

    const producer = await connectClient(hub.url, created.token);
    expect(producer.hello.role).toBe('producer');
    expect(hub.store.current.presence.map((p) => [p.name, p.role])).toContainEqual(['小王', 'producer']);

    expect((await sendCommand(producer, 'note.send', { text: '推茶具，还剩20套' })).ok).toBe(true);
    const [note] = hub.store.current.notes;
    expect(note).toMatchObject({ fromName: '小王', fromRole: 'producer', text: '推茶具，还剩20套' });

    const anchor = await connectClient(hub.url, hub.anchorToken);
    expect(anchor.initialState.notes).toHaveLength(1);
    expect(await sendCommand(producer, 'note.ack', { id: note!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await sendCommand(anchor, 'note.ack', { id: note!.id })).ok).toBe(true);
    expect(hub.store.current.notes).toEqual([]);
    producer.close();
    anchor.close();
  });

  it("refuses a moderator's scene switch over socket.io and HTTP, and a producer's until the anchor allows it", async () => {
    hub = await startTestHub();
    const mod = await invite(hub, 'moderator', 'Mod');
    const moderator = await connectClient(hub.url, mod.token);
    const viaSocket = await sendCommand(moderator, 'scene.switch', { scene: 'Opening' });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!viaSocket.ok) expect(viaSocket.error.message).toMatch(/moderator role may not use scene.switch/);
    const viaHttp = await postCommand(hub.url, mod.token, 'scene.switch', { scene: 'Opening' });
    expect(viaHttp.status).toBe(403);
    expect(viaHttp.body.error.message).toMatch(/moderator role may not use scene.switch/);
    moderator.close();

    const prod = await invite(hub, 'producer', 'Prod');
    const refused = await postCommand(hub.url, prod.token, 'scene.switch', { scene: 'Opening' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ refusal: { key: 'producerNoPower.scenes' } });
    expect(refused.body.error.message).toMatch(/not allowed producers to switch scenes/);
    expect((await postCommand(hub.url, hub.anchorToken, 'permissions.set', { producerPowers: { scenes: true } })).status).toBe(200);
    // Allowed now: the hub goes on to its OBS checks (no OBS in this test).
    const allowed = await postCommand(hub.url, prod.token, 'scene.switch', { scene: 'Opening' });
    expect(allowed.status).toBe(422);
    expect(allowed.body.error.message).toMatch(/OBS is not connected/);
  });

  it("each air power is the anchor's to grant on its own: picture, cameras, mics, go live and end, destinations", async () => {
    hub = await startTestHub();
    const prod = await invite(hub, 'producer', 'Prod');
    const onAir: Array<[string, object, string]> = [
      ['scene.switch', { scene: 'Anchor' }, 'scenes'],
      ['camera.preset', { scene: 'Anchor', preset: 'pip' }, 'cameras'],
      ['audio.mute', { source: 'Mic', muted: true }, 'mics'],
      ['show.goLive', {}, 'goLive'],
      ['show.end', {}, 'goLive'],
      ['virtualcam.start', {}, 'destinations'],
    ];
    const status = async (name: string, payload: object) => {
      const answer = await postCommand(hub.url, prod.token, name, payload);
      return { name, status: answer.status, key: answer.body.error?.refusal?.key ?? null };
    };
    for (const [name, payload, power] of onAir) expect(await status(name, payload)).toEqual({ name, status: 403, key: `producerNoPower.${power}` });
    // What a producer always does: the rundown, products and sales are theirs to run.
    expect((await postCommand(hub.url, prod.token, 'sales.setTarget', { gmv: 100_000, orders: 10 })).status).toBe(200);
    // One power at a time: the mics granted, the producer still may not go live, and the other way round.
    expect((await postCommand(hub.url, hub.anchorToken, 'permissions.set', { producerPowers: { mics: true } })).status).toBe(200);
    expect((await status('audio.mute', { source: 'Mic', muted: true })).status).not.toBe(403);
    expect(await status('show.goLive', {})).toMatchObject({ status: 403, key: 'producerNoPower.goLive' });
    expect(hub.store.current.permissions.producerPowers).toEqual({ scenes: false, cameras: false, mics: true, goLive: false, destinations: false });
    // All at once (the single switch earlier versions and scripts send), and back.
    expect((await postCommand(hub.url, hub.anchorToken, 'permissions.set', { producerCanControlAir: true })).status).toBe(200);
    for (const [name, payload] of onAir) expect((await status(name, payload)).status).not.toBe(403);
    expect((await postCommand(hub.url, hub.anchorToken, 'permissions.set', { producerCanControlAir: false })).status).toBe(200);
    expect(await status('scene.switch', { scene: 'Anchor' })).toMatchObject({ status: 403 });
  });

  it('revokes a token at once: the connection drops, reconnecting and HTTP are refused', async () => {
    hub = await startTestHub();
    const created = await invite(hub, 'producer', 'Leaving');
    const producer = await connectClient(hub.url, created.token);
    const dropped = nextEvent<string>(producer as any, 'disconnect', QUICK_MS, 'the revoked producer dropped');
    const anchor = await connectClient(hub.url, hub.anchorToken);
    expect((await sendCommand(anchor, 'invite.revoke', { principalId: created.principalId })).ok).toBe(true);
    expect(await dropped).toBe('io server disconnect');
    await expect(connectClient(hub.url, created.token)).rejects.toThrow(/unauthorized/);
    expect((await postCommand(hub.url, created.token, 'note.send', { text: 'hi' })).status).toBe(401);
    const list = await sendCommand(anchor, 'invite.list', {});
    expect(list.ok && (list.data as InviteSummary[]).map((i) => i.principalId)).not.toContain(created.principalId);
    anchor.close();
  });

  it('keeps invites across a hub restart, storing only token hashes', async () => {
    hub = await startTestHub();
    const created = await invite(hub, 'viewer', 'Brand rep');
    const dataDir = hub.dataDir;
    await hub.close();
    const again = await startTestHub({ dataDir, anchorToken: hub.anchorToken });
    try {
      const viewer = await connectClient(again.url, created.token);
      expect(viewer.hello.role).toBe('viewer');
      viewer.close();
      const stored = JSON.stringify(again.db.prepare('SELECT * FROM principals').all());
      expect(stored).not.toContain(created.token);
    } finally {
      await again.close();
    }
  });

  it('exchanges a pairing code for the token once, and rejects bad or reused codes', async () => {
    hub = await startTestHub();
    const created = await invite(hub, 'producer', 'Phone');
    const pair = (code: unknown) =>
      fetch(`${hub.url}/api/v1/pair`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await pair(created.pairingCode)).toEqual({ status: 200, body: { token: created.token, role: 'producer', name: 'Phone' } });
    expect((await pair(created.pairingCode)).status).toBe(401);
    expect((await pair('12ab')).status).toBe(400);
  });

  it('listens beyond loopback only while sharing is on, and drops LAN clients when it is turned off', async () => {
    hub = await startTestHub({ lanAddresses: () => [LAN] });
    expect(listeningAddresses(hub.port)).toEqual(['127.0.0.1']);
    await expect(fetch(`https://${LAN}:${hub.port}/healthz`)).rejects.toThrow();

    const on = await postCommand(hub.url, hub.anchorToken, 'sharing.set', { enabled: true });
    expect(on.status).toBe(200);
    const ca = lanCertificateOf(hub);
    expect(hub.store.current.sharing).toEqual({ isLanEnabled: true, lanUrls: [`https://${LAN}:${hub.port}`], fingerprint: new X509Certificate(ca).fingerprint256 });
    expect(listeningAddresses(hub.port).sort()).toEqual(['127.0.0.1', LAN]);
    const created = await invite(hub, 'producer', 'LAN producer');
    // The LAN link carries the certificate's fingerprint (hex, in the fragment) for the co-host to check or pin.
    expect(created.urls).toContain(`https://${LAN}:${hub.port}/?token=${created.token}#fp=${new X509Certificate(ca).fingerprint256.replace(/:/g, '')}`);
    // The co-host's client trusts only the studio's certificate, checked against the LAN address.
    const remote = await connectClient(`https://${LAN}:${hub.port}`, created.token, undefined, { ca });
    expect(remote.hello.role).toBe('producer');

    const dropped = nextEvent(remote as any, 'disconnect', QUICK_MS, 'the LAN window dropped');
    expect((await postCommand(hub.url, hub.anchorToken, 'sharing.set', { enabled: false })).status).toBe(200);
    await dropped;
    expect(listeningAddresses(hub.port)).toEqual(['127.0.0.1']);
    expect(hub.store.current.sharing.fingerprint).toBeNull();
    await expect(fetch(`https://${LAN}:${hub.port}/healthz`)).rejects.toThrow();
  });

  it('applies exactly one of two simultaneous commands made against the same revision; the other is told', async () => {
    hub = await startTestHub();
    const prod = await invite(hub, 'producer', 'P');
    const a = await connectClient(hub.url, hub.anchorToken);
    const b = await connectClient(hub.url, prod.token);
    const revision = hub.store.current.revision;
    const send = (socket: typeof a, title: string) =>
      socket.timeout(5000).emitWithAck('command', { name: 'show.rename', payload: { title }, expectedRevision: revision });
    const results = await Promise.all([send(a, 'From anchor'), send(b, 'From producer')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(hub.store.current.revision).toBe(revision + 1);
    const http = await fetch(`${hub.url}/api/v1/commands/show.rename`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hub.anchorToken}`, 'X-Anchor-Expected-Revision': String(revision) },
      body: JSON.stringify({ title: 'Late' }),
    });
    expect(http.status).toBe(409);
    a.close();
    b.close();
  });

  it('records every command in the audit log, refusals included', async () => {
    hub = await startTestHub();
    const mod = await invite(hub, 'moderator', 'M');
    await postCommand(hub.url, mod.token, 'show.rename', { title: 'x' });
    await postCommand(hub.url, hub.anchorToken, 'show.rename', { title: 'Real' });
    const res = await postCommand(hub.url, hub.anchorToken, 'audit.list', { limit: 10 });
    const rows = res.body.data as { actorId: string; command: string; ok: boolean; detail: string | null }[];
    expect(rows).toContainEqual(expect.objectContaining({ actorId: mod.principalId, command: 'show.rename', ok: false, detail: 'forbidden' }));
    expect(rows).toContainEqual(expect.objectContaining({ actorId: 'anchor', command: 'show.rename', ok: true }));
  });

  it('exports the audit log as CSV for the anchor and producers only, with who, what and the result of each command', async () => {
    hub = await startTestHub();
    const anchor = await connectClient(hub.url, hub.anchorToken);
    await sendCommand(anchor, 'show.rename', { title: '=HYPERLINK("x") 茶器专场' });
    const mod = await invite(hub, 'moderator', 'Mod');
    const moderator = await connectClient(hub.url, mod.token);
    await sendCommand(moderator, 'show.rename', { title: 'not allowed' });
    const get = (token: string | null) =>
      fetch(`${hub.url}/api/v1/reports/audit.csv`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    expect((await get(null)).status).toBe(401);
    expect((await get(mod.token)).status).toBe(403);
    const res = await get(hub.anchorToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,atMs,actor,role,command,result,error');
    expect(lines.some((l) => /,anchor,anchor,show\.rename,ok,$/.test(l))).toBe(true);
    expect(lines.some((l) => /,moderator,show\.rename,refused,forbidden$/.test(l))).toBe(true);
    // The log records commands, never their payloads (titles, notes, keys).
    expect(lines.join('\n')).not.toContain('HYPERLINK');
    anchor.close();
    moderator.close();
  });
});
