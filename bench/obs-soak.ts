/**
 * Real-OBS soak: a show of `--minutes` (default 30) with the built engine and OBS 29 under Xvfb, live to two
 * nginx-rtmp destinations through the studio's relay, the backup recording split every `--split` minutes (default 5),
 * as a seven-hour museum show would run, only shorter.
 *
 * Prints, each minute: OBS's RSS, the engine's RSS, both destinations' status and bitrate, and the files written so far;
 * at the end: every recording segment with its length and whether ffprobe plays it, the gap before it (from the file
 * names, to the second), the media time in all files against the time the recording ran (frames lost at the splits
 * would show as the difference), OBS's memory from the first minutes to the last, and a bar per minute of OBS's RSS.
 *
 * Run: npm run build && npx tsx bench/obs-soak.ts [--minutes 30] [--split 5]. Needs OBS, Xvfb, nginx with the RTMP
 * module and ffprobe (npm run system-deps). Exits 1 when a segment does not play or a destination was not live at the end.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { obsPidsFor, startTestEngine, StateRecorder } from '../tests/helpers/engine';
import { postCommandOk, startTestHub } from '../tests/helpers/hub';
import { ffprobeStreams, startNginxRtmp, videoPacketTimes } from '../tests/helpers/nginx-rtmp';
import type { StudioState } from '../electron/core/domain/studio-state';
import { processMemoryMb, sleep } from './bench-stats';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, split: { type: 'string', default: '5' } } });
const MINUTES = Number(values.minutes);
const SPLIT = Number(values.split);
if (!(MINUTES >= 2 && Number.isInteger(SPLIT) && SPLIT >= 1)) throw new Error('Use --minutes 2 or more and --split a whole number of minutes, 1 or more.');

const servers = [await startNginxRtmp(), await startNginxRtmp()];
const hub = await startTestHub();
const states = new StateRecorder(hub);
const engine = await startTestEngine(hub, { output: { recordingSplitMinutes: SPLIT } });
const command = (name: string, payload: object = {}): Promise<{ data?: { id?: string } }> => postCommandOk(hub.url, hub.anchorToken, name, payload);
const recordingsDir = join(engine.dataDir, 'recordings');
const recordings = () => readdirSync(recordingsDir).filter((f) => f.endsWith('.mkv')).sort();
let failed = false;
try {
  await states.waitFor((s) => s.obs.status === 'connected' && s.output.engine !== null, 90_000, 'OBS connected');
  await command('show.rename', { title: 'Museum slow live' });
  for (const [i, server] of servers.entries()) {
    const added = await command('destination.add', { name: `Room ${i + 1}`, platform: 'custom', server: server.url('live', 'x').replace(/\/x$/, ''), key: `soak-key-${i + 1}` });
    await command('destination.enable', { id: added.data!.id!, isEnabled: true });
  }
  await command('show.goLive');
  const live = (s: StudioState) => s.output.engine?.destinations.filter((d) => d.status === 'live').length ?? 0;
  await states.waitFor((s) => s.output.engine?.mode === 'relay' && live(s) === 2, 60_000, 'both destinations live through the relay');
  console.log(`real-OBS soak: ${MINUTES} min live to 2 nginx-rtmp destinations through the relay, recording split every ${SPLIT} min (OBS 29, 640x360 test profile)\n`);
  console.log('minute  OBS RSS MB  engine RSS MB  destinations (kbps)                files');
  const obsRss: number[] = [];
  const started = Date.now();
  for (let minute = 1; minute <= MINUTES; minute++) {
    await sleep(started + minute * 60_000 - Date.now());
    const obsPid = obsPidsFor(engine.dataDir)[0];
    obsRss.push(processMemoryMb(obsPid).rssMb);
    const dests = hub.store.current.output.engine?.destinations ?? [];
    const said = dests.map((d) => `${d.status} ${d.bitrateKbps ?? '-'}`).join(', ');
    console.log(`${String(minute).padStart(6)}  ${obsRss.at(-1)!.toFixed(1).padStart(10)}  ${processMemoryMb(engine.process.pid).rssMb.toFixed(1).padStart(13)}  ${said.padEnd(33)}  ${recordings().length}`);
  }
  const liveAtEnd = live(hub.store.current);
  for (const [i, server] of servers.entries()) {
    const probed = await ffprobeStreams(server.url('live', `soak-key-${i + 1}`), 15_000).catch(() => []);
    if (!probed.some((s) => s.codec_type === 'video')) failed = true;
  }
  const recordingStartedAt = hub.store.current.output.engine?.recording.startedAt ?? started;
  await command('show.end');
  const recordingMs = Date.now() - recordingStartedAt;
  if (liveAtEnd !== 2) failed = true;

  // The gap column comes from the file names (to the second), so it is ±1 s; the total below is the real check.
  console.log('\nsegment                                            length s  plays  gap before s (±1)');
  let previousEnd: number | null = null;
  let total = 0;
  for (const file of recordings()) {
    const path = join(recordingsDir, file);
    const streams = await ffprobeStreams(path, 20_000).catch(() => []);
    const plays = streams.some((s) => s.codec_type === 'video' && s.codec_name === 'h264');
    const times = await videoPacketTimes(path).catch(() => [] as number[]);
    const length = times.length ? Math.max(...times) - Math.min(...times) : 0;
    // Segment names carry their start time to the second: the gap is the next file's start minus the previous end.
    const startedAt = Date.parse(file.slice(-23, -4).replace(/ (\d{2})-(\d{2})-(\d{2})$/, 'T$1:$2:$3'));
    const gap = previousEnd === null ? null : (startedAt - previousEnd) / 1000;
    previousEnd = startedAt + length * 1000;
    total += length;
    if (!plays) failed = true;
    console.log(`${file.padEnd(50)} ${length.toFixed(1).padStart(8)}  ${plays ? 'yes' : 'NO '}   ${gap === null ? '-' : gap.toFixed(1)}`);
  }
  const lost = recordingMs / 1000 - total;
  console.log(`recorded ${total.toFixed(1)} s in ${recordings().length} files; the recording ran ${(recordingMs / 1000).toFixed(1)} s (start to End show): ${lost.toFixed(1)} s not in any file (stopping included)`);
  const head = obsRss.slice(0, 5);
  const tail = obsRss.slice(-5);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`OBS RSS: first 5 minutes ${avg(head).toFixed(1)} MB, last 5 minutes ${avg(tail).toFixed(1)} MB (${(((avg(tail) - avg(head)) / avg(head)) * 100).toFixed(1)}%)`);
  const max = Math.max(...obsRss);
  console.log('\nOBS RSS per minute:');
  for (const [i, mb] of obsRss.entries()) console.log(`${String(i + 1).padStart(4)} ${'█'.repeat(Math.max(1, Math.round((mb / max) * 50)))} ${mb.toFixed(1)} MB`);
} finally {
  states.close();
  await engine.cleanup();
  await hub.stop();
  for (const server of servers) await server.stop();
}
process.exit(failed ? 1 : 0);
