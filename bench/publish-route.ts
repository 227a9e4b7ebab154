/**
 * What a destination's publish route costs the engine (it carries every byte of a relay show to its platform, so the
 * key never has to be an argument of ffmpeg). One run, same file, same nginx-rtmp as the platform:
 *   baseline: ffmpeg pushes straight to nginx (how the fan-out worked before), the bench process idle;
 *   route:    ffmpeg pushes to a PublishRoute in this process, which forwards to nginx.
 * The show is a 1280x720 30 fps file at ~6 Mbit/s (a high platform bitrate), pushed in real time (-re) and looped.
 * Prints per case: this process's CPU (ms per second of show, % of one core), MB forwarded per second, and the event
 * loop's delay p99 (what the rest of the engine would feel), then the route's cost as a difference and per MB.
 *
 * Run: npx tsx bench/publish-route.ts [--seconds 30]. Needs nginx + libnginx-mod-rtmp (npm run system-deps).
 */
import { spawn, spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { locateFfmpeg } from '../electron/features/output/engine/ffmpeg-locator';
import { PublishRoute } from '../electron/features/output/engine/publish-route';
import { startNginxRtmp } from '../tests/helpers/nginx-rtmp';
import { makeTempDir } from '../tests/helpers/temp-dir';
import { sleep } from './bench-stats';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' } } });
const SECONDS = Number(values.seconds);
const FFMPEG = locateFfmpeg({ appDir: process.cwd() })?.path ?? 'ffmpeg';

interface Figures {
  cpuMsPerS: number;
  mbPerS: number;
  loopP99Ms: number;
}

/** Pushes the file to `url` for SECONDS and measures this process meanwhile. */
async function push(file: string, url: string): Promise<Figures> {
  const child = spawn(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', file, '-c', 'copy', '-f', 'flv', '-progress', 'pipe:1', url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let bytes = 0;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/^total_size=(\d+)$/gm)) bytes = Number(m[1]);
  });
  await sleep(3000); // connected and steady
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const bytesBefore = bytes;
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  loop.enable();
  await sleep(SECONDS * 1000);
  loop.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (Date.now() - started) / 1000;
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  return { cpuMsPerS: (cpu.user + cpu.system) / 1000 / seconds, mbPerS: (bytes - bytesBefore) / 1e6 / seconds, loopP99Ms: loop.percentile(99) / 1e6 };
}

async function main(): Promise<void> {
  const scratch = makeTempDir('anchor-bench-route-');
  const nginx = await startNginxRtmp();
  let route: PublishRoute | null = null;
  try {
    const file = join(scratch.path, 'show.flv');
    process.stdout.write('encoding a 10 s 1280x720 show at 6 Mbit/s...\n');
    const encode = spawnSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=44100', '-t', '10',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '6000k', '-maxrate', '6000k', '-bufsize', '6000k', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-f', 'flv', file]);
    if (encode.status !== 0) throw new Error(`encoding the bench show failed: ${encode.stderr}`);

    const direct = await push(file, nginx.url('live', 'bench-direct-key'));
    route = await PublishRoute.open({ name: 'bench', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'bench-route-key' });
    const routed = await push(file, route.localUrl);
    const problem = route.takeProblem();
    if (problem) throw new Error(`the route reported: ${problem}`);

    const row = (name: string, f: Figures) =>
      `| ${name} | ${f.cpuMsPerS.toFixed(1)} | ${(f.cpuMsPerS / 10).toFixed(2)}% | ${f.mbPerS.toFixed(2)} | ${f.loopP99Ms.toFixed(1)} |`;
    process.stdout.write(`\n${SECONDS} s per case\n| case | engine CPU ms/s | % of a core | MB/s pushed | event loop p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n`);
    process.stdout.write(`${row('ffmpeg straight to nginx (baseline)', direct)}\n${row('ffmpeg -> publish route -> nginx', routed)}\n`);
    const added = routed.cpuMsPerS - direct.cpuMsPerS;
    process.stdout.write(`\nroute: +${added.toFixed(1)} ms CPU per second of show (${(added / 10).toFixed(2)}% of one core) at ${routed.mbPerS.toFixed(2)} MB/s = ${(added / routed.mbPerS).toFixed(1)} ms CPU per MB; ratio to baseline ${(routed.cpuMsPerS / Math.max(0.1, direct.cpuMsPerS)).toFixed(1)}x\n`);
  } finally {
    await route?.close();
    await nginx.stop();
    scratch.remove();
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
