import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../../../electron/core/engine/obs-process';
import { postCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { rawObs, startTestEngine, StateRecorder, type TestEngine } from '../../../helpers/engine';
import { ffprobeStreams, startNginxRtmp, type NginxRtmpHandle } from '../../../helpers/nginx-rtmp';

// A crash of OBS while live: the engine relaunches OBS and goes live again to the same destination (real OBS 29 +
// nginx-rtmp), without the hub being asked anything.
describe('OBS engine: going live again after OBS crashed', () => {
  let hub: TestHub;
  let nginx: NginxRtmpHandle;
  let states: StateRecorder;
  let testEngine: TestEngine;
  let raw: ReturnType<typeof rawObs>;
  const key = 'stream-key-abcdef123456';
  const anchor = (name: string, payload: object = {}) => postCommand(hub.url, hub.anchorToken, name, payload);

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    testEngine = await startTestEngine(hub);
    raw = rawObs(testEngine.dataDir);
    await states.waitFor((s) => s.obs.status === 'connected', 60_000, 'OBS connected');
  }, 90_000);

  afterAll(async () => {
    states?.close();
    await raw?.close();
    await testEngine?.cleanup();
    await hub?.stop();
    await nginx?.stop();
  }, 30_000);

  it('goes live, and after kill -9 of OBS the relaunched OBS streams there again; ending the show stops it for good', async () => {
    const server = nginx.url('live', key).replace(`/${key}`, '');
    expect((await anchor('destination.add', { name: 'Local', platform: 'custom', server, key })).status).toBe(200);
    expect((await anchor('output.settings', { isBackupRecording: false })).status).toBe(200);
    const live = await anchor('show.goLive');
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    const probed = await ffprobeStreams(nginx.url('live', key), 15_000);
    expect(probed.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });

    const before = readSession(testEngine.dataDir)!;
    const mark = hub.store.current.version;
    process.kill(before.pid, 'SIGKILL');
    await states.waitFor((s) => s.obs.status === 'reconnecting' && s.version > mark, 10_000, 'outage');
    await states.waitFor((s) => s.obs.status === 'connected' && s.version > mark, 20_000, 'recovered');
    expect(readSession(testEngine.dataDir)!.pid).not.toBe(before.pid);
    expect((await (await raw.get()).call('GetStreamStatus')).outputActive).toBe(true);
    const again = await ffprobeStreams(nginx.url('live', key), 15_000);
    expect(again.some((s) => s.codec_type === 'video')).toBe(true);
    expect(hub.store.current.output.show.phase).toBe('live');

    // The stream key is a secret: not in the engine's log nor in anything the hub broadcast.
    expect(testEngine.logLines.join('\n')).not.toContain(key);
    expect(JSON.stringify(states.history)).not.toContain(key);

    expect((await anchor('show.end')).status).toBe(200);
    expect((await (await raw.get()).call('GetStreamStatus')).outputActive).toBe(false);
    expect(testEngine.desired().stream.isLive).toBe(false);
    expect(readFileSync(join(testEngine.dataDir, 'engine-desired.json'), 'utf8')).toContain('"isLive":false');
  }, 90_000);
});
