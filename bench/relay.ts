/**
 * The local relay, measured: the studio's in-process relay (node-media-server's RTMP inside the engine) against the
 * nginx-rtmp relay it replaced (Debian's nginx + libnginx-mod-rtmp, same loopback setup), in one run with the same
 * publisher and readers.
 *
 * A publisher stands in for OBS (ffmpeg: 1280x720 at 30 fps, x264 4 Mbps, AAC, real time); N readers stand in for the
 * fan-outs (ffmpeg stream copy to nothing, keeping the publisher's timestamps). Per relay and reader count it prints:
 * the relay's CPU (ms of CPU per second of show, and % of one core), its memory growth, and how far the readers are
 * behind the publisher (the publisher's media time sent minus the readers' media time received, sampled every second;
 * ffmpeg reports progress every 0.5 s, so single samples are ±0.5 s and the median is what to read). Then what happens to a reader when the publisher drops and comes back 2 s later, as OBS does
 * on a network hiccup: does the reader stay, and how long is the gap in what it received.
 *
 * Run: npx tsx bench/relay.ts [--seconds 30] [--readers 2,4]. Needs ffmpeg, nginx and libnginx-mod-rtmp (npm run
 * system-deps); the studio's own ffmpeg (node_modules/@ffmpeg-installer) publishes and reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NodeRtmpRelay } from '../electron/features/output/engine/node-rtmp-relay';
import { locateFfmpeg } from '../electron/features/output/engine/ffmpeg-locator';
import { childPids } from '../tests/helpers/engine';
import { startNginxRtmp } from '../tests/helpers/nginx-rtmp';
import { percentile, processMemoryMb, sleep, sorted } from './bench-stats';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, readers: { type: 'string', default: '2,4' } } });
const SECONDS = Number(values.seconds);
const READER_COUNTS = values.readers!.split(',').map(Number);
const FFMPEG = locateFfmpeg({ appDir: process.cwd() })?.path ?? 'ffmpeg';
const CLK_TCK = 100;

/** An ffmpeg whose -progress media time we follow. */
interface Tracked {
  child: ChildProcess;
  outTimeUs: () => number;
  /** Seconds of wall time with no progress at all, longest stretch (a reader's gap). */
  longestStallMs: () => number;
  exited: () => boolean;
}

function track(args: string[]): Tracked {
  const child = spawn(FFMPEG, [...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let outTime = 0;
  let lastMoveAt = Date.now();
  let longest = 0;
  let exited = false;
  child.once('exit', () => (exited = true));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    // ffmpeg before 4.2 names the same microseconds out_time_ms.
    for (const m of chunk.matchAll(/^out_time_[um]s=(\d+)$/gm)) {
      const t = Number(m[1]);
      if (t > outTime) {
        const now = Date.now();
        longest = Math.max(longest, now - lastMoveAt);
        lastMoveAt = now;
        outTime = t;
      }
    }
  });
  return { child, outTimeUs: () => outTime, longestStallMs: () => Math.max(longest, exited ? 0 : Date.now() - lastMoveAt), exited: () => exited };
}

// Every 0.5 s (ffmpeg 4.1 has no -stats_period).
const PROGRESS = ['-progress', 'pipe:1'];

function publish(url: string): Tracked {
  return track([
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30'],
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=44100'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-b:v', '4000k', '-maxrate', '4000k', '-bufsize', '4000k', '-g', '60'],
    ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', ...PROGRESS, '-f', 'flv', url],
  ]);
}

function read(url: string): Tracked {
  // -copyts: the reader's media time is the publisher's own timestamps, so the two can be compared at one instant.
  return track(['-hide_banner', '-nostdin', '-loglevel', 'error', '-rw_timeout', '5000000', '-i', url, '-map', '0', '-c', 'copy', '-copyts', ...PROGRESS, '-f', 'null', '-']);
}

async function stop(t: Tracked): Promise<void> {
  if (t.exited()) return;
  const gone = new Promise((r) => t.child.once('exit', r));
  t.child.kill('SIGINT');
  await Promise.race([gone, sleep(3000).then(() => t.child.kill('SIGKILL'))]);
}

/** CPU ms and RSS of a set of processes (nginx master and worker), from /proc. */
function procUsage(pids: number[]): { cpuMs: number; rssKb: number } {
  let cpuMs = 0;
  let rssKb = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpuMs += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    rssKb += processMemoryMb(pid).rssMb * 1024;
  }
  return { cpuMs, rssKb };
}

interface Relay {
  name: string;
  url(stream: string): string;
  usage(): { cpuMs: number; rssKb: number };
  stop(): Promise<void>;
}

async function nodeRelay(): Promise<Relay> {
  const relay = new NodeRtmpRelay({ info: () => undefined, warn: () => undefined });
  await relay.start();
  // In-process: this process's CPU; what the bench itself spends following the ffmpegs is measured during the nginx
  // run (same ffmpegs, same parsing) and subtracted.
  return {
    name: 'in-process (node-media-server)',
    url: (s) => relay.urlOf(s),
    usage: () => {
      const u = process.cpuUsage();
      return { cpuMs: (u.user + u.system) / 1000, rssKb: Math.round(process.memoryUsage().rss / 1024) };
    },
    stop: () => relay.stop(),
  };
}

async function nginxRelay(): Promise<Relay> {
  const nginx = await startNginxRtmp();
  // The master and its worker.
  const pids = [nginx.masterPid, ...childPids(nginx.masterPid)];
  return { name: 'nginx-rtmp', url: (s) => nginx.url('live', s), usage: () => procUsage(pids), stop: () => nginx.stop() };
}

