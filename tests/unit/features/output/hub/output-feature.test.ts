import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineOutputState } from '../../../../../electron/features/output/domain/output';
import type { CommandResult, EngineRequest } from '../../../../../electron/core/protocol';
import { connectClient, postCommand, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../../../helpers/hub';
import { waitUntil } from '../../../../helpers/wait';

// The hub's go-live decisions with the engine faked by a socket.io client holding the engine token: what the hub
// asks the engine, and what it makes of the answers. The real engine is exercised in tests/integration/obs-golive.
describe('output feature (hub) with a fake engine', () => {
  let hub: TestHub;
  let engine: ConnectedClient;
  let listener: Server;
  let port: number;
  const requests: EngineRequest[] = [];
  let answer: (request: EngineRequest) => CommandResult = () => ({ ok: true, version: 0 });
  const engineOutput = (mode: EngineOutputState['mode']): EngineOutputState => ({
    mode,
    destinations: [],
    derived: [],
    // The vertical profile the reports below name.
    picture: { width: 1080, height: 1920, fps: 30, bitrateKbps: 6000, x264Preset: 'veryfast' },
    recording: { isActive: false, startedAt: null, lastFile: null, problem: null },
    virtualCam: { isActive: false },
    capabilities: { relay: { isAvailable: true, message: null }, virtualCam: { isAvailable: true, message: null } },
    recordingDir: null,
    microphones: [{ name: 'Mic', isMuted: false }],
  });
  const report = (mode: EngineOutputState['mode']) =>
    sendCommand(engine, 'engine.report', {
      obs: { status: 'connected', message: null, version: '29.0.2', profile: 'vertical' },
      scenes: { names: ['Live'], program: 'Live', preview: null, sources: [{ scene: 'Live', items: [{ name: 'Cam', kind: 'v4l2_input', isVisible: true }] }] },
      output: engineOutput(mode),
    });
  const anchor = (name: string, payload: object = {}) => postCommand(hub.url, hub.anchorToken, name, payload);
  const idOf = (r: { body: CommandResult }) => (r.body as { data: { id: string } }).data.id;

  beforeAll(async () => {
    // A TCP listener stands in for a reachable RTMP server (pre-flight only opens a connection).
    listener = createServer((s) => s.destroy());
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    port = (listener.address() as { port: number }).port;
    hub = await startTestHub();
    engine = await connectClient(hub.url, hub.engineToken, (socket) =>
      socket.on('engine.execute', (request, ack) => {
        requests.push(request);
        ack(answer(request));
      }),
    );
    expect((await report('off')).ok).toBe(true);
  });

  afterAll(async () => {
    engine?.close();
    await hub?.stop();
    // The hub restarted below on the same data dir does not own it: remove it here.
    if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
    listener?.close();
  });

  it('hands the engine the decrypted keys of the enabled destinations, and records nothing when the backup is off', async () => {
    const a = idOf(await anchor('destination.add', { name: 'A', platform: 'kuaishou', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-aaaa-111111' }));
    await anchor('destination.add', { name: 'Off', platform: 'custom', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-off-2222222', isEnabled: false });
    expect((await anchor('output.settings', { isBackupRecording: false })).status).toBe(200);
    const live = await anchor('show.goLive');
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(requests.at(-1)).toEqual({
      name: 'output.start',
      payload: { destinations: [{ id: a, name: 'A', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-aaaa-111111', canvas: 'vertical' }], record: false, recordingName: 'Anchor Studio' },
    });
    expect(hub.store.current.output.show.phase).toBe('live');
    // The vertical studio suits Kuaishou: no canvas warning; the disk check is skipped with the backup off.
    expect(hub.store.current.output.preflight!.items.find((i) => i.check === 'canvas')?.status).toBe('ok');
    expect(hub.store.current.output.preflight!.items.find((i) => i.check === 'disk')?.code).toBe('diskSkipped');
    expect(hub.logLines.join('\n')).not.toContain('key-aaaa-111111');

    const again = await anchor('show.goLive');
    expect(again.status).toBe(422);
    answer = (r) => (r.name === 'output.stop' ? { ok: true, version: 0, data: { recordingFile: null } } : { ok: true, version: 0 });
    expect((await anchor('show.end')).status).toBe(200);
    expect(hub.store.current.output.show).toMatchObject({ phase: 'off-air', backupFile: null, lastError: null });
    // Ended keeps the on-air window for the report: it went live when the output said so and ended when it stopped.
    const endedLive = hub.store.current.live;
    expect(endedLive).toEqual({ isLive: false, startedAt: expect.any(Number), endedAt: hub.store.current.output.show.endedAt });
    expect(endedLive.endedAt!).toBeGreaterThanOrEqual(endedLive.startedAt!);
    expect((await anchor('show.end')).status).toBe(200); // ending twice is harmless
    expect(hub.store.current.live).toEqual(endedLive);
  });

  it('a direct show refuses a second destination live; a relay show passes the new set to the engine', async () => {
    const [a, off] = hub.store.current.output.destinations;
    await report('direct');
    expect((await anchor('show.goLive')).status).toBe(200);
    const refused = await anchor('destination.enable', { id: off!.id, isEnabled: true });
    expect(refused.status).toBe(422);
    expect(!refused.body.ok && refused.body.error.message).toContain('would restart the stream');
    const last = await anchor('destination.enable', { id: a!.id, isEnabled: false });
    expect(!last.body.ok && last.body.error.message).toContain('End show');
    const edit = await anchor('destination.update', { id: a!.id, name: 'A2' });
    expect(!edit.body.ok && edit.body.error.message).toContain('streaming now');
    await anchor('show.end');

    await anchor('destination.enable', { id: off!.id, isEnabled: true });
    await report('relay');
    expect((await anchor('show.goLive')).status).toBe(200);
    expect((requests.at(-1)!.payload as { destinations: unknown[] }).destinations).toHaveLength(2);
    expect((await anchor('destination.enable', { id: off!.id, isEnabled: false })).status).toBe(200);
    expect(requests.at(-1)).toMatchObject({ name: 'output.update', payload: { destinations: [{ id: a!.id }] } });
    expect(hub.store.current.output.destinations.find((d) => d.id === off!.id)!.isEnabled).toBe(false);
    expect((await anchor('destination.reconnect', { id: a!.id })).status).toBe(200);
    expect(requests.at(-1)).toEqual({ name: 'output.reconnect', payload: { id: a!.id } });
    await anchor('show.end');
  });

  it('an engine that cannot start leaves the show off air with its reason', async () => {
    answer = (r) => (r.name === 'output.start' ? { ok: false, error: { code: 'rejected', message: 'A: OBS could not connect to 127.0.0.1.' } } : { ok: true, version: 0 });
    const live = await anchor('show.goLive');
    expect(live.status).toBe(422);
    expect(hub.store.current.output.show).toMatchObject({ phase: 'off-air', lastError: 'A: OBS could not connect to 127.0.0.1.' });
    expect(hub.store.current.live.isLive).toBe(false);
  });

  /** Connects another fake engine, as a restarted engine process does; resolves once the hub's reconcile was answered. */
  const reconnectEngine = async (target: TestHub = hub): Promise<EngineRequest> => {
    engine.close();
    const reconciled = new Promise<EngineRequest>((resolve) => {
      const answerOnce = (request: EngineRequest, ack: (r: CommandResult) => void) => {
        requests.push(request);
        ack(answer(request));
        if (request.name === 'output.reconcile') resolve(request);
      };
      void connectClient(target.url, target.engineToken, (socket) => socket.on('engine.execute', answerOnce)).then((s) => (engine = s));
    });
    return reconciled;
  };

  it('the engine vanishing mid-show: the hub says the engine is restarting; the new engine is told the live show and keeps it', async () => {
    answer = () => ({ ok: true, version: 0 });
    const a = hub.store.current.output.destinations.find((d) => d.name === 'A')!;
    const other = hub.store.current.output.destinations.find((d) => d.name === 'Off')!;
    await anchor('destination.enable', { id: other.id, isEnabled: false });
    await anchor('destination.enable', { id: a.id, isEnabled: true });
    await report('direct');
    expect((await anchor('show.goLive')).status).toBe(200);
    const onAir = hub.store.current.output.show.onAir!;
    expect(onAir.destinationIds).toEqual([a.id]);

    const reconciled = reconnectEngine();
    await waitUntil(() => hub.store.current.obs.status === 'engine-restarting', 5000, 'engine-restarting');
    expect(hub.store.current.obs.message).toContain('OBS keeps running');
    expect(await reconciled).toEqual({
      name: 'output.reconcile',
      payload: { live: { destinations: [{ id: a.id, name: 'A', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-aaaa-111111', canvas: 'vertical' }], record: false, recordingName: 'Anchor Studio' } },
    });
    expect(hub.store.current.output.show).toMatchObject({ phase: 'live', onAir });
  });

  it('a hub restarted mid-show comes back live from its data and reconciles the engine still sending', async () => {
    expect(hub.store.current.output.show.phase).toBe('live');
    const onAir = hub.store.current.output.show.onAir!;
    engine.close();
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, port: Number(new URL(hub.url).port) });
    expect(hub.store.current.output.show).toMatchObject({ phase: 'live', onAir });
    expect(hub.store.current.live).toEqual({ isLive: true, startedAt: onAir.startedAt, endedAt: null });
    const reconciled = await reconnectEngine();
    expect((reconciled.payload as { live: { destinations: Array<{ id: string }> } }).live.destinations.map((d) => d.id)).toEqual(onAir.destinationIds);
  });

  it('an engine that cannot continue the live show ends it with the reason; off air, a new engine is told to stop what still sends', async () => {
    answer = (r) => (r.name === 'output.reconcile' ? { ok: false, error: { code: 'rejected', message: 'OBS could not stream to A.' } } : { ok: true, version: 0 });
    await reconnectEngine();
    await waitUntil(() => hub.store.current.output.show.phase === 'off-air', 5000, 'the show ended');
    expect(hub.store.current.output.show).toMatchObject({ onAir: null, lastError: 'The show could not continue after the video engine restarted: OBS could not stream to A.' });
    expect(hub.store.current.live.isLive).toBe(false);

    answer = () => ({ ok: true, version: 0 });
    expect(await reconnectEngine()).toEqual({ name: 'output.reconcile', payload: { live: null } });
  });
});
