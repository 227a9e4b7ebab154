import { afterEach, describe, expect, it } from 'vitest';
import { NotConnectedError } from '../../../../../electron/core/engine/obs-session';
import { explainFailure } from '../../../../../electron/core/engine/engine-errors';
import { HealthService } from '../../../../../electron/features/health/engine/health-service';
import { ObsOutputs } from '../../../../../electron/features/output/engine/obs-outputs';
import { OutputManager } from '../../../../../electron/features/output/engine/output-manager';
import { PROFILES } from '../../../../../electron/core/engine/obs-config';
import type { PlanDestination } from '../../../../../electron/features/output/protocol/output-commands';
import { FakeObs } from '../../../../helpers/fake-obs';
import { fakeSession, settle, type FakeSession } from '../../../../helpers/fake-session';
import { waitUntil } from '../../../../helpers/wait';

// OBS's outputs, the show's outputs and the health readings on an in-memory OBS (unit tests of these modules; the
// integration tests go live to nginx-rtmp with a real OBS through the built engine).

const A: PlanDestination = { id: 'a', name: 'Douyin', server: 'rtmp://127.0.0.1:1935/live', key: 'key-aaaa-123456', canvas: null };

describe('ObsOutputs and OutputManager (fake OBS)', () => {
  let session: FakeSession;
  let obs: FakeObs;
  let outputs: ObsOutputs;
  let manager: OutputManager;

  async function start(prepare: (fake: FakeObs) => void = () => {}) {
    obs = new FakeObs();
    obs.addScene('Opening');
    prepare(obs);
    session = await fakeSession(obs);
    outputs = new ObsOutputs(session, '/tmp/recordings');
    manager = new OutputManager(
      { session, obs: outputs, whenConnected: async () => session.requireConnected(), obsLogTail: () => '', studioPicture: () => PROFILES.test },
      // No ffmpeg on this "computer": several destinations are refused (the relay runs for real in the integration tests).
      { ffmpegLookup: { exists: () => false } },
    );
  }

  afterEach(async () => {
    await manager?.close();
    await session?.close();
  });

  it('goes live to one destination through OBS and records, remembering both for a relaunch; ending forgets the key', async () => {
    await start();
    await manager.start([A], true, 'Tea night');
    expect(obs.isStreaming).toBe(true);
    expect(obs.isRecording).toBe(true);
    // Split by time and named after the show, set in OBS's profile before the recording starts.
    expect(obs.profileAtRecordStart).toEqual({
      'AdvOut.RecSplitFile': 'true',
      'AdvOut.RecSplitFileType': 'Time',
      'AdvOut.RecSplitFileTime': '30',
      'Output.FilenameFormatting': 'Tea night %CCYY-%MM-%DD %hh-%mm-%ss',
    });
    expect(obs.streamService).toMatchObject({ server: A.server, key: A.key });
    expect(session.desired.value).toMatchObject({ stream: { isLive: true, target: { server: A.server } }, isRecording: true });
    expect(manager.snapshot).toMatchObject({ mode: 'direct', destinations: [{ id: 'a', status: 'live' }], recording: { isActive: true } });

    expect(await manager.stop()).toEqual({ recordingFile: '/tmp/show.mkv' });
    expect(obs.isStreaming).toBe(false);
    expect(obs.streamService).toMatchObject({ server: '', key: '' });
    expect(session.desired.value.stream).toEqual({ target: null, isLive: false });
    expect(manager.snapshot.mode).toBe('off');
  });

  it('a relaunched OBS goes live and records again by itself, unless OBS gave up on the stream', async () => {
    await start();
    await outputs.startStream({ server: A.server, key: A.key });
    await outputs.startRecording();
    obs.isStreaming = false;
    obs.isRecording = false;
    await outputs.restore();
    expect(obs.isStreaming).toBe(true);
    expect(obs.isRecording).toBe(true);

    // OBS stopped the stream on its own (MaxRetries): a later relaunch must not go live again.
    await session.client.call('StopStream');
    await settle();
    expect(session.desired.value.stream.isLive).toBe(false);
    await outputs.restore();
    expect(obs.isStreaming).toBe(false);
  });

  it('reconcile, new engine on a live OBS: keeps the stream OBS is still sending and adopts the running recording', async () => {
    await start((fake) => {
      fake.isStreaming = true;
      fake.isRecording = true;
    });
    const before = obs.requestTypes.length;
    await manager.reconcile({ destinations: [A], record: true });
    expect(obs.requestTypes.slice(before)).not.toContain('StartStream');
    expect(obs.requestTypes.slice(before)).not.toContain('StopStream');
    expect(manager.snapshot).toMatchObject({ mode: 'direct', destinations: [{ id: 'a', status: 'live' }], recording: { isActive: true } });
    expect(manager.snapshot.recording.startedAt).toBeLessThanOrEqual(Date.now() - 5000);
  });

  it('reconcile, live but OBS is not sending (it was relaunched): goes live again', async () => {
    await start();
    await manager.reconcile({ destinations: [A], record: false });
    expect(obs.isStreaming).toBe(true);
    expect(manager.snapshot.mode).toBe('direct');
  });

  it('reconcile, off air: stops what a crashed engine left sending, and forgets it before OBS could relaunch it', async () => {
    await start((fake) => {
      fake.isStreaming = true;
    });
    session.desired.update((d) => (d.stream = { target: { server: A.server, key: A.key }, isLive: true }));
    await manager.reconcile(null);
    expect(obs.isStreaming).toBe(false);
    expect(session.desired.value.stream).toEqual({ target: null, isLive: false });
  });

  it('reconcile, off air with nothing to stop: asks OBS nothing', async () => {
    await start();
    const before = obs.requestTypes.length;
    await manager.reconcile(null);
    expect(obs.requestTypes.length).toBe(before);
  });

  it("lists the microphones for the pre-flight, never the studio's own device probe (a bug: it flashed in the zh-CN window)", async () => {
    await start((fake) => fake.addScene('Mics', ['Mic/Aux', 'Anchor Studio device probe (microphones)'], 'pulse_input_capture'));
    manager.onConnected();
    await waitUntil(() => manager.snapshot.microphones.length > 0, 2000, 'the microphone list');
    expect(manager.snapshot.microphones).toEqual([{ name: 'Mic/Aux', isMuted: false }]);
  });

  it('several destinations need ffmpeg: without it the refusal says what to do, and nothing starts', async () => {
    await start();
    await expect(manager.start([A, { ...A, id: 'b', name: 'Kuaishou' }], false)).rejects.toThrow(/needs ffmpeg: ffmpeg is missing from this installation\. Reinstall Anchor Studio/);
    expect(manager.snapshot.capabilities.relay).toMatchObject({ isAvailable: false, message: expect.stringContaining('Reinstall') });
    expect(obs.isStreaming).toBe(false);
    expect(manager.snapshot.mode).toBe('off');
  });

  it("the engine's refusals carry a key the window says in its language, through to the protocol answer", async () => {
    await start();
    await expect(manager.start([A, { ...A, id: 'b', name: 'Kuaishou' }], false)).rejects.toMatchObject({ refusal: { key: 'ffmpegMissing' } });
    await manager.start([A], false);
    const twice = await manager.start([A], false).catch((err: unknown) => err);
    expect(twice).toMatchObject({ refusal: { key: 'alreadyLive' } });
    expect(explainFailure('show.goLive', twice)).toMatchObject({ ok: false, error: { code: 'rejected', refusal: { key: 'alreadyLive' } } });
    await expect(manager.update([A])).rejects.toMatchObject({ refusal: { key: 'relayOnlyLive' } });
  });

  it('refuses to go live while OBS is away', async () => {
    await start();
    session.setRunning(false);
    await expect(outputs.startStream({ server: A.server, key: A.key })).rejects.toBeInstanceOf(NotConnectedError);
  });
});

describe('HealthService (fake OBS)', () => {
  let session: FakeSession;
  afterEach(async () => session?.close());

  it('reads OBS once per interval while connected, and says null when OBS goes away', async () => {
    session = await fakeSession();
    const health = new HealthService(session, () => 30, undefined, 20);
    const readings: Array<number | null> = [];
    const twoReadings = new Promise<void>((resolve) =>
      health.onChange((h) => {
        readings.push(h ? h.fps : null);
        if (readings.length === 2) resolve();
      }),
    );
    health.onConnected();
    await twoReadings;
    expect(readings).toEqual([30, 30]);
    expect(health.latest).toMatchObject({ fps: 30, cpuPercent: 12, isStreaming: false, alerts: [] });
    health.onDisconnected();
    expect(health.latest).toBeNull();
    expect(readings.at(-1)).toBeNull();
    health.stop();
  });
});
