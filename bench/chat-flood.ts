/**
 * Chat flood: N messages/s for S seconds through the signed `POST /api/v1/chat` into the anchor UI in Chromium, next
 * to a baseline page fed by the same hub that appends every message as plain DOM text (no framework, no
 * virtualization, no cap). Same seeded messages and the same posting schedule in both phases, one run.
 *
 * Prints, per page: ingest -> on-screen latency p50/p99 (send time stamped in the message, first appearance in the
 * DOM, taken at the next animation frame), frames per second during the flood (median and worst second), renderer JS
 * heap before (after a 1,000-message warm-up) and after (forced GC once the flood has drained).
 *
 * `--via bridges`: the same flood spread evenly over four bridges the studio runs, each speaking its own protocol: a Social
 * Stream Ninja link (HTTP posts of SSN message lists), a Twitch channel (IRC PRIVMSG lines over a local WebSocket
 * server), oba-live-tool (one JSON frame per message from a local WebSocket server) and the signed endpoint (your own
 * bridge). The baseline page is fed the same way.
 *
 * Run: npx tsx bench/chat-flood.ts [--rate 2000] [--seconds 60] [--tick-ms 50] [--via signed|bridges] [--ui dist/renderer].
 * Quick look: --seconds 10.
 * Needs Debian's /usr/bin/chromium (ANCHOR_CHROMIUM overrides) and builds the UI when dist/renderer is missing.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHAT_LIMITS } from '../electron/features/chat/domain/chat';
import { createChatSimulation, DEFAULT_SIMULATION } from '../electron/features/chat/domain/chat-simulation';
import { createLogger } from '../electron/core/hub/logger';
import { sleep } from './bench-stats';
import { startHub, type Hub } from '../electron/core/hub/server';
import { HUB_FEATURES } from '../electron/studio/hub-features';
import { signWebhook } from '../electron/core/hub/auth/webhook-auth';
import type { ChatIngestInfo } from '../electron/features/chat/protocol/chat-events';
import type { ChatMessage } from '../electron/features/chat/domain/chat';
import type { BridgeLink } from '../electron/features/bridges/protocol/bridge-commands';
import type { BridgesEvent } from '../electron/features/bridges/protocol/bridge-events';
import { WebSocketServer } from 'ws';
import { FakeOba } from '../tests/helpers/fake-oba';

const CHROMIUM_PATH = process.env.ANCHOR_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const PRODUCTS = [
  { id: 'teapot', title: '紫砂壶', aliases: ['西施壶', 'clay teapot'] },
  { id: 'cups', title: '青瓷杯', aliases: ['celadon cups'] },
];

/** Figures of one page under the flood. */
interface PhaseResult {
  name: string;
  posted: number;
  accepted: number;
  latency: { samples: number; p50: number; p99: number };
  /** Per-second frame rates: median, 5th percentile, the worst second and when it was (seconds into the flood). */
  fps: { median: number; p5: number; worst: number; worstAt: number };
  heapMb: { before: number; after: number };
}

