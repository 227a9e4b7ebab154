/**
 * Headless start to UI interactive, cold and warm (#19: target <= 1.0 s).
 *
 * Each run spawns the built headless studio (`node dist/main/headless.cjs`, what `npm start` runs; OBS off, so the
 * figure is the studio's own, not OBS's launch) and opens its URL in Chromium (already running, in a blank tab of a
 * fresh context: no HTTP cache, the tab's own start not counted, as a browser the anchor already has open). Phases:
 * the studio prints its URL (hub and UI server up, from the spawn), then from opening the URL: the page's load event
 * and interactive (the status bar says the hub is connected and the show's title is on screen: the state arrived);
 * ready is their sum, spawn to interactive.
 *   cold: a fresh data dir (databases created, migrations run, keys made) after the page cache is dropped (when this
 *         user may: root on Linux), so the bundles are read from disk;
 *   warm: the same data dir again, files in the page cache.
 * Baselines in the same run: a bare `node -e 0` (spawn to exit) and Chromium loading a one-line page from a local
 * server, the floors no studio can go under.
 *
 * Run: npx tsx bench/startup.ts [warm runs=5] [cold runs=3].
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_PATH } from '../playwright.config';
import { BUNDLE_DIR, UI_DIR } from '../tests/helpers/built-studio';
import { firstLoadScripts } from '../tests/helpers/first-load';
import { makeTempDir } from '../tests/helpers/temp-dir';
import { percentile, sorted } from './bench-stats';

const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

interface StartRun {
  kind: 'cold' | 'warm';
  /** Spawn -> the studio printed its URL. */
  up: number;
  /** Opening the URL -> the page's load event. */
  loaded: number;
  /** Opening the URL -> connected with the show's state on screen. */
  interactive: number;
  /** Spawn -> interactive (up + interactive). */
  ready: number;
}

/** Drops the page cache so a cold start reads its bundles from disk; false where this user may not. */
function dropPageCache(): boolean {
  try {
    spawnSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/** Starts the built studio in its own process, opens it in a fresh context, and stops it again. */
async function startOnce(browser: Browser, dataDir: string, kind: StartRun['kind']): Promise<StartRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('about:blank');
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/main/headless.cjs'], {
    env: { ...process.env, ANCHOR_DATA_DIR: dataDir, ANCHOR_OBS: 'off', ANCHOR_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        const match = URL_LINE.exec(out);
        if (!match) return;
        // Found: stop collecting (the studio keeps logging while it is measured), keep the pipes drained.
        child.stdout.off('data', read).resume();
        child.stderr.off('data', readError).resume();
        resolve(match[1]!);
      };
      const readError = (chunk: Buffer) => (out += chunk.toString());
      child.stdout.on('data', read);
      child.stderr.on('data', readError);
      void exited.then((code) => reject(new Error(`the studio exited (${code}) before printing its URL:\n${out.slice(-2000)}`)));
    });
    const up = performance.now() - t0;
    const t1 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    const loaded = performance.now() - t1;
    await page.locator('[data-testid="hub-status"][data-status="connected"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('show-title').waitFor({ state: 'visible', timeout: 30_000 });
    const interactive = performance.now() - t1;
    return { kind, up, loaded, interactive, ready: up + interactive };
  } finally {
    await context.close();
    child.kill('SIGINT');
    const code = await exited;
    if (code !== 0) throw new Error(`the studio did not quit cleanly on Ctrl+C (exit ${code})`);
  }
}

/** Spawn to exit of a bare Node, the floor of any process start. */
function bareNode(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

/** Chromium loading a one-line page from a local server (in a blank tab of a fresh context), the floor of any page. */
async function barePage(browser: Browser): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p id="x">ok</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: 'load' });
    await page.locator('#x').waitFor();
    const ms = performance.now() - t0;
    await context.close();
    return ms;
  } finally {
    server.close();
  }
}

