import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../electron/engine/obs-process';
import { startTestHub, type TestHub } from '../helpers/hub';
import { startTestEngine, StateRecorder, type TestEngine } from '../helpers/engine';
import { ffprobeStreams, startNginxRtmp, type NginxRtmpHandle } from '../helpers/nginx-rtmp';

// A crash while live: the engine relaunches OBS and goes live again to the same destination (real OBS 29 + nginx-rtmp).
describe('OBS engine: going live again after a crash', () => {
  let hub: TestHub;
  let nginx: NginxRtmpHandle;
  let states: StateRecorder;
  let testEngine: TestEngine;
  const key = 'stream-key-abcdef123456';

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    testEngine = startTestEngine(hub, { relaunchInitialMs: 300 });
    await states.waitFor((s) => s.obs.status === 'connected', 60_000, 'OBS connected');
  }, 90_000);

  afterAll(async () => {
    states?.close();
    await testEngine?.cleanup();
    await hub?.stop();
    await nginx?.stop();
  }, 30_000);

  it('streams to the relay, and after kill -9 the relaunched OBS streams there again', async () => {
    const supervisor = testEngine.engine.supervisor;
    const server = nginx.url('live', key).replace(`/${key}`, '');
    await supervisor.startStream({ server, key });
    const probed = await ffprobeStreams(nginx.url('live', key), 15_000);
    expect(probed.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });

    const before = readSession(testEngine.dataDir)!;
    const mark = hub.store.current.version;
    process.kill(before.pid, 'SIGKILL');
    await states.waitFor((s) => s.obs.status === 'connected' && s.version > mark + 1, 20_000, 'recovered');
    expect(readSession(testEngine.dataDir)!.pid).not.toBe(before.pid);
    expect((await supervisor.client.call('GetStreamStatus')).outputActive).toBe(true);
    const again = await ffprobeStreams(nginx.url('live', key), 15_000);
    expect(again.some((s) => s.codec_type === 'video')).toBe(true);

    // The stream key is a secret: not in the engine's log nor in anything the hub broadcast.
    expect(testEngine.logLines.join('\n')).not.toContain(key);
    expect(JSON.stringify(states.history)).not.toContain(key);

    await supervisor.stopStream();
    expect((await supervisor.client.call('GetStreamStatus')).outputActive).toBe(false);
    expect(supervisor.desiredState.stream.isLive).toBe(false);
    expect(readFileSync(join(testEngine.dataDir, 'engine-desired.json'), 'utf8')).toContain('"isLive":false');
  }, 90_000);
});
