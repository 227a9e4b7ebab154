/**
 * What live scene thumbnails cost OBS: OBS CPU, fps and render skips over 12 s each without thumbnails, with the
 * scene panel's rate (every scene every 2 s at 192 px), at 1 s, and after the watch stopped. Same OBS, same run.
 *
 * Run: npx tsx bench/thumbnail-cost.ts. Needs OBS (and Xvfb on a machine without a display).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startEngine } from '../electron/engine/engine';
import { createLogger } from '../electron/hub/logger';
import { startHub } from '../electron/hub/server';
import { THUMBNAIL_LIMITS } from '../electron/protocol/thumbnail-commands';
import { sleep } from './bench-stats';


async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-bench-thumbs-'));
  const hub = await startHub({ dataDir, logger: createLogger({ minLevel: 'error' }) });
  const env = { ...process.env };
  if (process.platform === 'linux' && !process.env.BENCH_USE_DISPLAY) env.DISPLAY = ''; // the engine starts its own Xvfb
  const engine = startEngine({ hubUrl: hub.url, token: hub.engineToken, dataDir: join(dataDir, 'engine'), profile: 'test', env });
  const ui = io(hub.url, { auth: { token: hub.anchorToken }, transports: ['websocket'] });
  const cleanup = async () => {
    ui.close();
    await engine.stop();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(1)));
  try {
    const deadline = Date.now() + 60_000;
    while (hub.store.current.obs.status !== 'connected') {
      if (Date.now() > deadline) throw new Error('OBS did not connect within 60 s');
      await sleep(200);
    }
    await sleep(3000); // let OBS settle after building the show
    const names = hub.store.current.scenes.names;
    const sample = async (label: string, seconds: number) => {
      const rows: Array<{ cpu: number; fps: number; skip: number }> = [];
      for (let i = 0; i < seconds; i++) {
        await sleep(1000);
        const h = hub.store.current.obs.health;
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
    process.stdout.write(`Thumbnail cost, OBS ${hub.store.current.obs.version}, canvas 640x360, ${names.length} scenes\n`);
    await sample('no thumbnails', 12);
    await watched(2000, 'every scene every 2 s, 192 px (panel)');
    await watched(1000, 'every scene every 1 s, 192 px');
    await ui.timeout(5000).emitWithAck('command', { name: 'thumbnails.watch', payload: { scenes: [] } });
    await sample('stopped again', 8);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
