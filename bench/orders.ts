/**
 * Order ingest: sustained orders/s acknowledged, and order -> tally latency at a fixed offered rate, against a
 * baseline of raw better-sqlite3 inserts (same durability: WAL, synchronous=FULL) in the same run.
 *
 *   baseline:  INSERT one row per transaction, and 100 rows per transaction, into a bare table
 *   sustained: 64 clients POST signed requests to a hub child process as fast as it answers: single orders, then
 *              batched bodies of 10 and of 50 orders (`{"events": [...]}`, as platforms that batch send them)
 *   latency:   orders offered at RATE/s (open loop, PER orders per request); time from sending an order to the first
 *              tally event that includes it reaching (a) a socket.io client, (b) the sales panel's DOM in Chromium
 *
 * Run: npx tsx bench/orders.ts [rate=2000] [seconds=10] [per=1] [skus=40]. Needs the built UI (npm run build:renderer)
 * for (b). `skus` is how many products the orders spread over, each with its stock set: every tally event carries a
 * figure and a stock line per product, so 2000 (the full catalog) is what a big shop's show costs.
 * The load generator runs on the same cores as the hub: at single-order requests it spends about 150 us of CPU per
 * order itself, so on 2 cores it, not the hub, sets the ceiling; batched bodies show what the hub takes.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from '@playwright/test';
import { io } from 'socket.io-client';
import type { OrderEvent } from '../electron/features/sales/domain/ledger';
import { signWebhook } from '../electron/core/hub/auth/webhook-auth';
import { TALLY_EVENT, TALLY_PATCH_EVENT, type TallyEvent, type TallyPatchEvent } from '../electron/features/sales/protocol/sales-events';
import { freePort } from '../tests/helpers/free-port';
import { postCommandOk } from '../tests/helpers/hub';
import { startHubProcess } from '../tests/helpers/hub-process';
import { percentile, sleep } from './bench-stats';

const RATE = Number(process.argv[2] ?? 2000);
const SECONDS = Number(process.argv[3] ?? 10);
const PER = Math.max(1, Number(process.argv[4] ?? 1));
const SKUS = Math.max(1, Number(process.argv[5] ?? 40));
const TOKEN = 'bench-anchor-token-' + 'b'.repeat(24);
/** The orders endpoint's secret (the chat one is another). */
const SECRET = 'bench-orders-secret-' + 's'.repeat(24);
const UI_DIR = resolve('dist/renderer');
const CHROMIUM = process.env.ANCHOR_CHROMIUM ?? '/usr/bin/chromium';

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : 'n/a');

