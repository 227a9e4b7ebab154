import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_SIMULATION } from '../../../../electron/features/sales/domain/order-simulation';
import type { StudioState } from '../../../../electron/core/domain/studio-state';
import type { CommandResult } from '../../../../electron/core/protocol';
import { ORDER_SIMULATOR_EVENT, type OrderSimulatorStatus } from '../../../../electron/features/sales/protocol/sales-events';
import { childCommandLines, rawObs, startTestEngine, StateRecorder, type TestEngine } from '../../../helpers/engine';
import { waitUntil } from '../../../helpers/wait';
import { connectClient, onEveryState, postCommand, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { freePort } from '../../../helpers/free-port';
import { getTallies, waitForTallies } from '../../../helpers/orders';
import { product, productCue } from '../../../helpers/rundown';
import { ffprobeStreams, readStream, startNginxRtmp, videoPacketTimes, type NginxRtmpHandle } from '../../../helpers/nginx-rtmp';
import { makeTempDir } from '../../../helpers/temp-dir';
import { pathWithout } from '../../../helpers/path-without';

// Going live for real: OBS 29 under Xvfb at 640x360, nginx-rtmp servers on loopback as the platforms (started here by
// full path), ffprobe as the viewer. The engine runs with a PATH that has no nginx and no ffmpeg: several destinations
// go through the studio's own relay and the ffmpeg it carries, as on a PC with only the studio and OBS. One OBS serves
// every case (each case ends its show). Distinctive keys are planted and looked for in everything the studio said
// (logs, API answers, socket payloads) at the end.
describe('going live: one destination, several through the relay, backup recording', () => {
  let hub: TestHub;
  let testEngine: TestEngine;
  let raw: ReturnType<typeof rawObs>;
  let states: StateRecorder;
  let anchor: ConnectedClient;
  let producer: ConnectedClient;
  let serverA: NginxRtmpHandle;
  let serverB: NginxRtmpHandle;
  const scratch = makeTempDir('anchor-golive-');
  const bareComputer = pathWithout(['ffmpeg', 'ffprobe', 'nginx']);
  const keyA = 'KEYA-planted-2c9d71e0f4-live';
  const keyB = 'KEYB-planted-8a61b3ce55-live';
  const keyC = 'KEYC-planted-0f1e2d3c4b-live';
  /** Everything the studio said to clients, for the secrecy check. */
  const said: string[] = [];
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  let simulator: OrderSimulatorStatus | null = null;

  const command = async (name: string, payload: object = {}): Promise<{ status: number; body: CommandResult }> => {
    const answer = await postCommand(hub.url, hub.anchorToken, name, payload);
    said.push(JSON.stringify(answer.body));
    return answer;
  };
  const viaSocket = async (name: string, payload: object = {}): Promise<CommandResult> => {
    const answer = await sendCommand(anchor, name, payload);
    said.push(JSON.stringify(answer));
    return answer;
  };
  const health = (s: StudioState, id: string) => s.output.engine?.destinations.find((d) => d.id === id);

  beforeAll(async () => {
    serverA = await startNginxRtmp();
    serverB = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    testEngine = await startTestEngine(hub, {
      output: { fanout: { initialBackoffMs: 300, maxBackoffMs: 1000 } },
      processEnv: { ...process.env, PATH: bareComputer.PATH },
    });
    raw = rawObs(testEngine.dataDir);
    anchor = await connectClient(hub.url, hub.anchorToken);
    producer = await connectClient(hub.url, hub.tokens.issue({ id: 'p', role: 'producer', name: 'Producer' }));
    for (const socket of [anchor, producer]) onEveryState(socket, (s) => said.push(JSON.stringify(s)));
    anchor.on(ORDER_SIMULATOR_EVENT as never, (s: OrderSimulatorStatus) => void (simulator = s));
    await states.waitFor((s) => s.obs.status === 'connected' && s.output.engine !== null, 60_000, 'OBS connected');
    ids.a = ((await command('destination.add', { name: 'Server A', platform: 'custom', server: serverA.url('live', 'x').replace(/\/x$/, ''), key: keyA })).body as { data: { id: string } }).data.id;
  }, 90_000);

  afterAll(async () => {
    anchor?.close();
    producer?.close();
    states?.close();
    await raw?.close();
    await testEngine?.cleanup();
    await hub?.stop();
    await serverA?.stop();
    await serverB?.stop();
    scratch.remove();
  }, 60_000);

  it('one destination: OBS streams H.264 + AAC at the canvas size, the timer runs, the backup is readable after the show', async () => {
    const preflight = await command('output.preflight');
    expect(preflight.status).toBe(200);
    const report = hub.store.current.output.preflight!;
    expect(report.canGoLive).toBe(true);
    expect(report.items.find((i) => i.check === `reach:${ids.a}`)?.status).toBe('ok');

    // A rehearsal ran before the show: going live stops the order simulator and its orders stop counting.
    await command('catalog.upsert', { products: [product('TEA-1')] });
    await command('cue.add', { cue: productCue('c-tea', 'TEA-1') });
    expect((await command('sales.simulator.start', { ...DEFAULT_ORDER_SIMULATION, ordersPerMinute: 3_000 })).status).toBe(200);
    await waitForTallies(hub.url, hub.anchorToken, (t) => t.rehearsal.orders > 0, 'rehearsal orders counted');

    const live = await command('show.goLive');
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(simulator).toEqual({ settings: null });
    expect((await getTallies(hub.url, hub.anchorToken)).rehearsal).toEqual({ orders: 0, clearedAt: expect.any(Number) });
    const again = await command('sales.simulator.start', DEFAULT_ORDER_SIMULATION);
    expect(again.body).toMatchObject({ ok: false, error: { message: expect.stringContaining('The show is live') } });
    const state = hub.store.current;
    expect(state.live.isLive).toBe(true);
    expect(state.live.startedAt).toEqual(expect.any(Number));
    expect(state.output.show.phase).toBe('live');
    expect(state.output.engine).toMatchObject({ mode: 'direct', recording: { isActive: true } });

    const streams = await ffprobeStreams(serverA.url('live', keyA), 15_000);
    expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    await states.waitFor((s) => (health(s, ids.a)?.bitrateKbps ?? 0) > 0 && health(s, ids.a)?.status === 'live', 10_000, 'bitrate measured');
    // "Reconnect now" on a direct stream: OBS reconnects and the destination is live again.
    const reconnect = await command('destination.reconnect', { id: ids.a });
    expect(reconnect.status, JSON.stringify(reconnect.body)).toBe(200);
    expect(health(hub.store.current, ids.a)?.status).toBe('live');
    expect((await ffprobeStreams(serverA.url('live', keyA), 15_000)).some((s) => s.codec_type === 'video')).toBe(true);

    const end = await command('show.end');
    expect(end.status).toBe(200);
    const after = hub.store.current;
    expect(after.live).toMatchObject({ isLive: false, endedAt: after.output.show.endedAt });
    expect(after.output.show.phase).toBe('off-air');
    const file = after.output.show.backupFile!;
    expect(file.startsWith(join(testEngine.dataDir, 'recordings'))).toBe(true);
    expect(existsSync(file)).toBe(true);
    const recorded = await ffprobeStreams(file, 10_000);
    expect(recorded.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(recorded.some((s) => s.codec_type === 'audio')).toBe(true);
    // After the show the key is gone from OBS's plain-text profile and from the engine's restore file.
    const service = readFileSync(join(testEngine.dataDir, 'obs-config/obs-studio/basic/profiles/AnchorTest/service.json'), 'utf8');
    expect(service).not.toContain(keyA);
    expect(readFileSync(join(testEngine.dataDir, 'engine-desired.json'), 'utf8')).not.toContain(keyA);
  }, 90_000);

  it('an unreachable only destination is refused at go-live with a clear reason, and nothing starts', async () => {
    const closedPort = await freePort();
    ids.c = ((await command('destination.add', { name: 'Server C', platform: 'custom', server: `rtmp://127.0.0.1:${closedPort}/live`, key: keyC })).body as {
      data: { id: string };
    }).data.id;
    expect((await command('destination.enable', { id: ids.a, isEnabled: false })).status).toBe(200);
    const refused = await command('show.goLive');
    expect(refused.status).toBe(422);
    expect(!refused.body.ok && refused.body.error.message).toContain(`127.0.0.1:${closedPort} refused the connection`);
    const state = hub.store.current;
    expect(state.output.show.phase).toBe('off-air');
    expect(state.live.isLive).toBe(false);
    expect(state.output.preflight?.items.find((i) => i.check === `reach:${ids.c}`)).toMatchObject({ status: 'fail', code: 'unreachable' });
    expect(state.obs.status).toBe('connected');
    expect((await (await raw.get()).call('GetStreamStatus')).outputActive).toBe(false);
    // A malformed server never gets stored in the first place.
    const malformed = await command('destination.add', { name: 'Typo', platform: 'custom', server: 'rtmp//127.0.0.1/live', key: 'abcdefgh' });
    expect(malformed.status).toBe(422);
    expect(!malformed.body.ok && malformed.body.error.message).toContain('rtmp://');
  }, 60_000);

  it('several destinations: each receives; one server dies without a gap on the other, shows reconnecting, and recovers', async () => {
    ids.b = ((await command('destination.add', { name: 'Server B', platform: 'custom', server: serverB.url('live', 'x').replace(/\/x$/, ''), key: keyB })).body as {
      data: { id: string };
    }).data.id;
    expect((await viaSocket('destination.enable', { id: ids.a, isEnabled: true })).ok).toBe(true);
    // C stays enabled and unreachable: the show goes live with A and B, C keeps retrying on its own.
    const live = await viaSocket('show.goLive');
    expect(live.ok, JSON.stringify(live)).toBe(true);
    expect(hub.store.current.output.preflight?.items.find((i) => i.check === `reach:${ids.c}`)?.status).toBe('warn');
    await states.waitFor(
      (s) => s.output.engine?.mode === 'relay' && health(s, ids.a)?.status === 'live' && health(s, ids.b)?.status === 'live',
      20_000,
      'A and B live through the relay',
    );
    // No nginx and no ffmpeg on the engine's PATH: the relay is the studio's own, the ffmpeg the one it carries.
    expect(hub.store.current.output.engine?.capabilities.relay).toEqual({ isAvailable: true, message: null, ffmpeg: 'bundled' });
    expect(hub.store.current.output.preflight?.items.find((i) => i.check === 'relay')).toMatchObject({ status: 'ok', code: 'relayBundled' });
    const helpers = childCommandLines(testEngine.process.pid!).filter((line) => /ffmpeg|nginx/.test(line));
    expect(helpers.length).toBeGreaterThanOrEqual(2);
    for (const line of helpers) expect(line.split('\0')[0]).toMatch(/node_modules\/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
    const c = await states.waitFor((s) => health(s, ids.c)?.lastError != null, 10_000, 'C failing');
    expect(['connecting', 'reconnecting']).toContain(health(c, ids.c)!.status);
    expect(health(c, ids.c)!.lastError).toMatchObject({ code: 'refused' });
    for (const [server, key] of [[serverA, keyA], [serverB, keyB]] as const) {
      const streams = await ffprobeStreams(server.url('live', key), 15_000);
      expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
      expect(streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(true);
    }

    // A destination added during the show waits, disabled, until someone enables it.
    const late = await command('destination.add', { name: 'Late', platform: 'youtube', server: '', key: 'late-key-123456' });
    expect(late.body).toMatchObject({ ok: true, data: { destination: { isEnabled: false } } });
    expect((await command('destination.remove', { id: (late.body as { data: { id: string } }).data.id })).status).toBe(200);

    // A viewer on A keeps reading while B's server is killed and brought back.
    const readerFile = join(scratch.path, 'viewer-a.ts');
    const viewer = readStream(serverA.url('live', keyA), readerFile);
    await waitUntil(() => viewer.outTimeUs() > 1_000_000, 15_000, 'viewer reading A');
    const portB = serverB.port;
    await serverB.stop();
    const atKill = viewer.outTimeUs();
    const dropped = await states.waitFor((s) => health(s, ids.b)?.status === 'reconnecting', 15_000, 'B reconnecting');
    expect(health(dropped, ids.b)!.lastError?.code).toMatch(/closed|refused/);
    expect(health(dropped, ids.a)!.status).toBe('live');
    serverB = await startNginxRtmp({ port: portB });
    await states.waitFor((s) => health(s, ids.b)?.status === 'live', 20_000, 'B live again by itself');
    await waitUntil(() => viewer.outTimeUs() > atKill + 3_000_000, 15_000, 'viewer still reading after the kill');
    expect(viewer.isRunning()).toBe(true);
    expect(health(hub.store.current, ids.a)!.status).toBe('live');
    await viewer.stop();
    const times = await videoPacketTimes(readerFile);
    expect(times.length).toBeGreaterThan(60);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThan(0.5);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThan(atKill / 1e6 + 2);

    // "Reconnect now" on B alone, and taking C off the air, leave A untouched.
    const reconnect = await viaSocket('destination.reconnect', { id: ids.b });
    expect(reconnect.ok, JSON.stringify(reconnect)).toBe(true);
    await states.waitFor((s) => health(s, ids.b)?.status === 'live', 20_000, 'B live after reconnect now');
    expect((await viaSocket('destination.enable', { id: ids.c, isEnabled: false })).ok).toBe(true);
    expect(health(hub.store.current, ids.c)).toBeUndefined();
    expect(health(hub.store.current, ids.a)!.status).toBe('live');
    const notLive = await viaSocket('destination.reconnect', { id: ids.c });
    expect(!notLive.ok && notLive.error.message).toContain('not on air');

    const end = await viaSocket('show.end');
    expect(end.ok).toBe(true);
    const file = hub.store.current.output.show.backupFile!;
    expect((await ffprobeStreams(file, 10_000)).some((s) => s.codec_type === 'video' && s.codec_name === 'h264')).toBe(true);
    expect(hub.store.current.output.engine?.mode).toBe('off');
  }, 150_000);

  it('virtual camera: starts where the driver exists, and says how to get it where Linux lacks v4l2loopback', async () => {
    const started = await command('virtualcam.start');
    if (existsSync('/sys/module/v4l2loopback')) {
      expect(started.status).toBe(200);
      await states.waitFor((s) => s.output.engine?.virtualCam.isActive === true, 10_000, 'virtual camera on');
      expect((await command('virtualcam.stop')).status).toBe(200);
    } else {
      expect(started.status).toBe(422);
      expect(!started.body.ok && started.body.error.message).toMatch(/v4l2loopback.*sudo apt install v4l2loopback-dkms.*modprobe v4l2loopback/);
      expect(hub.store.current.output.engine?.capabilities.virtualCam).toMatchObject({ isAvailable: false, message: expect.stringContaining('v4l2loopback') });
      // OBS agrees: asked directly it answers 604 (the engine maps that to the same sentence).
      await expect((await raw.get()).call('StartVirtualCam')).rejects.toMatchObject({ code: 604 });
      expect(hub.store.current.output.engine?.virtualCam.isActive).toBe(false);
    }
  });

  it('never lets a stream key out: logs, API answers, state over HTTP and socket.io', async () => {
    for (const token of [hub.anchorToken]) {
      said.push(await (await fetch(`${hub.url}/api/v1/state`, { headers: { Authorization: `Bearer ${token}` } })).text());
    }
    const everything = [...said, ...hub.logLines, ...testEngine.logLines, JSON.stringify(states.history)].join('\n');
    // The capture is real: it holds the destinations and the show.
    expect(everything).toContain('Server B');
    expect(everything).toContain('"phase":"live"');
    for (const key of [keyA, keyB, keyC]) expect(everything).not.toContain(key);
    // Nor a recognisable part of one.
    expect(everything).not.toContain('planted-2c9d71e0f4');
  });
});
