// Takes the README screenshot: the built studio with its real OBS, live to a local nginx-rtmp server, opened in Debian's
// Chromium. Usage: npm run build && npx tsx scripts/screenshot.ts [out.png] [lang]
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { CHROMIUM_PATH } from '../playwright.config';
import { loadIngestSecret, loadOrdersSecret } from '../electron/core/hub/auth/webhook-auth';
import { chatMessage, postChat } from '../tests/helpers/chat';
import { postCommand } from '../tests/helpers/hub';
import { startNginxRtmp } from '../tests/helpers/nginx-rtmp';
import { startObsStudio } from '../tests/helpers/obs-studio';
import { orderEvent, postSignedOrders } from '../tests/helpers/orders';
import { product, productCue } from '../tests/helpers/rundown';
import { createCanvas } from '@napi-rs/canvas';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = resolve(process.argv[2] ?? 'docs/screenshot.png');
const language = process.argv[3] ?? 'zh-CN';
const hub = await startObsStudio();
const rtmp = await startNginxRtmp();
// A show in progress: three products in the run of show, the second one live, a question in chat and a few orders.
const run = (name: string, payload: object) => postCommand(hub.url, hub.anchorToken, name, payload);
await run('show.rename', { title: '春季茶具专场 · Spring tea set night' });
// The cup's photo, as a seller would drop it in the studio's images folder (drawn here: the machine has no camera).
function cupPhoto(): Buffer {
  const canvas = createCanvas(400, 400);
  const g = canvas.getContext('2d');
  const backdrop = g.createLinearGradient(0, 0, 0, 400);
  backdrop.addColorStop(0, '#e9e2d4');
  backdrop.addColorStop(1, '#b9ab92');
  g.fillStyle = backdrop;
  g.fillRect(0, 0, 400, 400);
  const glaze = g.createRadialGradient(170, 190, 10, 200, 220, 170);
  glaze.addColorStop(0, '#5a3a22');
  glaze.addColorStop(0.7, '#23160e');
  glaze.addColorStop(1, '#0d0906');
  g.fillStyle = glaze;
  g.beginPath();
  g.ellipse(200, 170, 150, 40, 0, 0, Math.PI);
  g.bezierCurveTo(330, 300, 270, 330, 200, 330);
  g.bezierCurveTo(130, 330, 70, 300, 50, 170);
  g.fill();
  g.fillStyle = '#3b2616';
  g.beginPath();
  g.ellipse(200, 170, 150, 40, 0, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#8a5a2b';
  g.beginPath();
  g.ellipse(200, 172, 132, 32, 0, 0, Math.PI * 2);
  g.fill();
  return canvas.toBuffer('image/png');
}
mkdirSync(join(hub.dataDir, 'images'), { recursive: true });
writeFileSync(join(hub.dataDir, 'images', 'jian-cup.png'), cupPhoto());
await run('catalog.upsert', {
  products: [
    product('TEA-01', { title: { zh: '柴烧紫砂茶壶', en: 'Wood-fired teapot' }, price: 12_800, listPrice: 19_800, stock: 40 }),
    product('CUP-02', { title: { zh: '建盏茶杯', en: 'Jian tea cup' }, price: 3_900, listPrice: 5_900, stock: 12, image: 'jian-cup.png', script: '建盏是宋代名器，这一只是油滴釉，每一只纹路都不一样。' }),
    product('SET-03', { title: { zh: '旅行茶具套装', en: 'Travel tea set' }, price: 25_800, listPrice: null, stock: 20 }),
  ],
});
await run('cue.add', { cue: { id: 'open', kind: 'segment', sku: null, segment: 'opening', label: '开场 · 福袋', plannedMs: 120_000, scene: null, cameraPreset: null } });
for (const [id, sku] of [['c1', 'TEA-01'], ['c2', 'CUP-02'], ['c3', 'SET-03']]) await run('cue.add', { cue: productCue(id!, sku!) });
await run('destination.add', { name: '视频号', platform: 'custom', server: `rtmp://127.0.0.1:${rtmp.port}/live`, key: 'screenshot-key-0001' });
await run('output.settings', { isBackupRecording: false });
const live = await run('show.goLive', {});
if (live.status !== 200) throw new Error(`go live failed: ${JSON.stringify(live.body)}`);
await run('scene.switch', { scene: 'Anchor' });
// A sound for the meters (the machine has no microphone): a tone played by a media source in the Anchor scene.
const obs = await hub.obs();
await obs.call('CreateInput', {
  sceneName: 'Anchor',
  inputName: 'Test tone',
  inputKind: 'ffmpeg_source',
  inputSettings: { is_local_file: false, input: 'sine=frequency=440:sample_rate=48000', input_format: 'lavfi', looping: true },
});
await run('cue.goto', { id: 'c2' });
const secret = loadIngestSecret(hub.dataDir);
await postChat(hub.url, secret, { messages: [chatMessage('1', '主播好！'), chatMessage('2', '建盏茶杯还有货吗？'), chatMessage('3', 'Do you ship to Canada?', { platform: 'youtube' })] });
for (const [i, sku, price] of [[1, 'CUP-02', 3_900], [2, 'CUP-02', 3_900], [3, 'TEA-01', 12_800]] as const) {
  await postSignedOrders(hub.url, loadOrdersSecret(hub.dataDir), orderEvent({ eventId: `e${i}`, orderId: `o${i}`, items: [{ sku, quantity: 1, unitPrice: price }] }));
}
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`${hub.url}/?token=${hub.anchorToken}`);
  await page.getByTestId('language-select').selectOption(language);
  await page.getByTestId('hub-status').and(page.locator('[data-status="connected"]')).waitFor();
  // Every scene's live thumbnail from OBS, and a second of health figures.
  await page.locator('[data-testid="scene-thumbnail"][src^="data:image"]').nth(5).waitFor({ timeout: 20_000 });
  await page.getByTestId('health-fps').waitFor();
  // The program monitor's live picture and the tone on its meter.
  await page.locator('[data-testid="monitor-program"] img').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="audio-meter"][data-source="Test tone"]').waitFor({ timeout: 20_000 });
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  await run('show.end', {});
  await hub.close();
  await rtmp.stop();
}
