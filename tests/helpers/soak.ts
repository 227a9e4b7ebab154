import { chromium, type Page } from '@playwright/test';
import { statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLogger } from '../../electron/core/hub/logger';
import { startHub, type Hub } from '../../electron/core/hub/server';
import { loadIngestSecret, loadOrdersSecret } from '../../electron/core/hub/auth/webhook-auth';
import { createChatSimulation, DEFAULT_SIMULATION } from '../../electron/features/chat/domain/chat-simulation';
import { HUB_FEATURES } from '../../electron/studio/hub-features';
import { CHROMIUM_PATH } from '../../playwright.config';
import { postChat } from './chat';
import { connectFakeEngine } from './fake-engine';
import { connectClient, postCommandOk, sendCommand } from './hub';
import { busyShowOrders, postOrdersOk } from './orders';
import { product, productCue } from './rundown';
import { makeTempDir } from './temp-dir';

/** A busy seven-hour show, per hour (the figures: 500,000 messages, 50,000 orders, reports at 1 Hz). */
export const BUSY_HOUR = { chat: 72_000, orders: 7_200, refundShare: 0.1, reports: 3_600, cues: 20 } as const;

/** What one simulated hour left behind, measured once its load has gone through. */
export interface SoakHour {
  hour: number;
  /** Wall-clock seconds the hour's load took here. */
  seconds: number;
  hubRssMb: number;
  /** The hub's heap after a full garbage collection: what it keeps, not what it has not collected yet. */
  hubHeapMb: number;
  /** Event-loop delay p99 during the hour's load, ms. */
  lagP99Ms: number;
  /** Handles and requests keeping the event loop alive (sockets, timers, files). */
  handles: number;
  /** SQLite files of the data dir (databases and their write-ahead logs), MB. */
  sqliteMb: number;
  /** The anchor window's JS heap after a garbage collection, MB. */
  browserHeapMb: number;
  /** Frames the anchor window drew in one second right after the hour. */
  fps: number;
}

/** How big a soak: how many simulated hours, at what share of a busy hour's load. */
export interface SoakOptions {
  hours: number;
  /** 1 = a busy hour ({@link BUSY_HOUR}); the test in `npm test` runs a fraction. */
  scale: number;
  /** Called with each hour's figures as soon as they are measured (the bench prints them as it goes). */
  onHour?(hour: SoakHour): void;
}

const PRODUCTS = Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, title: `茶具 ${i}` }));

/** Forces a full GC in this process (allowed at run time, so no --expose-gc flag is needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function sqliteMb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.db(-wal)?$/.test(entry.name)) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes / 1024 / 1024;
}

async function browserFigures(page: Page): Promise<{ heapMb: number; fps: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  // A string, not a function: the bench runs under tsx, whose compiled functions call a helper the page lacks.
  const fps = await page.evaluate<number>(`new Promise((done) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => (performance.now() - start >= 1000 ? done(frames) : (frames++, requestAnimationFrame(tick)));
    requestAnimationFrame(tick);
  })`);
  return { heapMb: usedSize / 1024 / 1024, fps };
}

/**
 * Replays a long show at high speed against the real hub (its features and SQLite, in this process) with the anchor's
 * window open in Chromium: per simulated hour, the chat through the signed endpoint, orders (a share refunded) through
 * the orders endpoint, the engine's health reports one per simulated second and a cue change every few minutes, as
 * fast as the hub takes them. After each hour: memory, event-loop lag, handles, SQLite sizes, the window's heap and fps.
 */
