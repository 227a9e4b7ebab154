/**
 * Dual output, measured on the built studio with a real OBS (640x360 test canvas) live to nginx-rtmp servers on this
 * computer, same OBS, same run, each phase 15 s:
 *   1. single output: one 16:9 destination (OBS streams to it directly);
 *   2. relay: two 16:9 destinations (OBS -> relay -> ffmpeg stream copy each);
 *   3. dual output: one 16:9 and one 9:16 destination (the relay's ffmpeg derives the 9:16 picture: one x264 encode);
 * and prints, per phase, the cores the whole computer used (all processes: OBS, relay, ffmpeg, the receiving nginx)
 * and the ratio to single output, plus the derived encoder's own cores next to the pre-flight's estimate for it.
 *
 * Run: npx tsx bench/dual-output.ts [seconds=15]. Needs OBS, nginx with the RTMP module and ffmpeg.
 */
import { cpus } from 'node:os';
import { derivedEncodeCores, derivePicture } from '../electron/features/output/domain/dual-output';
import { PROFILES } from '../electron/core/engine/obs-config';
import { postCommand } from '../tests/helpers/hub';
import { startNginxRtmp, type NginxRtmpHandle } from '../tests/helpers/nginx-rtmp';
import { processCpuSeconds, sleep, waitFor } from './bench-stats';
import { runBenchStudio, runMain } from './bench-studio';

/** Busy CPU time of the whole computer, in core-seconds, from the per-core counters. */
function busySeconds(): number {
  return cpus().reduce((sum, c) => sum + (c.times.user + c.times.nice + c.times.sys + c.times.irq) / 1000, 0);
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 15);
  if (process.platform !== 'linux') throw new Error('This bench reads /proc: run it on Linux.');
  const servers: NginxRtmpHandle[] = [];
  try {
    for (let i = 0; i < 3; i++) servers.push(await startNginxRtmp());
    await runBenchStudio({ watchdogMs: 240_000 + seconds * 6000 }, async ({ studio, state }) => {
      const command = async (name: string, payload: object = {}) => {
        const { status, body } = await postCommand(studio.url, studio.anchorToken, name, payload);
        if (status !== 200) throw new Error(`${name} answered ${status}: ${JSON.stringify(body)}`);
        return body as { data?: { id: string } };
      };
      const add = async (name: string, canvas: 'horizontal' | 'vertical', server: NginxRtmpHandle) =>
        (await command('destination.add', { name, platform: 'custom', canvas, server: server.url('live', 'x').replace(/\/x$/, ''), key: `bench-${name}-key`, isEnabled: false })).data!.id;
      const ids = { a: await add('wide-1', 'horizontal', servers[0]!), b: await add('wide-2', 'horizontal', servers[1]!), tall: await add('tall', 'vertical', servers[2]!) };
      await sleep(3000); // OBS settles after building the show

      const phase = async (label: string, enabled: string[]) => {
        for (const id of Object.values(ids)) await command('destination.enable', { id, isEnabled: enabled.includes(id) });
        await command('show.goLive');
        await waitFor(() => (state().output.engine?.destinations ?? []).filter((d) => d.status === 'live').length === enabled.length, 30_000, `${label} live`);
        await sleep(3000);
        const busy0 = busySeconds();
        const encoder0 = processCpuSeconds('libx264');
        const t0 = Date.now();
        await sleep(seconds * 1000);
        const wall = (Date.now() - t0) / 1000;
        const row = { label, cores: (busySeconds() - busy0) / wall, encoder: (processCpuSeconds('libx264') - encoder0) / wall };
        await command('show.end');
        await sleep(2000);
        return row;
      };

      const rows = [
        await phase('single output (direct)', [ids.a]),
        await phase('relay, two 16:9', [ids.a, ids.b]),
        await phase('dual output, 16:9 + 9:16', [ids.a, ids.tall]),
      ];
      const base = rows[0]!.cores;
      process.stdout.write(`Dual output, OBS ${state().obs.version}, canvas 640x360 (test profile), ${cpus().length} cores, ${seconds} s per phase\n`);
      process.stdout.write(`${''.padEnd(28)} ${'cores used'.padStart(10)} ${'x single'.padStart(9)} ${'9:16 encoder'.padStart(13)}\n`);
      for (const r of rows) {
        process.stdout.write(`${r.label.padEnd(28)} ${r.cores.toFixed(2).padStart(10)} ${(r.cores / base).toFixed(2).padStart(9)} ${r.encoder.toFixed(2).padStart(13)}\n`);
      }
      const estimate = derivedEncodeCores(derivePicture(PROFILES.test, 'vertical')!);
      process.stdout.write(`pre-flight's estimate for the 360x640 encode: ${estimate.toFixed(2)} cores; measured ${rows[2]!.encoder.toFixed(2)}\n`);
      for (const profile of ['low-power', 'horizontal'] as const) {
        const picture = derivePicture(PROFILES[profile], 'vertical')!;
        process.stdout.write(`estimate for ${profile} (${picture.size.width}x${picture.size.height} ${picture.x264Preset}): ${derivedEncodeCores(picture).toFixed(2)} cores\n`);
      }
    });
  } finally {
    for (const s of servers) await s.stop();
  }
}

runMain(main);