interface Row {
  relay: string;
  readers: number;
  cpuMsPerS: number;
  /** This bench process's own CPU over the run (following the ffmpegs; the relay too when in-process). */
  benchCpuMsPerS: number;
  rssGrowthMb: number;
  lagP50Ms: number;
  lagP99Ms: number;
}

/** Runs `body` with a fresh relay and stops the relay (and every ffmpeg `body` registered) however it ends. */
async function withRelay<T>(make: () => Promise<Relay>, body: (relay: Relay, started: Tracked[]) => Promise<T>): Promise<T> {
  const relay = await make();
  const started: Tracked[] = [];
  try {
    return await body(relay, started);
  } finally {
    for (const t of started) await stop(t);
    await relay.stop();
  }
}

async function measure(make: () => Promise<Relay>, readers: number): Promise<Row> {
  return withRelay(make, (relay, started) => measureWith(relay, started, readers));
}

async function measureWith(relay: Relay, started: Tracked[], readers: number): Promise<Row> {
  const url = relay.url(`bench-${readers}`);
  const publisher = publish(url);
  started.push(publisher);
  await waitForProgress(publisher, 'publisher');
  const reading = Array.from({ length: readers }, () => read(url));
  started.push(...reading);
  for (const r of reading) await waitForProgress(r, 'reader');
  await sleep(2000);
  const before = relay.usage();
  const bench0 = process.cpuUsage();
  const t0 = Date.now();
  const lags: number[] = [];
  while (Date.now() - t0 < SECONDS * 1000) {
    await sleep(1000);
    for (const r of reading) lags.push((publisher.outTimeUs() - r.outTimeUs()) / 1000);
  }
  const after = relay.usage();
  const benchCpu = process.cpuUsage(bench0);
  const wallS = (Date.now() - t0) / 1000;
  const sortedLags = sorted(lags);
  return {
    relay: relay.name,
    readers,
    cpuMsPerS: (after.cpuMs - before.cpuMs) / wallS,
    benchCpuMsPerS: (benchCpu.user + benchCpu.system) / 1000 / wallS,
    rssGrowthMb: (after.rssKb - before.rssKb) / 1024,
    lagP50Ms: percentile(sortedLags, 50),
    lagP99Ms: percentile(sortedLags, 99),
  };
}

async function waitForProgress(t: Tracked, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (t.outTimeUs() < 500_000) {
    if (t.exited() || Date.now() > deadline) throw new Error(`${what} did not start (ffmpeg ${FFMPEG})`);
    await sleep(100);
  }
}

/** The publisher drops and comes back after 2 s: does the reader stay, and the longest stretch it got nothing. */
async function reconnect(make: () => Promise<Relay>): Promise<{ relay: string; readerStayed: boolean; gapMs: number }> {
  return withRelay(make, async (relay, started) => {
    const url = relay.url('bench-reconnect');
    const first = publish(url);
    started.push(first);
    await waitForProgress(first, 'publisher');
    const reader = read(url);
    started.push(reader);
    await waitForProgress(reader, 'reader');
    await sleep(3000);
    await stop(first);
    await sleep(2000);
    started.push(publish(url));
    await sleep(8000);
    const stayed = !reader.exited() && reader.outTimeUs() > 0;
    return { relay: relay.name, readerStayed: stayed, gapMs: reader.longestStallMs() };
  });
}

function bar(value: number, max: number, width = 40): string {
  return '#'.repeat(Math.max(1, Math.round((value / Math.max(max, 1e-9)) * width)));
}

async function main(): Promise<void> {
  console.log(`relay bench: publisher 1280x720 30 fps 4 Mbps + AAC, ${SECONDS} s per run, readers ${READER_COUNTS.join(' and ')}; ffmpeg ${FFMPEG}`);
  const rows: Row[] = [];
  for (const readers of READER_COUNTS) {
    const nginx = await measure(nginxRelay, readers);
    rows.push(nginx);
    const node = await measure(nodeRelay, readers);
    // The in-process figure is this whole process: take off what following the ffmpegs cost in the nginx run.
    rows.push({ ...node, cpuMsPerS: node.cpuMsPerS - nginx.benchCpuMsPerS });
  }
  console.log('\n| relay | readers | CPU ms/s (% of a core) | memory growth MB | reader behind publisher p50 / p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.relay} | ${r.readers} | ${r.cpuMsPerS.toFixed(1)} (${(r.cpuMsPerS / 10).toFixed(1)} %) | ${r.rssGrowthMb.toFixed(1)} | ${r.lagP50Ms.toFixed(0)} / ${r.lagP99Ms.toFixed(0)} |`);
  }
  for (const readers of READER_COUNTS) {
    const [nginx, node] = rows.filter((r) => r.readers === readers);
    console.log(`readers ${readers}: in-process / nginx CPU ratio ${(node!.cpuMsPerS / nginx!.cpuMsPerS).toFixed(2)}x, lag p50 difference ${(node!.lagP50Ms - nginx!.lagP50Ms).toFixed(0)} ms`);
  }
  const maxCpu = Math.max(...rows.map((r) => r.cpuMsPerS));
  console.log('\nrelay CPU, ms per second of show');
  for (const r of rows) console.log(`${`${r.relay}, ${r.readers} readers`.padEnd(42)} ${bar(r.cpuMsPerS, maxCpu)} ${r.cpuMsPerS.toFixed(1)}`);

  console.log('\nOBS drops and reconnects after 2 s:');
  for (const make of [nginxRelay, nodeRelay]) {
    const r = await reconnect(make);
    console.log(`${r.relay}: reader ${r.readerStayed ? 'stayed connected' : 'was dropped (its fan-out would restart)'}; longest stretch without media ${(r.gapMs / 1000).toFixed(1)} s`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