export async function runSoak(options: SoakOptions): Promise<SoakHour[]> {
  const dir = makeTempDir('anchor-soak-');
  const hub: Hub = await startHub({ features: HUB_FEATURES, dataDir: dir.path, staticDir: resolve('dist/renderer'), logger: createLogger({ minLevel: 'error' }) });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const engine = await connectFakeEngine(hub);
  const reporter = await connectClient(hub.url, hub.engineToken);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const hours: SoakHour[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const command = (name: string, payload: object) => postCommandOk(hub.url, hub.anchorToken, name, payload);
    await command('catalog.upsert', { products: PRODUCTS.map((p) => product(p.sku, { title: { zh: p.title, en: p.title }, stock: null })) });
    for (const p of PRODUCTS) await command('cue.add', { cue: productCue(`cue-${p.sku}`, p.sku) });
    await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
    await page.waitForSelector('[data-testid="hub-status"][data-status="connected"]');
    await engine.goLive();
    const chatSecret = loadIngestSecret(dir.path);
    const ordersSecret = loadOrdersSecret(dir.path);
    const simulation = createChatSimulation({ ...DEFAULT_SIMULATION, burst: null }, PRODUCTS.map((p) => ({ id: p.sku, title: p.title, aliases: [] })), 7);
    const per = (n: number) => Math.max(1, Math.round(n * options.scale));
    let orderSeq = 0;
    let cueSeq = 0;
    for (let hour = 1; hour <= options.hours; hour++) {
      const started = Date.now();
      lag.reset();
      lag.enable();
      const chat = per(BUSY_HOUR.chat);
      const orders = per(BUSY_HOUR.orders);
      const reports = per(BUSY_HOUR.reports);
      const cues = per(BUSY_HOUR.cues);
      // Interleaved in slices, as a show mixes them: a slice of chat, of orders, of reports, sometimes a cue.
      const SLICES = 40;
      for (let s = 0; s < SLICES; s++) {
        const share = (n: number) => Math.floor((n * (s + 1)) / SLICES) - Math.floor((n * s) / SLICES);
        for (let left = share(chat); left > 0; left -= 1000) {
          const now = Date.now();
          const answer = await postChat(hub.url, chatSecret, { messages: simulation.next(Math.min(1000, left), now, `h${hour}s${s}`) });
          if (answer.status !== 200) throw new Error(`chat post answered ${answer.status}`);
        }
        const count = share(orders);
        const events = busyShowOrders(orderSeq + 1, count, (seq) => PRODUCTS[seq % PRODUCTS.length]!.sku, Math.round(1 / BUSY_HOUR.refundShare));
        orderSeq += count;
        for (let i = 0; i < events.length; i += 200) await postOrdersOk(hub.url, ordersSecret, { events: events.slice(i, i + 200) });
        for (let i = 0; i < share(reports); i++) {
          const health = { cpuPercent: 20, fps: 30, renderSkippedPercent: 0, encoderSkippedPercent: 0, isStreaming: true, isReconnecting: false, congestion: 0, bitrateKbps: 2500, warnings: [] };
          const answer = await sendCommand(reporter, 'engine.health', { health });
          if (!answer.ok) throw new Error(`engine.health: ${answer.error.message}`);
        }
        for (let i = 0; i < share(cues); i++) await command('cue.goto', { id: `cue-${PRODUCTS[++cueSeq % PRODUCTS.length]!.sku}` });
      }
      lag.disable();
      const seconds = (Date.now() - started) / 1000;
      // Let the last batches reach the window and the hub's timers flush, then measure what stays.
      await new Promise((r) => setTimeout(r, 1500));
      collectGarbage();
      const browserNow = await browserFigures(page);
      const figures: SoakHour = {
        hour,
        seconds,
        hubRssMb: process.memoryUsage().rss / 1024 / 1024,
        hubHeapMb: process.memoryUsage().heapUsed / 1024 / 1024,
        lagP99Ms: lag.percentile(99) / 1e6,
        handles: process.getActiveResourcesInfo().length,
        sqliteMb: sqliteMb(dir.path),
        browserHeapMb: browserNow.heapMb,
        fps: browserNow.fps,
      };
      hours.push(figures);
      options.onHour?.(figures);
    }
    await engine.endShow();
    return hours;
  } finally {
    reporter.close();
    await engine.close();
    await browser.close();
    await hub.close();
    dir.remove();
  }
}
