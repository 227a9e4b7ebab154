/**
 * What live scene thumbnails cost OBS: OBS CPU, fps and render skips over 12 s each without thumbnails, with the
 * scene panel's rate (every scene every 2 s at 192 px), at 1 s, and after the watch stopped. Same OBS, same run.
 *
 * Run: npx tsx bench/thumbnail-cost.ts. Needs OBS (and Xvfb on a machine without a display).
 */
import { THUMBNAIL_LIMITS } from '../electron/features/scenes/protocol/thumbnail-events';
import { sleep } from './bench-stats';
import { runBenchStudio, runMain } from './bench-studio';

async function main(): Promise<void> {
  await runBenchStudio({ watchdogMs: 180_000 }, async ({ state, health, ui }) => {
    await sleep(3000); // let OBS settle after building the show
    const names = state().scenes.names;
    const sample = async (label: string, seconds: number) => {
      const rows: Array<{ cpu: number; fps: number; skip: number }> = [];
      for (let i = 0; i < seconds; i++) {
        await sleep(1000);
        const h = health();
        if (h) rows.push({ cpu: h.cpuPercent, fps: h.fps, skip: h.renderSkippedPercent });
      }
      const avg = (k: 'cpu' | 'fps' | 'skip') => (rows.reduce((a, r) => a + r[k], 0) / Math.max(1, rows.length)).toFixed(1);
      process.stdout.write(`${label.padEnd(36)} OBS cpu ${avg('cpu')}%  fps ${avg('fps')}  render skipped ${avg('skip')}%  (${rows.length} s)\n`);
    };
    const watched = async (intervalMs: number, label: string) => {
      const watch = () =>
        ui.timeout(5000).emitWithAck('command', { name: 'thumbnails.watch', payload: { scenes: names, width: 192, intervalMs } });
      await watch();
      // Renew like the scene panel does, well inside the lease.
      const timer = setInterval(() => void watch(), THUMBNAIL_LIMITS.leaseMs * 0.6);
      try {
        await sample(label, 12);
      } finally {
        clearInterval(timer);
      }
    };
    process.stdout.write(`Thumbnail cost, OBS ${state().obs.version}, canvas 640x360, ${names.length} scenes\n`);
    await sample('no thumbnails', 12);
    await watched(2000, 'every scene every 2 s, 192 px (panel)');
    await watched(1000, 'every scene every 1 s, 192 px');
    await ui.timeout(5000).emitWithAck('command', { name: 'thumbnails.watch', payload: { scenes: [] } });
    await sample('stopped again', 8);
  });
}

runMain(main);
