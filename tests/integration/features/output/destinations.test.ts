import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DestinationStore } from '../../../../electron/features/output/hub/destination-store';
import { createFileSecretBox } from '../../../../electron/core/hub/auth/secret-box';
import { openDatabase } from '../../../../electron/core/hub/storage';
import { connectClient, onEveryState, postCommand, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { makeTempDir } from '../../../helpers/temp-dir';

// Destinations on a real hub: validation, roles, keys encrypted at rest and never in state, answers or logs.
describe('destinations', () => {
  const dir = makeTempDir('anchor-dest-');
  let hub: TestHub;
  let anchor: ConnectedClient;
  const key = 'KEY-planted-7f3a9c1e5b-ZZ';
  const states: unknown[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ dataDir: dir.path });
    anchor = await connectClient(hub.url, hub.anchorToken);
    onEveryState(anchor, (s) => states.push(s));
  });

  afterAll(async () => {
    anchor?.close();
    await hub?.close();
    dir.remove();
  });

  it('adds a destination with a preset server, masks the key everywhere, and encrypts it at rest', async () => {
    const answers: unknown[] = [];
    const added = await sendCommand(anchor, 'destination.add', { name: 'YouTube main', platform: 'youtube', server: '', key });
    answers.push(added);
    expect(added).toMatchObject({ ok: true, data: { id: expect.stringMatching(/^d-/) } });
    const view = hub.store.current.output.destinations[0]!;
    expect(view).toMatchObject({ name: 'YouTube main', platform: 'youtube', server: 'rtmp://a.rtmp.youtube.com/live2', hasKey: true, isEnabled: true, canvas: 'horizontal' });
    expect(view).not.toHaveProperty('key');

    const http = await postCommand(hub.url, hub.anchorToken, 'destination.add', {
      name: '视频号', platform: 'channels', server: 'rtmp://push.example.com/trtc_1400/', key: `${key}-2`, isEnabled: false,
    });
    answers.push(http.body);
    expect(http.status).toBe(200);
    expect(hub.store.current.output.destinations[1]).toMatchObject({ server: 'rtmp://push.example.com/trtc_1400', canvas: 'vertical', isEnabled: false });

    const state = await (await fetch(`${hub.url}/api/v1/state`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } })).text();
    const captured = [state, JSON.stringify(answers), JSON.stringify(states), hub.logLines.join('\n')].join('\n');
    expect(captured).toContain('YouTube main');
    expect(captured).not.toContain(key);
    // Every file the hub wrote (SQLite, WAL, key file) holds the key only encrypted.
    for (const file of readdirSync(dir.path)) expect(readFileSync(join(dir.path, file)).includes(key), file).toBe(false);
  });

  it('refuses bad input with advice, never echoing the key, and keeps what was saved', async () => {
    const before = hub.store.current.output.destinations;
    const cases: Array<[object, string]> = [
      [{ name: 'x', platform: 'custom', server: 'http://example.com/live', key }, 'rtmp:// or rtmps://'],
      [{ name: 'x', platform: 'custom', server: `rtmp://example.com/live?k=${key}`, key: 'abcdefgh' }, 'stream key field'],
      [{ name: 'x', platform: 'custom', server: `rtmp://example.com/live/${key}`, key }, 'contains the stream key'],
      [{ name: 'x', platform: 'custom', server: '', key }, 'Enter the server URL'],
      [{ name: 'x', platform: 'custom', server: 'rtmp://example.com/live', key: '' }, 'Enter the stream key'],
      [{ name: 'youtube MAIN', platform: 'custom', server: 'rtmp://example.com/live', key }, 'already exists'],
    ];
    for (const [payload, advice] of cases) {
      const result = await sendCommand(anchor, 'destination.add', payload);
      expect(result.ok, advice).toBe(false);
      expect(!result.ok && result.error.code).toBe('rejected');
      expect(!result.ok && result.error.message).toContain(advice);
      expect(JSON.stringify(result)).not.toContain(key);
    }
    expect(hub.store.current.output.destinations).toEqual(before);
  });

  it('lets only the anchor touch keys; producers may enable only with air control', async () => {
    const producerToken = hub.tokens.issue({ id: 'p1', role: 'producer', name: 'Producer' });
    const id = hub.store.current.output.destinations[1]!.id;
    const add = await postCommand(hub.url, producerToken, 'destination.add', { name: 'p', platform: 'custom', server: 'rtmp://a.example.com/live', key: 'abcdef123' });
    expect(add.status).toBe(403);
    expect((await postCommand(hub.url, producerToken, 'destination.update', { id, key: 'abcdef123' })).status).toBe(403);
    expect((await postCommand(hub.url, producerToken, 'destination.remove', { id })).status).toBe(403);
    // Enabling a destination changes what goes on air: a producer needs the anchor's air-control grant.
    expect((await postCommand(hub.url, producerToken, 'destination.enable', { id, isEnabled: true })).status).toBe(403);
    expect((await sendCommand(anchor, 'permissions.set', { producerCanControlAir: true })).ok).toBe(true);
    expect((await postCommand(hub.url, producerToken, 'destination.enable', { id, isEnabled: true })).status).toBe(200);
    expect(hub.store.current.output.destinations[1]!.isEnabled).toBe(true);
  });

  it('updates keeping or replacing the key, removes, and keeps keys across a restart', async () => {
    const [yt, channels] = hub.store.current.output.destinations;
    const renamed = await sendCommand(anchor, 'destination.update', { id: channels!.id, name: '视频号 直播间' });
    expect(renamed.ok).toBe(true);
    const newKey = `${key}-rotated`;
    expect((await sendCommand(anchor, 'destination.update', { id: yt!.id, key: newKey })).ok).toBe(true);
    const switched = await sendCommand(anchor, 'destination.update', { id: channels!.id, platform: 'bilibili', server: '' });
    expect(switched.ok).toBe(true);
    expect(hub.store.current.output.destinations[1]).toMatchObject({ name: '视频号 直播间', server: 'rtmp://live-push.bilivideo.com/live-bvc', canvas: 'horizontal' });
    expect((await sendCommand(anchor, 'destination.update', { id: 'd-nope', name: 'x' })).ok).toBe(false);
    expect(hub.logLines.join('\n')).not.toContain('rotated');

    await hub.close();
    hub = await startTestHub({ dataDir: dir.path });
    expect(hub.store.current.output.destinations.map((d) => d.name)).toEqual(['YouTube main', '视频号 直播间']);
    // The stored keys still open with this data dir's key file (what the engine will get at go-live).
    const db = openDatabase(dir.path);
    const store = new DestinationStore(db, createFileSecretBox(dir.path));
    expect(store.openKey(yt!.id)).toBe(newKey);
    expect(store.openKey(channels!.id)).toBe(`${key}-2`);
    db.close();

    const removed = await postCommand(hub.url, hub.anchorToken, 'destination.remove', { id: channels!.id });
    expect(removed.status).toBe(200);
    expect(hub.store.current.output.destinations.map((d) => d.id)).toEqual([yt!.id]);
  });
});