/** Percentile of a sorted sample (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}


/** Page-side probes: first appearance of each "#<n> t=<ms>" in the DOM, and frames counted per second. */
const PROBE = `(() => {
  const b = (window.__bench = { samples: [], frames: [], seen: new Set(), measuring: false });
  let pending = [];
  let scheduled = false;
  new MutationObserver((records) => {
    if (!b.measuring) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      const re = /#(\\d+) t=(\\d+)/g;
      let m;
      const text = n.textContent || '';
      while ((m = re.exec(text))) {
        const seq = Number(m[1]);
        if (!b.seen.has(seq)) { b.seen.add(seq); pending.push(Number(m[2])); }
      }
    }
    if (pending.length && !scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        const shown = performance.timeOrigin + performance.now();
        for (const sent of pending) b.samples.push(shown - sent);
        pending = [];
        scheduled = false;
      });
    }
  }).observe(document.body, { childList: true, subtree: true });
  let last = performance.now();
  let count = 0;
  const frame = (ts) => {
    if (b.measuring) {
      count += 1;
      if (ts - last >= 1000) { b.frames.push((count * 1000) / (ts - last)); count = 0; last = ts; }
    } else { last = ts; count = 0; }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

const BASELINE_ENTRY = `
import { io } from 'socket.io-client';
const token = new URLSearchParams(location.search).get('token');
const list = document.getElementById('list');
const socket = io({ auth: { token }, transports: ['websocket'] });
socket.on('chat.batch', (batch) => {
  const frag = document.createDocumentFragment();
  for (const m of batch.messages) {
    const div = document.createElement('div');
    div.textContent = m.user.name + ': ' + m.text;
    frag.appendChild(div);
  }
  list.appendChild(frag);
  list.scrollTop = list.scrollHeight;
});
socket.on('connect', () => document.body.setAttribute('data-connected', 'true'));
`;

async function buildBaseline(dir: string): Promise<void> {
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, BASELINE_ENTRY);
  await build({ entryPoints: [entry], bundle: true, format: 'iife', outfile: join(dir, 'baseline.js'), logLevel: 'error', nodePaths: [resolve('node_modules')] });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head>' +
      '<body style="margin:0;background:#0f1115;color:#e7e9ee;font:15px sans-serif">' +
      '<div id="list" style="height:100vh;overflow:auto"></div><script src="/baseline.js"></script></body></html>',
  );
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / (1024 * 1024);
}

/** Hands a chunk of messages to one source (a bridge's protocol); resolves with how many the hub said it accepted, if it says. */
type Sender = (messages: ChatMessage[]) => Promise<number>;

/** The signed endpoint: one POST per chunk. */
function signedSender(hub: Hub, secret: string): Sender {
  return async (messages) => {
    const body = JSON.stringify({ messages });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${hub.url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Anchor-Timestamp': String(ts), 'X-Anchor-Signature': signWebhook(secret, ts, body) },
      body,
    });
    const json = (await res.json()) as { accepted?: number; error?: { message: string } };
    if (!res.ok) console.error(`flood post refused (${res.status}): ${json.error?.message}`);
    return json.accepted ?? 0;
  };
}

/** Four bridges the studio runs, each fed in its own protocol, and how to close what the bench opened for them. */
async function bridgeSenders(hub: Hub, secret: string, twitch: WebSocketServer): Promise<{ senders: Sender[]; accepted(): number; close(): Promise<void> }> {
  const anchor = { id: 'bench', role: 'anchor', name: 'bench' } as const;
  const add = async (payload: object) =>
    ((await hub.features.get('bridges')!.commands!['bridge.add']!(payload as never, anchor)) as { ok: true; data: BridgeLink }).data;
  const oba = new FakeOba();
  await oba.listening();
  const ssn = await add({ kind: 'ssn', name: 'SSN' });
  await add({ kind: 'twitch', name: 'Twitch', channel: 'bench_channel' });
  await add({ kind: 'oba', name: 'oba', address: oba.address });
  while (twitch.clients.size === 0 || oba.server.clients.size === 0) await sleep(20);
  let id = 0;
  const ssnSender: Sender = async (messages) => {
    const body = JSON.stringify({ messages: messages.map((m) => ({ chatname: m.user.name, chatmessage: m.text, textonly: true, type: 'youtube', userid: m.user.id })) });
    const res = await fetch(ssn.url!, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (!res.ok) console.error(`SSN post refused (${res.status}): ${await res.text()}`);
    return 0; // counted by the bridge's own status, like the connections' messages
  };
  const twitchSender: Sender = async (messages) => {
    const lines = messages.map((m) => `@display-name=${m.user.name.replace(/[\s;]/g, '_')};id=tw-${(id += 1)};user-id=${m.user.id};tmi-sent-ts=${m.ts} :u!u@u.tmi.twitch.tv PRIVMSG #bench_channel :${m.text}`);
    for (const client of twitch.clients) client.send(lines.join('\r\n') + '\r\n');
    return 0;
  };
  const obaSender: Sender = async (messages) => {
    for (const m of messages) oba.broadcast({ msg_type: 'comment', msg_id: `oba-${(id += 1)}`, nick_name: m.user.name, user_id: m.user.id, content: m.text });
    return 0;
  };
  const accepted = () => {
    let sum = 0;
    hub.features.get('bridges')!.onConnect!((event, payload) => {
      if (event === 'bridges.status') for (const b of (payload as BridgesEvent).bridges) sum += b.accepted;
    }, anchor, {});
    return sum;
  };
  return { senders: [ssnSender, twitchSender, obaSender, signedSender(hub, secret)], accepted, close: () => oba.close() };
}