/** What a window runs before it shows anything, and what the hub sends of it to a browser (brotli). */
function firstLoadLine(): string {
  const scripts = firstLoadScripts(UI_DIR);
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const raw = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const sent = scripts.reduce((sum, s) => sum + s.sentBytes, 0);
  return `first load: ${scripts.length} scripts, ${kb(raw)} to run, ${kb(sent)} sent (brotli): ${scripts.map((s) => `${s.file.replace('assets/', '')} ${kb(s.bytes)}`).join(', ')}`;
}

async function main(): Promise<void> {
  const warmRuns = Number(process.argv[2] ?? 5);
  const coldRuns = Number(process.argv[3] ?? 3);
  if (!existsSync(join(BUNDLE_DIR, 'headless.cjs'))) throw new Error('The studio is not built: run "npm run build" first.');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  const runs: StartRun[] = [];
  const temps: Array<{ remove(): void }> = [];
  let isCacheDropped = true;
  try {
    // One start nobody counts: Chromium's own first context and the OS's first read of Node are not the studio's.
    const first = makeTempDir('anchor-startup-');
    temps.push(first);
    await startOnce(browser, first.path, 'warm');
    for (let i = 0; i < coldRuns; i++) {
      const temp = makeTempDir('anchor-startup-');
      temps.push(temp);
      isCacheDropped = dropPageCache() && isCacheDropped;
      runs.push(await startOnce(browser, temp.path, 'cold'));
    }
    for (let i = 0; i < warmRuns; i++) runs.push(await startOnce(browser, first.path, 'warm'));
    const node = sorted(Array.from({ length: 5 }, bareNode));
    const pages: number[] = [];
    for (let i = 0; i < 5; i++) pages.push(await barePage(browser));
    const page = sorted(pages);

    const fmt = (n: number) => n.toFixed(0).padStart(7);
    const lines = [
      `Headless start to UI interactive (OBS off, built studio, Chromium ${browser.version()}), ms; median of each kind`,
      `${'run'.padEnd(10)}${'URL'.padStart(7)}${'load'.padStart(7)}${'inter'.padStart(7)}${'ready'.padStart(7)}   (URL from the spawn; load and interactive from opening the URL; ready = URL + interactive)`,
      ...runs.map((r, i) => `${`${r.kind} ${i + 1}`.padEnd(10)}${fmt(r.up)}${fmt(r.loaded)}${fmt(r.interactive)}${fmt(r.ready)}`),
    ];
    for (const kind of ['cold', 'warm'] as const) {
      const of = runs.filter((r) => r.kind === kind);
      if (of.length === 0) continue;
      const median = (pick: (r: StartRun) => number) => percentile(sorted(of.map(pick)), 50);
      const ready = median((r) => r.ready);
      lines.push(`${`${kind} p50`.padEnd(10)}${fmt(median((r) => r.up))}${fmt(median((r) => r.loaded))}${fmt(median((r) => r.interactive))}${fmt(ready)}   target <= 1000: ${ready <= 1000 ? 'met' : 'not met'}`);
    }
    const warm = percentile(sorted(runs.filter((r) => r.kind === 'warm').map((r) => r.ready)), 50);
    lines.push(
      `baselines: bare node spawn-to-exit p50 ${percentile(node, 50).toFixed(0)} ms; Chromium one-line page p50 ${percentile(page, 50).toFixed(0)} ms`,
      `warm ready / (bare node + bare page): ${(warm / (percentile(node, 50) + percentile(page, 50))).toFixed(2)}x`,
      firstLoadLine(),
      isCacheDropped ? 'cold runs read from disk (page cache dropped before each)' : 'page cache NOT dropped (not root): cold runs differ from warm only by a fresh data dir',
      '',
    );
    process.stdout.write(lines.join('\n'));
  } finally {
    await browser.close();
    for (const temp of temps) temp.remove();
  }
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
});
