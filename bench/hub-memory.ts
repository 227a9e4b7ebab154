/**
 * The hub's memory with a full catalog and a seven-hour ledger (#19: hub RSS <= 150 MB).
 *
 * The built studio (the hub in its own process, as users run it; OBS off) gets 2,000 products, then the orders of a
 * busy seven-hour show hour by hour (7,200 orders an hour, one in ten refunded, through the signed orders endpoint, 200
 * events per request), then an anchor window in Chromium (the catalog and the tallies go to it). The hub process's
 * resident memory (VmRSS, and its peak VmHWM) is read from /proc after each step; then the studio is restarted on the
 * same data and read again (what a studio opening a long show's data costs). Baseline in the same run: a bare Node
 * process's RSS.
 *
 * Run: npm run build && npx tsx bench/hub-memory.ts [hours=7] [products=2000]
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startBuiltStudio, type BuiltStudio } from '../tests/helpers/built-studio';
import { postCommandOk } from '../tests/helpers/hub';
import { CHROMIUM_PATH } from '../playwright.config';
import { busyShowOrders, ordersSecret, postOrdersOk } from '../tests/helpers/orders';
import { BUSY_HOUR } from '../tests/helpers/soak';
import { product } from '../tests/helpers/rundown';
import { makeTempDir } from '../tests/helpers/temp-dir';
import { processMemoryMb, sleep } from './bench-stats';

const TARGET_MB = 150;

function hubPid(studio: BuiltStudio): number {
  const pid = studio.studio.hub.pid;
  if (pid === null) throw new Error('the hub process is not running');
  return pid;
}

/** RSS of a bare Node process that has started and settled. */
async function bareNodeMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  await sleep(500);
  const { rssMb } = processMemoryMb(child.pid);
  child.kill();
  return rssMb;
}

/** The catalog's SKUs: SKU-00000, SKU-00001, ... */
const skuOf = (n: number) => `SKU-${String(n).padStart(5, '0')}`;

async function main(): Promise<void> {
  const hours = Number(process.argv[2] ?? 7);
  const productCount = Number(process.argv[3] ?? 2000);
  const data = makeTempDir('anchor-hub-memory-');
  const rows: Array<{ step: string; rssMb: number; peakMb: number }> = [];
  let studio = await startBuiltStudio({ dataDir: data.path });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  const measure = async (step: string) => {
    await sleep(1000); // let the last writes and broadcasts settle
    const row = { step, ...processMemoryMb(hubPid(studio)) };
    rows.push(row);
    process.stdout.write(`${step.padEnd(40)}${row.rssMb.toFixed(1).padStart(9)}${row.peakMb.toFixed(1).padStart(9)}\n`);
  };
  try {
    process.stdout.write(`Hub process memory (MB), built studio, ${productCount} products, ${hours} hours of orders\n`);
    process.stdout.write(`${'step'.padEnd(40)}${'RSS'.padStart(9)}${'peak'.padStart(9)}\n`);
    await measure('empty studio');
    const command = (name: string, payload: object) => postCommandOk(studio.url, studio.anchorToken, name, payload);
    for (let i = 0; i < productCount; i += 50) {
      const skus = Array.from({ length: Math.min(50, productCount - i) }, (_, j) => skuOf(i + j));
      await command('catalog.upsert', { products: skus.map((sku) => product(sku, { stock: 1_000_000 })) });
    }
    await measure(`catalog of ${productCount} products`);
    const secret = await ordersSecret(studio.url, studio.anchorToken);
    let seq = 0;
    for (let hour = 1; hour <= hours; hour++) {
      const events = busyShowOrders(seq + 1, BUSY_HOUR.orders, (n) => skuOf(n % productCount), Math.round(1 / BUSY_HOUR.refundShare));
      seq += BUSY_HOUR.orders;
      for (let i = 0; i < events.length; i += 200) await postOrdersOk(studio.url, secret, { events: events.slice(i, i + 200) });
      await measure(`hour ${hour}: ${seq} orders`);
    }
    const page = await browser.newPage();
    await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
    await page.getByTestId('show-title').waitFor({ timeout: 30_000 });
    await measure('with the anchor window open');
    await page.close();
    // V8's memory reducer gives back heap a quiet process no longer needs: what a show between bursts costs.
    await sleep(30_000);
    await measure('after 30 s without orders');
    await studio.stop({ keepData: true });
    studio = await startBuiltStudio({ dataDir: data.path });
    await measure('restarted on the same data');
    const bare = await bareNodeMb();
    const last = rows.find((r) => r.step === 'with the anchor window open')!;
    const max = Math.max(...rows.map((r) => r.rssMb));
    process.stdout.write(`\nbaseline: a bare Node process ${bare.toFixed(1)} MB; the hub with the full show ${last.rssMb.toFixed(1)} MB (${(last.rssMb / bare).toFixed(2)}x); `);
    process.stdout.write(`highest RSS ${max.toFixed(1)} MB, target <= ${TARGET_MB}: ${max <= TARGET_MB ? 'met' : 'not met'}\n\n`);
    for (const r of rows) process.stdout.write(`${r.step.padEnd(40)} ${'█'.repeat(Math.max(1, Math.round((r.rssMb / max) * 40)))} ${r.rssMb.toFixed(0)}\n`);
  } finally {
    await browser.close();
    await studio.stop();
    data.remove();
  }
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
