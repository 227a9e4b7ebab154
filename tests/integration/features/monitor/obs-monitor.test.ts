import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObsHealthEvent } from '../../../../electron/features/health/protocol/health-events';
import { SILENCE_WARN_MS } from '../../../../electron/features/monitor/domain/audio-levels';
import type { AudioMetersEvent, MonitorFrameEvent } from '../../../../electron/features/monitor/protocol/monitor-events';
import { rawObs, startTestEngine, StateRecorder, type TestEngine } from '../../../helpers/engine';
import { connectClient, postCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { startNginxRtmp, type NginxRtmpHandle } from '../../../helpers/nginx-rtmp';
import { pictureDistance } from '../../../helpers/picture';
import { waitUntil } from '../../../helpers/wait';
import { OBS_START_MS, QUICK_MS } from '../../../helpers/timeouts';

/** Keeps the last `n` payloads of an event on a socket. */
function recent<T>(socket: ConnectedClient, event: string, n = 50): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, l: (p: T) => void): void }).on(event, (p) => {
    seen.push(p);
    if (seen.length > n) seen.shift();
  });
  return seen;
}

// What the anchor sees and hears, from the real OBS 29 under Xvfb at 640x360: the program picture as OBS renders it,
// a tone's level on the meters, and the warning when the microphone of a live show is silent or muted.
describe('program monitor and audio meters with a real OBS', () => {
  let hub: TestHub;
  let engine: TestEngine;
  let raw: ReturnType<typeof rawObs>;
  let states: StateRecorder;
  let anchor: ConnectedClient;
  let server: NginxRtmpHandle;

  beforeAll(async () => {
    server = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    engine = await startTestEngine(hub);
    raw = rawObs(engine.dataDir);
    anchor = await connectClient(hub.url, hub.anchorToken);
    await states.waitFor((s) => s.obs.status === 'connected' && s.scenes.names.length > 2, OBS_START_MS, 'OBS connected with the show scenes');
  }, 90_000);

  afterAll(async () => {
    anchor?.close();
    states?.close();
    await raw?.close();
    await engine?.cleanup();
    await hub?.stop();
    await server?.stop();
  }, 60_000);

  it("shows OBS's own program picture, and the new scene after a switch", async () => {
    const frames = recent<MonitorFrameEvent>(anchor, 'monitor.frame');
    await sendOk(anchor, 'monitor.watch', { views: ['program'], width: 640, fps: 15 });
    // Two scenes without a moving test pattern: a later screenshot of the same scene is the same picture.
    const target = hub.store.current.scenes.program === 'Flash sale' ? 'Be right back' : 'Flash sale';
    await sendOk(anchor, 'scene.switch', { scene: target });
    const frame = await waitUntil(() => frames.find((f) => f.scene === target), QUICK_MS, `a monitor frame of ${target}`);
    expect(frame.view).toBe('program');
    // The monitor's frame and OBS's own screenshot of the program are the same picture (JPEG noise aside), and the
    // scene before it is a different one.
    const obs = await raw.get();
    const own = (await obs.call('GetSourceScreenshot', { sourceName: target, imageFormat: 'png', imageWidth: 640 })).imageData;
    const other = target === 'Flash sale' ? 'Be right back' : 'Flash sale';
    const otherShot = (await obs.call('GetSourceScreenshot', { sourceName: other, imageFormat: 'png', imageWidth: 640 })).imageData;
    const same = await pictureDistance(frame.image, own);
    const different = await pictureDistance(frame.image, otherShot);
    expect(same).toBeLessThan(8);
    expect(different).toBeGreaterThan(same * 3);
    await sendOk(anchor, 'monitor.watch', { views: [] });
  });

  it('meters a tone, and muting it from the meter takes it to the floor', async () => {
    const obs = await raw.get();
    await obs.call('CreateInput', {
      sceneName: hub.store.current.scenes.program!,
      inputName: 'Test tone',
      inputKind: 'ffmpeg_source',
      inputSettings: { is_local_file: false, input: 'sine=frequency=440:sample_rate=48000', input_format: 'lavfi', looping: true },
    });
    const readings = recent<AudioMetersEvent>(anchor, 'audio.meters');
    await sendOk(anchor, 'meters.watch', {});
    const tone = (r: AudioMetersEvent) => r.levels.find((l) => l.source === 'Test tone');
    // lavfi's sine is at 1/8 of full scale: -18 dBFS peak, about -21 dB RMS. OBS's first reading of a source that has
    // just started can peak at full scale (seen once in a CI run: 0 dBFS); the meter must then settle on the tone.
    const heard = await waitUntil(() => readings.map(tone).find((l) => l && l.levelDb > -30 && l.peakDb > -20 && l.peakDb < -16), QUICK_MS, 'the tone on the meter at its level');
    expect(heard).toMatchObject({ isMuted: false });
    expect(heard.levelDb).toBeLessThan(heard.peakDb);
    await sendOk(anchor, 'audio.mute', { source: 'Test tone', muted: true });
    await waitUntil(() => readings.map(tone).find((l) => l?.isMuted && l.levelDb === -60), QUICK_MS, 'the muted tone at the floor');
    await sendOk(anchor, 'audio.mute', { source: 'Test tone', muted: false });
    await waitUntil(() => readings.slice(-3).map(tone).every((l) => l && !l.isMuted && l.levelDb > -30), QUICK_MS, 'the tone back');
  });

  it('warns while live that the microphone picks nothing up, then that it is muted; off air the warnings go', async () => {
    const obs = await raw.get();
    // A microphone with nothing behind it (no sound server on this machine): silent, as an unplugged one.
    await obs.call('CreateInput', { sceneName: hub.store.current.scenes.program!, inputName: 'Desk mic', inputKind: 'pulse_input_capture', inputSettings: {} });
    await states.waitFor((s) => s.output.engine?.microphones.some((m) => m.name === 'Desk mic') ?? false, QUICK_MS, 'the mic in the list');
    const health = recent<ObsHealthEvent>(anchor, 'obs.health', 5);
    const alerts = () => health.at(-1)?.health?.alerts ?? [];
    const added = await postCommand(hub.url, hub.anchorToken, 'destination.add', { name: 'Local', platform: 'custom', server: server.url('live', 'x').replace(/\/x$/, ''), key: 'mic-watch-key' });
    expect(added.status).toBe(200);
    expect((await postCommand(hub.url, hub.anchorToken, 'output.settings', { isBackupRecording: false })).status).toBe(200);
    const live = await postCommand(hub.url, hub.anchorToken, 'show.goLive', {});
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    const wentLive = Date.now();
    await waitUntil(() => alerts().find((a) => a.code === 'mic-silent' && a.source === 'Desk mic'), SILENCE_WARN_MS + 8000, 'the silent-mic warning');
    // Not before the ten seconds of live time (health reads once a second, so allow that second).
    expect(Date.now() - wentLive).toBeGreaterThanOrEqual(SILENCE_WARN_MS - 1000);
    expect(health.at(-1)!.health!.warnings.join(' ')).toContain('"Desk mic" has picked up nothing');
    await sendOk(anchor, 'audio.mute', { source: 'Desk mic', muted: true });
    await waitUntil(() => alerts().some((a) => a.code === 'mic-muted' && a.source === 'Desk mic'), QUICK_MS, 'the muted-mic warning');
    // A muted microphone is said to be muted, not also silent.
    expect(alerts().filter((a) => a.source === 'Desk mic').map((a) => a.code), JSON.stringify(alerts())).toEqual(['mic-muted']);
    expect((await postCommand(hub.url, hub.anchorToken, 'show.end', {})).status).toBe(200);
    await waitUntil(() => health.at(-1)?.health && !alerts().some((a) => a.code.startsWith('mic-')), QUICK_MS, 'no mic warning off air');
  }, 60_000);
});