/** A stand-in for Twitch's IRC WebSocket that accepts the anonymous login (the bench only sends it chat lines). */
function startTwitchServer(): Promise<WebSocketServer> {
  return new Promise((resolveServer) => {
    const server: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => resolveServer(server));
  });
}

/**
 * Posts the flood on a fixed schedule (catching up if a tick runs late), each chunk shared round-robin among the
 * senders, and resolves with posted/accepted counts (accepted as the senders' answers say).
 */
async function flood(senders: Sender[], rate: number, seconds: number, tickMs: number, runId = 'flood') {
  const simulation = createChatSimulation({ ...DEFAULT_SIMULATION, burst: null }, PRODUCTS, runId === 'flood' ? 42 : 7);
  const total = Math.round(rate * seconds);
  const start = Date.now();
  let posted = 0;
  let accepted = 0;
  const inFlight = new Set<Promise<void>>();
  while (posted < total) {
    const due = Math.min(total, Math.floor(((Date.now() - start) * rate) / 1000));
    // A late tick (a busy machine) catches up, but never past the endpoint's 1000 messages per request.
    const count = Math.min(due - posted, CHAT_LIMITS.messagesPerBatch);
    if (count > 0) {
      const now = Date.now();
      const messages = simulation.next(count, now, runId).map((m, i) => ({ ...m, text: runId === 'flood' ? `${m.text} #${posted + i} t=${now}` : m.text }));
      posted += count;
      senders.forEach((send, s) => {
        const share = messages.filter((_, i) => i % senders.length === s);
        if (share.length === 0) return;
        const p: Promise<void> = send(share)
          .then((n) => void (accepted += n))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      });
    }
    await sleep(due - posted > 0 ? 0 : tickMs); // behind schedule: yield, then post the next chunk
  }
  await Promise.all(inFlight);
  return { posted, accepted };
}

