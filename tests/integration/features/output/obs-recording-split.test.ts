import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, StateRecorder, type TestEngine } from '../../../helpers/engine';
import { postCommand, startTestHub, type TestHub } from '../../../helpers/hub';
import { ffprobeStreams, startNginxRtmp, videoPacketTimes, type NginxRtmpHandle } from '../../../helpers/nginx-rtmp';
import { waitUntil } from '../../../helpers/wait';

/** One split at one minute, then a few seconds into the second file. */
const SPLIT_MINUTES = 1;
/** The first file closes at the minute; OBS under load at 640x360 may be a few seconds late. */
const SECOND_FILE_MS = SPLIT_MINUTES * 60_000 + 30_000;

// A seven-hour show is never one fragile file: OBS 29 itself splits the backup recording by time (set in its profile
// over the websocket as the recording starts), each file named after the show and the time it began, each playable.
describe('the backup recording, split by time and named after the show (real OBS, nginx-rtmp)', () => {
  let hub: TestHub;
  let engine: TestEngine;
  let states: StateRecorder;
  let server: NginxRtmpHandle;
  const command = async (name: string, payload: object = {}) => {
    const answer = await postCommand(hub.url, hub.anchorToken, name, payload);
    expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as { data?: unknown };
  };
  const recordings = () => readdirSync(join(engine.dataDir, 'recordings')).filter((f) => f.endsWith('.mkv')).sort();

  beforeAll(async () => {
    server = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    engine = await startTestEngine(hub, { output: { recordingSplitMinutes: SPLIT_MINUTES } });
    await states.waitFor((s) => s.obs.status === 'connected' && s.output.engine !== null, 60_000, 'OBS connected');
  }, 90_000);

  afterAll(async () => {
    states?.close();
    await engine?.cleanup();
    await hub?.stop();
    await server?.stop();
  }, 60_000);

  it('writes a new playable file every minute, each named after the show and its start time', async () => {
    // A title with characters no file system takes, and a % that OBS would read as a date field.
    await command('show.rename', { title: '春季茶具专场: 7 hours / 100% 手工?' });
    await command('destination.add', { name: 'Room', platform: 'custom', server: server.url('live', 'x').replace(/\/x$/, ''), key: 'split-test-key' });
    await command('show.goLive');
    await waitUntil(() => recordings().length >= 2, SECOND_FILE_MS, 'a second recording file after the split');
    // Some seconds into the second file, then the show ends.
    await new Promise((r) => setTimeout(r, 5_000));
    await command('show.end');

    const files = recordings();
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(file).toMatch(/^春季茶具专场 7 hours 100 手工 \d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2}\.mkv$/);
    // OBS reports the recording's first file: the others follow it in the same folder, in name (time) order.
    expect(hub.store.current.output.show.backupFile).toBe(join(engine.dataDir, 'recordings', files[0]!));
    const spans: number[] = [];
    for (const file of files) {
      const path = join(engine.dataDir, 'recordings', file);
      expect((await ffprobeStreams(path, 10_000)).find((s) => s.codec_type === 'video'), file).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
      const times = await videoPacketTimes(path);
      spans.push(Math.max(...times) - Math.min(...times));
    }
    // The first file holds about the minute it was set to; the last one the seconds before the end.
    expect(spans[0]).toBeGreaterThan(SPLIT_MINUTES * 60 - 5);
    expect(spans[0]).toBeLessThan(SPLIT_MINUTES * 60 + 5);
    expect(spans.at(-1)).toBeGreaterThan(1);
  }, SECOND_FILE_MS + 60_000);
});
