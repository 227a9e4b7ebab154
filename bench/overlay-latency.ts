/**
 * Product card latency: a cue change until the new card is visible in an OBS screenshot of the program scene, against
 * the raw OBS path (obs-websocket SetInputSettings of an already painted PNG -> visible), same OBS, same run.
 *
 *   studio: UI client sends `cue.goto` -> hub builds the card -> engine paints SVG -> PNG -> OBS image source -> visible
 *   raw:    SetInputSettings { file } with a PNG painted beforehand -> visible
 * Both are detected the same way: screenshots of the program scene back to back until one differs from the last.
 *
 * Run: npx tsx bench/overlay-latency.ts [iterations=30]. Needs OBS (and Xvfb on a machine without a display).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Product } from '../electron/features/catalog/domain/catalog';
import { buildOverlayCard } from '../electron/features/overlay/domain/overlay-card';
import { OverlayPainter, PRODUCT_CARD_SOURCE } from '../electron/features/overlay/engine/overlay-painter';
import { CardPictures } from '../electron/features/overlay/engine/card-pictures';
import { SILENT_LOGGER } from '../electron/core/engine/obs-session';
import type { StudioState } from '../electron/core/domain/studio-state';
import type { CommandResult } from '../electron/core/protocol';
import { mean, percentile, sleep, sorted } from './bench-stats';
import { runBenchStudio, runMain } from './bench-studio';
import { onEveryState } from '../tests/helpers/hub';

const SCENE = 'Flash sale';

function product(sku: string, price: number, zh: string): Product {
  return {
    sku, title: { zh, en: zh }, price, listPrice: price * 2, currency: 'CNY', stock: null, sellingPoints: ['手工制作'], script: '',
    image: null, tags: [], scene: SCENE, cameraPreset: null,
  };
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 30);
  const options = { watchdogMs: 120_000 + iterations * 4000, isReady: (s: StudioState) => s.scenes.names.includes(SCENE) };
  await runBenchStudio(options, async ({ state, ui, raw, dataDir, connectUi }) => {
    // A second window (the co-host's, here with the anchor token): when does it see the cue the first one went to?
    const other = await connectUi();
    const send = async (name: string, payload: unknown): Promise<CommandResult> => {
      const result = await ui.timeout(10_000).emitWithAck('command', { name, payload });
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result;
    };
    const products = [product('A', 12_800, '柴烧茶壶'), product('B', 3_900, '建盏茶杯')];
    await send('catalog.upsert', { products });
    for (const [i, p] of products.entries()) {
      await send('cue.add', { cue: { id: `c${i}`, kind: 'product', sku: p.sku, segment: null, label: '', plannedMs: 60_000, scene: SCENE, cameraPreset: null } });
    }

    const shot = async () => (await raw.call('GetSourceScreenshot', { sourceName: SCENE, imageFormat: 'png', imageWidth: 320 })).imageData;
    const shotTimes: number[] = [];
    /** Screenshots until the picture differs from `before`; returns when the first differing one was taken. */
    const untilChanged = async (before: string): Promise<number> => {
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        const now = await shot();
        shotTimes.push(performance.now() - t);
        if (now !== before) return performance.now();
      }
      const settings = await raw.call('GetInputSettings', { inputName: PRODUCT_CARD_SOURCE });
      throw new Error(`the card never changed on screen (${JSON.stringify(settings.inputSettings)})`);
    };

    // Raw baseline files: two other cards of the same kind, painted once outside the timed loop (other products, so a
    // raw change always differs from whatever the studio path showed last, and the hub's own card stays its own).
    const pictures = new CardPictures({ imagesDir: join(dataDir, 'images'), cacheDir: join(dataDir, 'pictures'), log: SILENT_LOGGER });
    const painter = new OverlayPainter({ client: { onStatus() {} } as never, dir: join(dataDir, 'raw'), scenes: () => [], pictures });
    const rawProducts = [product('C', 5_900, '草本花茶'), product('D', 25_800, '紫砂壶套装')];
    const rawFiles = rawProducts.map((p, i) => {
      const file = join(dataDir, 'raw', `raw-${i}.png`);
      writeFileSync(file, painter.renderPng(buildOverlayCard({ product: p, flash: null, language: 'zh-CN', now: Date.now() }), { width: 640, height: 360 }));
      return file;
    });

    const studio: number[] = [];
    const acks: number[] = [];
    const otherWindow: number[] = [];
    let otherCue: string | null = null;
    let onOtherCue: (() => void) | null = null;
    onEveryState(other, (state) => {
      otherCue = state.rundown.currentCueId;
      onOtherCue?.();
    });
    const direct: number[] = [];
    const viaStudio = async () => {
      // The cue that is not live: its card differs from the hub's last card and from whatever is on screen.
      const id = state().rundown.currentCueId === 'c0' ? 'c1' : 'c0';
      const before = await shot();
      const t0 = performance.now();
      void new Promise<void>((resolve) => {
        onOtherCue = () => otherCue === id && resolve();
      }).then(() => otherWindow.push(performance.now() - t0));
      const ack = send('cue.goto', { id }).then(() => acks.push(performance.now() - t0));
      const seen = await untilChanged(before);
      await ack;
      return seen - t0;
    };
    let rawTurn = 0;
    const viaRaw = async () => {
      rawTurn = 1 - rawTurn;
      const before = await shot();
      const t0 = performance.now();
      await raw.call('SetInputSettings', { inputName: PRODUCT_CARD_SOURCE, inputSettings: { file: rawFiles[rawTurn]! }, overlay: true });
      return (await untilChanged(before)) - t0;
    };

    await send('cue.goto', { id: 'c0' });
    for (let i = 0; i < 3; i++) {
      await viaStudio();
      await viaRaw();
    }
    for (let i = 0; i < iterations; i++) {
      const order = i % 2 === 0 ? [viaStudio, viaRaw] : [viaRaw, viaStudio];
      for (const run of order) {
        await sleep(50 + Math.random() * 50);
        (run === viaStudio ? studio : direct).push(await run());
      }
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  ${i + 1}/${iterations}\n`);
    }

    const fmt = (n: number) => n.toFixed(1).padStart(8);
    const row = (name: string, xs: number[]) => {
      const s = sorted(xs);
      return `${name.padEnd(48)}${fmt(percentile(s, 50))}${fmt(percentile(s, 95))}${fmt(mean(s))}`;
    };
    const s = sorted(studio);
    const d = sorted(direct);
    process.stdout.write(
      [
        `Product card latency, ${iterations} changes per path, interleaved, OBS ${state().obs.version}, canvas 640x360`,
        `${'path (ms)'.padEnd(48)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'mean'.padStart(8)}`,
        row('raw: SetInputSettings(painted PNG) -> visible', direct),
        row('studio: cue.goto -> new card visible', studio),
        row('  of which: cue.goto -> ack (card in OBS)', acks),
        row('another window sees the new cue (state event)', otherWindow),
        row('one screenshot (detection granularity)', shotTimes),
        `ratio studio/raw: p50 ${(percentile(s, 50) / percentile(d, 50)).toFixed(2)}  p95 ${(percentile(s, 95) / percentile(d, 95)).toFixed(2)}`,
        `target: studio p95 under 250 ms -> ${percentile(s, 95) < 250 ? 'met' : 'NOT met'} (${percentile(s, 95).toFixed(0)} ms)`,
        '',
      ].join('\n'),
    );
  });
}

runMain(main);