async function runPhase(browser: Browser, name: string, staticDir: string, opts: { rate: number; seconds: number; tickMs: number; via: string }): Promise<PhaseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-chat-bench-'));
  const twitch = opts.via === 'bridges' ? await startTwitchServer() : null;
  if (twitch) process.env.ANCHOR_TWITCH_IRC_URL = `ws://127.0.0.1:${(twitch.address() as { port: number }).port}`;
  const hub = await startHub({ features: HUB_FEATURES, dataDir, staticDir, logger: createLogger({ minLevel: 'error' }) });
  let bridges: Awaited<ReturnType<typeof bridgeSenders>> | null = null;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await hub.features.get('chat')!.commands!['chat.products.set']!({ products: PRODUCTS } as never, { id: 'bench', role: 'anchor', name: 'bench' });
    const info = (await hub.features.get('chat')!.commands!['chat.ingestInfo']!({} as never, { id: 'bench', role: 'anchor', name: 'bench' })) as {
      ok: true;
      data: ChatIngestInfo;
    };
    await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
    if (name === 'baseline') await page.waitForSelector('body[data-connected="true"]', { state: 'attached' });
    else await page.waitForSelector('[data-testid="hub-status"][data-status="connected"]');
    await page.evaluate(PROBE);
    // Warm-up: fill the studio's ring buffer (500) and questions lane first, so "before" is a show in progress,
    // not an empty window; the baseline gets the same messages.
    const signed = [signedSender(hub, info.data.secret)];
    bridges = twitch ? await bridgeSenders(hub, info.data.secret, twitch) : null;
    await flood(signed, 500, 2, opts.tickMs, 'warm');
    await sleep(1500);
    const before = await heapMb(page);
    await page.evaluate(() => ((window as unknown as { __bench: { measuring: boolean } }).__bench.measuring = true));
    const result = await flood(bridges?.senders ?? signed, opts.rate, opts.seconds, opts.tickMs);
    await sleep(1500); // let the last batches reach the screen
    const posted = result.posted;
    // The signed posts' answers, plus what each bridge counted (connections answer nothing per message).
    const accepted = result.accepted + (bridges?.accepted() ?? 0);
    const probe = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { samples: number[]; frames: number[]; measuring: boolean; seen: Set<number> } }).__bench;
      b.measuring = false;
      const out = { samples: b.samples, frames: b.frames };
      // Drop the probe's own data before the heap is measured: 100k+ seen ids would count as the page's memory.
      b.seen = new Set();
      b.samples = [];
      b.frames = [];
      return out;
    });
    await sleep(2000);
    const after = await heapMb(page);
    const latencies = probe.samples.sort((a, b) => a - b);
    const worstAt = probe.frames.indexOf(Math.min(...probe.frames));
    if (process.env.BENCH_VERBOSE) console.log(name, "fps per second:", probe.frames.map((x) => Math.round(x)).join(" "));
    const frames = [...probe.frames].sort((a, b) => a - b);
    return {
      name,
      posted,
      accepted,
      latency: { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      fps: { median: percentile(frames, 50), p5: percentile(frames, 5), worst: frames[0] ?? Number.NaN, worstAt },
      heapMb: { before, after },
    };
  } finally {
    await page.close();
    await hub.close();
    await bridges?.close();
    await new Promise((r) => (twitch ? twitch.close(r) : r(undefined)));
    delete process.env.ANCHOR_TWITCH_IRC_URL;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ui: { type: 'string', default: 'dist/renderer' },
      rate: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '60' },
      'tick-ms': { type: 'string', default: '50' },
      via: { type: 'string', default: 'signed' },
    },
  });
  const opts = { rate: Number(values.rate), seconds: Number(values.seconds), tickMs: Number(values['tick-ms']), via: values.via! };
  if (!(opts.rate > 0 && opts.seconds > 0 && opts.tickMs >= 5)) throw new Error('Use --rate > 0, --seconds > 0 and --tick-ms >= 5.');
  if (opts.via !== 'signed' && opts.via !== 'bridges') throw new Error('Use --via signed (one signed endpoint) or --via bridges (SSN, Twitch, oba and the signed endpoint).');
  const UI_DIR = resolve(values.ui!);
  if (!existsSync(join(UI_DIR, 'index.html'))) {
    console.log('building the UI (dist/renderer is missing)…');
    const built = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('UI build failed: run "npx vite build --config renderer/vite.config.ts" and read its errors.');
  }
  const baselineDir = mkdtempSync(join(tmpdir(), 'anchor-chat-baseline-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await buildBaseline(baselineDir);
    console.log(`chat flood: ${opts.rate} msg/s for ${opts.seconds} s, posts every ${opts.tickMs} ms, via ${opts.via === 'bridges' ? 'four bridges (SSN, Twitch, oba, signed)' : 'the signed endpoint'}, Chromium ${browser.version()}`);
    const results = [await runPhase(browser, 'studio', UI_DIR, opts), await runPhase(browser, 'baseline', baselineDir, opts)];
    const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
    console.log('');
    console.log('page       posted  accepted  shown   latency p50   p99      fps median  p5      worst (at s)   heap MB before -> after  (change)');
    for (const r of results) {
      const change = ((r.heapMb.after - r.heapMb.before) / r.heapMb.before) * 100;
      console.log(
        `${r.name.padEnd(9)}  ${String(r.posted).padStart(6)}  ${String(r.accepted).padStart(8)}  ${String(r.latency.samples).padStart(6)}  ` +
          `${f(r.latency.p50).padStart(8)} ms  ${f(r.latency.p99).padStart(6)} ms  ${f(r.fps.median).padStart(8)}  ${f(r.fps.p5).padStart(6)}  ${f(r.fps.worst).padStart(6)} (${String(r.fps.worstAt + 1).padStart(3)})  ` +
          `${f(r.heapMb.before).padStart(8)} -> ${f(r.heapMb.after).padStart(7)}  (${change >= 0 ? '+' : ''}${f(change)}%)`,
      );
    }
    console.log('');
    console.log('targets (studio): p99 < 150 ms, fps >= 50, heap after within 10% of before.');
    console.log('"shown" counts messages that reached the DOM: the studio list is virtualized, so only rows that were on screen count.');
  } finally {
    await browser.close();
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