let counter = 0;
function nextOrder(): OrderEvent {
  const n = counter++;
  return {
    eventId: `b${n}`,
    platform: n % 3 === 0 ? 'taobao' : 'douyin',
    orderId: `bench-${n}`,
    status: 'paid',
    occurredAt: Date.now(),
    currency: 'CNY',
    items: [{ sku: `SKU-${n % SKUS}`, quantity: 1 + (n % 3), unitPrice: 990 + (n % 17) * 100 }],
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

type SignedBody = { raw: Buffer; ts: number; signature: string };

/** Serialises and signs one request body (done ahead of the open-loop run, so the generator only sends). */
function signBody(events: OrderEvent[]): SignedBody {
  const raw = Buffer.from(JSON.stringify(events.length === 1 ? events[0] : { events }));
  const ts = Math.floor(Date.now() / 1000);
  return { raw, ts, signature: signWebhook(SECRET, ts, raw) };
}

/** POSTs one signed body; resolves with the tally seq that includes it. */
function post(port: number, body: SignedBody | OrderEvent[]): Promise<number> {
  const { raw, ts, signature } = Array.isArray(body) ? signBody(body) : body;
  return new Promise((resolvePost, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port, path: '/api/v1/orders', method: 'POST', agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': raw.length, 'X-Anchor-Timestamp': String(ts), 'X-Anchor-Signature': signature },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`hub answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
          resolvePost((JSON.parse(Buffer.concat(chunks).toString()) as { seq: number }).seq);
        });
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

function baseline(): { perTx: number; batched: number } {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-bench-sqlite-'));
  try {
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE orders (platform TEXT NOT NULL, event_id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (platform, event_id))');
    const insert = db.prepare('INSERT INTO orders (platform, event_id, body) VALUES (?, ?, ?)');
    const one = db.transaction((e: OrderEvent) => insert.run(e.platform, e.eventId, JSON.stringify(e)));
    const many = db.transaction((es: OrderEvent[]) => es.forEach((e) => insert.run(e.platform, e.eventId, JSON.stringify(e))));
    let start = performance.now();
    let n = 0;
    while (performance.now() - start < 3000) one(nextOrder()), n++;
    const perTx = n / ((performance.now() - start) / 1000);
    start = performance.now();
    n = 0;
    while (performance.now() - start < 3000) many(Array.from({ length: 100 }, nextOrder)), (n += 100);
    const batched = n / ((performance.now() - start) / 1000);
    db.close();
    return { perTx, batched };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sustained(port: number, seconds: number, perRequest: number): Promise<number> {
  let acked = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      await post(port, Array.from({ length: perRequest }, nextOrder));
      acked += perRequest;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 64 }, worker));
  return acked / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  // Figures depend on what else the machine runs: print it, so a reader can judge them.
  console.log(`Order ingest bench: offered rate ${RATE} orders/s for ${SECONDS} s, ${SKUS} products; Node ${process.version}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const base = baseline();
  console.log(`baseline raw better-sqlite3 (WAL, synchronous=FULL): ${fmt(base.perTx)} inserts/s one per transaction, ${fmt(base.batched)} inserts/s 100 per transaction`);

  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-bench-hub-'));
  const hasUi = existsSync(join(UI_DIR, 'index.html'));
  const hub = await startHubProcess({ port: await freePort(), dataDir, anchorToken: TOKEN, ingestSecret: `${SECRET}-chat`, ordersSecret: SECRET, uiDir: hasUi ? UI_DIR : undefined });
  const port = Number(new URL(hub.url).port);
  let browser: Browser | null = null;
  const socket = io(hub.url, { auth: { token: TOKEN }, transports: ['websocket'] });
  try {
    const socketSeen = new Map<number, number>();
    socket.on(TALLY_EVENT, (e: TallyEvent) => socketSeen.set(e.seq, Date.now()));
    socket.on(TALLY_PATCH_EVENT, (e: TallyPatchEvent) => socketSeen.set(e.seq, Date.now()));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    for (let i = 0; i < SKUS; i += 500) {
      const items = Array.from({ length: Math.min(500, SKUS - i) }, (_, j) => ({ sku: `SKU-${i + j}`, initial: 100_000_000, lowAt: 10 }));
      await postCommandOk(hub.url, TOKEN, 'sales.setStocks', { items });
    }

    // The sales panel in Chromium records when each tally seq lands in its DOM.
    let uiNote = hasUi ? '' : 'dist/renderer is not built (npm run build:renderer)';
    let page: import('@playwright/test').Page | null = null;
    if (hasUi) {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
      page = await browser.newPage();
      await page.goto(`${hub.url}/?token=${TOKEN}`);
      await post(port, [nextOrder()]); // so the panel shows figures (and its data-seq) before measuring
      try {
        await page.waitForSelector('.sales[data-seq]', { timeout: 15_000 });
        await page.evaluate(() => {
          const w = window as unknown as { __seqSeen: [number, number][] };
          w.__seqSeen = [];
          const el = document.querySelector('.sales')!;
          new MutationObserver(() => w.__seqSeen.push([Number(el.getAttribute('data-seq')), Date.now()])).observe(el, { attributes: true, attributeFilter: ['data-seq'] });
        });
      } catch {
        uiNote = 'the sales panel did not render in Chromium within 15 s';
        page = null;
      }
    }

    const throughput = await sustained(port, 5, 1);
    console.log(`studio sustained: ${fmt(throughput)} orders/s acknowledged (64 concurrent single-order requests, signed, group commit, synchronous=FULL)`);
    for (const perRequest of [10, 50]) {
      await sleep(500);
      const rate = await sustained(port, 5, perRequest);
      console.log(`studio sustained: ${fmt(rate)} orders/s acknowledged (64 concurrent requests of ${perRequest} orders; ${fmt(rate / base.perTx)}x raw one-per-transaction, ${fmt(rate / base.batched)}x raw 100-per-transaction)`);
    }
    await sleep(1000);

    // Open loop: every ~5 ms send the orders due so far, one request each, whatever the answers do. Bodies are signed
    // beforehand (timestamps stay well inside the 5-minute window) so the generator's own CPU use is only the send.
    const bodies = Array.from({ length: Math.ceil((RATE * SECONDS) / PER) }, () => signBody(Array.from({ length: PER }, nextOrder)));
    const sent: { at: number; seq: Promise<number> }[] = [];
    const startedAt = performance.now();
    while (sent.length < bodies.length) {
      // Catch up to the schedule (RATE per second since the start) after every wake-up, however late the timer was.
      const due = Math.min(bodies.length, Math.floor(((performance.now() - startedAt) / 1000) * (RATE / PER)));
      while (sent.length < due) sent.push({ at: Date.now(), seq: post(port, bodies[sent.length]!) });
      await sleep(5);
    }
    const offered = (sent.length * PER) / ((performance.now() - startedAt) / 1000);
    const seqs = await Promise.all(sent.map((s) => s.seq));
    await sleep(1000);
    const uiSeen = page ? new Map(await page.evaluate(() => (window as unknown as { __seqSeen: [number, number][] }).__seqSeen)) : null;

    const latency = (seen: Map<number, number>) => {
      const keys = [...seen.keys()].sort((a, b) => a - b);
      const out: number[] = [];
      sent.forEach((s, i) => {
        // First delivery at or after the order's seq (a client may skip seqs when renders coalesce).
        const k = keys.find((x) => x >= seqs[i]!);
        if (k !== undefined) out.push(seen.get(k)! - s.at);
      });
      return out.sort((a, b) => a - b);
    };
    const viaSocket = latency(socketSeen);
    const shortfall = offered < RATE * 0.95 ? ` (below the ${RATE}/s asked: the load generator shares the cores with the hub and Chromium)` : '';
    console.log(`offered ${fmt(offered)} orders/s for ${SECONDS} s (${sent.length * PER} orders in ${sent.length} requests of ${PER}), all acknowledged${shortfall}`);
    console.log(`order -> tally event at a socket.io client: p50 ${fmt(percentile(viaSocket, 50))} ms, p99 ${fmt(percentile(viaSocket, 99))} ms, max ${fmt(viaSocket.at(-1) ?? NaN)} ms (n=${viaSocket.length})`);
    if (uiSeen) {
      const viaUi = latency(uiSeen);
      console.log(`order -> tally in the sales panel DOM (Chromium): p50 ${fmt(percentile(viaUi, 50))} ms, p99 ${fmt(percentile(viaUi, 99))} ms, max ${fmt(viaUi.at(-1) ?? NaN)} ms (n=${viaUi.length}; ${uiSeen.size} DOM updates)`);
    } else console.log(`order -> tally on screen: not measured: ${uiNote}`);
    console.log(`target p99 < 200 ms; studio/baseline ratio (sustained vs one insert per transaction): ${fmt(throughput / base.perTx)}x`);
  } finally {
    socket.close();
    await browser?.close();
    await hub.stop();
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
