/**
 * The program monitor, measured on the built studio with a real OBS (640x360 test canvas), same OBS, same run:
 *   - frames per second a window receives at the rates the UI asks (15) and the most the protocol allows (30);
 *   - delay from a scene switch in OBS (Cut, sent on a raw obs-websocket connection) to the first monitor frame of the
 *     new scene at the window, p50/p95 over the iterations;
 *   - OBS CPU without the monitor, with it at 15 and at 30 fps (ratio to without), and again after the watch lapsed;
 *   - frame size, hence the bitrate a window on this computer gets.
 *
 * Run: npx tsx bench/monitor.ts [iterations=30]. Needs OBS (and Xvfb on a machine without a display).
 */
import { performance } from 'node:perf_hooks';
import { MONITOR_LIMITS, type MonitorFrameEvent } from '../electron/features/monitor/protocol/monitor-events';
import { mean, percentile, sleep, sorted, waitFor } from './bench-stats';
import { runBenchStudio, runMain, type UiSocket } from './bench-studio';

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 30);
  await runBenchStudio({ watchdogMs: 240_000 + iterations * 2000 }, async ({ state, health, ui, raw }) => {
    await sleep(3000); // let OBS settle after building the show
    const frames: Array<MonitorFrameEvent & { receivedAt: number }> = [];
    (ui as unknown as { on(e: string, l: (f: MonitorFrameEvent) => void): void }).on('monitor.frame', (f) => frames.push({ ...f, receivedAt: performance.now() }));
    let renewal: NodeJS.Timeout | null = null;
    const watch = (fps: number) => {
      if (renewal) clearInterval(renewal);
      const ask = () => void command(ui, 'monitor.watch', { views: ['program'], width: 640, fps });
      ask();
      renewal = setInterval(ask, MONITOR_LIMITS.leaseMs * 0.4);
    };
    const unwatch = () => {
      if (renewal) clearInterval(renewal);
      renewal = null;
    };
    const cpuOver = async (seconds: number) => {
      const readings: number[] = [];
      for (let i = 0; i < seconds; i++) {
        await sleep(1000);
        const h = health();
        if (h) readings.push(h.cpuPercent);
      }
      return mean(readings);
    };

    process.stdout.write(`Program monitor, OBS ${state().obs.version}, canvas 640x360, frames 640 px JPEG\n`);
    const cpuOff = await cpuOver(10);
    const rows: Array<{ label: string; fps: number; kb: number; cpu: number }> = [];
    for (const fps of [15, 30]) {
      watch(fps);
      await sleep(1500);
      const from = frames.length;
      const t0 = performance.now();
      const cpu = await cpuOver(10);
      const got = frames.slice(from);
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ label: `monitor at ${fps} fps asked`, fps: got.length / seconds, kb: mean(got.map((f) => f.image.length)) / 1024, cpu });
    }

    // Delay from a switch in OBS to the first frame of the new scene at the window, at the UI's rate.
    watch(15);
    await raw.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
    const names = state().scenes.names.slice(0, 2);
    const { currentProgramSceneName: startScene } = await raw.call('GetCurrentProgramScene');
    const delays: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const target = names[i % 2]!;
      const { currentProgramSceneName } = await raw.call('GetCurrentProgramScene');
      if (currentProgramSceneName === target) continue;
      const mark = frames.length;
      const t0 = performance.now();
      await raw.call('SetCurrentProgramScene', { sceneName: target });
      await waitFor(() => frames.slice(mark).some((f) => f.scene === target), 5000, `a frame of ${target}`);
      delays.push(frames.slice(mark).find((f) => f.scene === target)!.receivedAt - t0);
      await sleep(200 + Math.random() * 100); // a different phase of the frame interval each time
    }
    unwatch();
    // Back on the scene the CPU baseline was read on (another may draw a camera and cost more by itself).
    await raw.call('SetCurrentProgramScene', { sceneName: startScene });
    await waitFor(() => frames.length > 0 && performance.now() - frames.at(-1)!.receivedAt > 1500, MONITOR_LIMITS.leaseMs + 5000, 'frames to stop after the lease');
    const cpuAfter = await cpuOver(8);

    const line = (label: string, fps: string, kb: string, cpu: number) =>
      process.stdout.write(`${label.padEnd(28)} ${fps.padStart(9)} ${kb.padStart(9)}   OBS cpu ${cpu.toFixed(1).padStart(5)}%  (x${(cpu / cpuOff).toFixed(2)} of no monitor)\n`);
    process.stdout.write(`${''.padEnd(28)} ${'fps got'.padStart(9)} ${'KB/frame'.padStart(9)}\n`);
    line('no monitor', '-', '-', cpuOff);
    for (const r of rows) line(r.label, r.fps.toFixed(1), r.kb.toFixed(1), r.cpu);
    line('watch lapsed again', '-', '-', cpuAfter);
    const d = sorted(delays);
    process.stdout.write(
      `switch in OBS -> frame at the window: p50 ${percentile(d, 50).toFixed(0)} ms, p95 ${percentile(d, 95).toFixed(0)} ms, max ${d.at(-1)!.toFixed(0)} ms (${d.length} switches, target <= 200 ms)\n`,
    );
    const ui15 = rows[0]!;
    process.stdout.write(`bitrate to a local window at 15 fps: ${((ui15.fps * ui15.kb * 8) / 1024).toFixed(2)} Mbit/s; a LAN window gets at most ${MONITOR_LIMITS.lanFps} fps: ${((MONITOR_LIMITS.lanFps * ui15.kb * 8) / 1024).toFixed(2)} Mbit/s\n`);
  });
}

function command(ui: UiSocket, name: string, payload: object): Promise<unknown> {
  return ui.timeout(5000).emitWithAck('command', { name, payload } as never);
}

runMain(main);
