import type { Page } from '@playwright/test';
import type { MonitorFrameEvent } from '../../electron/features/monitor/protocol/monitor-events';
import { MONITOR_LIMITS } from '../../electron/features/monitor/protocol/monitor-events';
import { connectClient, postCommand, type ConnectedClient } from '../helpers/hub';
import { startObsStudio, type ObsStudio } from '../helpers/obs-studio';
import { pictureDistance } from '../helpers/picture';
import { waitUntil } from '../helpers/wait';
import { QUICK_MS } from '../helpers/timeouts';
import { expect, test } from './fixtures';

// The program monitor and the meters in the built studio, with a real OBS 29 (own Xvfb, 640x360). One studio for the file.
test.describe.configure({ mode: 'serial' });

let studio: ObsStudio;
/** A socket of the test's own that hears every monitor frame the hub sends (it never asks for any itself). */
let listener: ConnectedClient;
const frames: Array<MonitorFrameEvent & { receivedAt: number }> = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  studio = await startObsStudio();
  listener = await connectClient(studio.url, studio.anchorToken);
  (listener as unknown as { on(e: string, l: (f: MonitorFrameEvent) => void): void }).on('monitor.frame', (f) => frames.push({ ...f, receivedAt: Date.now() }));
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  listener?.close();
  await studio?.close();
});

async function openStudio(page: Page, token = studio.anchorToken, language = 'en'): Promise<void> {
  await page.goto(`${studio.url}/?token=${token}`);
  await page.getByTestId('language-select').selectOption(language);
  await expect(page.getByTestId('obs-status')).toHaveAttribute('data-status', 'connected');
}

/** The picture the page's program monitor shows now, as its data URI. */
async function monitorImage(page: Page): Promise<string> {
  return (await page.getByTestId('monitor-program').locator('img').getAttribute('src'))!;
}

test("the monitor shows what goes out: a scene clicked shows there, the same picture as OBS's own; safe areas toggle", async ({ page }) => {
  await openStudio(page);
  const program = page.getByTestId('monitor-program');
  await expect(program.locator('img')).toHaveAttribute('src', /^data:image\/jpe?g;base64,/, { timeout: QUICK_MS });
  await expect(program).toHaveAttribute('data-scene', studio.states.state.scenes.program!);

  await page.locator('[data-testid="scene-button"][data-scene="Flash sale"]').click();
  await expect(program).toHaveAttribute('data-scene', 'Flash sale', { timeout: QUICK_MS });
  const obs = await studio.obs();
  const own = (await obs.call('GetSourceScreenshot', { sourceName: 'Flash sale', imageFormat: 'png', imageWidth: 640 })).imageData;
  const opening = (await obs.call('GetSourceScreenshot', { sourceName: 'Opening', imageFormat: 'png', imageWidth: 640 })).imageData;
  const shown = await monitorImage(page);
  const same = await pictureDistance(shown, own);
  expect(same).toBeLessThan(8);
  expect(await pictureDistance(shown, opening)).toBeGreaterThan(same * 3);

  // Frames keep coming while the monitor is on screen (the rate and delay are bench/monitor.ts's figures).
  const mark = Date.now();
  await waitUntil(() => frames.filter((f) => f.receivedAt > mark && f.view === 'program').length >= 10, QUICK_MS, 'ten more program frames');

  await expect(page.getByTestId('monitor-safe-area')).toBeVisible();
  await page.getByTestId('monitor-safe-toggle').uncheck();
  await expect(page.getByTestId('monitor-safe-area')).toHaveCount(0);
  await page.getByTestId('monitor-safe-toggle').check();
  await expect(page.getByTestId('monitor-safe-area')).toBeVisible();
});

test('in studio mode the preview shows beside the program, each with its own scene', async ({ page }) => {
  await openStudio(page);
  await page.getByTestId('studio-mode').click();
  await expect(page.getByTestId('scene-list')).toHaveAttribute('data-studio-mode', 'true');
  await page.locator('[data-testid="scene-button"][data-scene="Q&A"]').click();
  await expect(page.getByTestId('monitor-preview')).toHaveAttribute('data-scene', 'Q&A', { timeout: QUICK_MS });
  await expect(page.getByTestId('monitor-program')).toHaveAttribute('data-scene', 'Flash sale');
  await page.getByTestId('studio-mode').click();
  await expect(page.getByTestId('scene-list')).toHaveAttribute('data-studio-mode', 'false');
  await expect(page.getByTestId('monitor-preview')).toHaveCount(0);
});

test('OBS renders monitor frames only while a monitor is on screen: folding the panel stops them, unfolding brings them back', async ({ page }) => {
  await openStudio(page);
  await expect(page.getByTestId('monitor-program').locator('img')).toBeVisible({ timeout: QUICK_MS });
  await page.getByTestId('panel-monitor-collapse').click();
  // The lease runs out without renewal: then no frame for a whole second.
  await waitUntil(() => Date.now() - (frames.at(-1)?.receivedAt ?? 0) > 1000, MONITOR_LIMITS.leaseMs + QUICK_MS, 'frames stopping once folded');
  const stoppedAt = frames.length;
  await page.getByTestId('panel-monitor-collapse').click();
  // The picture shows at once (the last frame is kept); new frames follow once the window renews its watch.
  await expect(page.getByTestId('monitor-program').locator('img')).toBeVisible({ timeout: QUICK_MS });
  await waitUntil(() => frames.length > stoppedAt, QUICK_MS, 'frames again once unfolded');
});

test("a producer's co-host window shows the same monitor, in Chinese", async ({ page }) => {
  await openStudio(page, studio.tokens.producer, 'zh-CN');
  const program = page.getByTestId('monitor-program');
  await expect(program.locator('img')).toHaveAttribute('src', /^data:image/, { timeout: QUICK_MS });
  await expect(program).toHaveAttribute('data-scene', studio.states.state.scenes.program!);
  await expect(program.locator('figcaption')).toContainText('节目');
});

test('the meters show a tone; its mute button mutes it in OBS and the meter drops to the floor', async ({ page }) => {
  const obs = await studio.obs();
  await obs.call('CreateInput', {
    sceneName: studio.states.state.scenes.program!,
    inputName: 'Test tone',
    inputKind: 'ffmpeg_source',
    inputSettings: { is_local_file: false, input: 'sine=frequency=440:sample_rate=48000', input_format: 'lavfi', looping: true },
  });
  await openStudio(page);
  const meter = page.locator('[data-testid="audio-meter"][data-source="Test tone"]');
  await expect(meter).toHaveAttribute('data-muted', 'false', { timeout: QUICK_MS });
  await waitUntil(async () => Number(await meter.getAttribute('data-level-db')) > -30, QUICK_MS, 'the tone on the meter');
  await meter.getByTestId('meter-mute').click();
  await expect(meter).toHaveAttribute('data-muted', 'true');
  await expect(meter).toHaveAttribute('data-level-db', '-60');
  expect((await obs.call('GetInputMute', { inputName: 'Test tone' })).inputMuted).toBe(true);
  await meter.getByTestId('meter-mute').click();
  await expect(meter).toHaveAttribute('data-muted', 'false');
  expect((await obs.call('GetInputMute', { inputName: 'Test tone' })).inputMuted).toBe(false);
  // A moderator may not mute: the hub refuses.
  expect((await postCommand(studio.url, studio.tokens.moderator, 'audio.mute', { source: 'Test tone', muted: true })).status).toBe(403);
});

test("setup shows each cast camera's live picture and the microphone's meter", async ({ page }) => {
  await openStudio(page, studio.anchorToken, 'zh-CN');
  await page.getByTestId('open-setup').click();
  const cameras = page.getByTestId('setup-cameras');
  await cameras.getByTestId('camera-pick-main').selectOption('pattern:');
  const main = cameras.getByTestId('camera-role-main');
  await expect(main.getByTestId('camera-preview')).toHaveAttribute('src', /^data:image\/jpe?g;base64,/, { timeout: QUICK_MS });
  // The preview is the main camera's scene as OBS renders it now, with the new test pattern in it.
  await expect(main.getByTestId('camera-preview')).toHaveAttribute('data-scene', 'Anchor');
  const obs = await studio.obs();
  const pattern = studio.states.state.scenes.cameraRoles!.main!;
  expect(studio.states.state.scenes.sources?.find((s) => s.scene === 'Anchor')?.items.map((i) => i.name)).toContain(pattern);
  const own = (await obs.call('GetSourceScreenshot', { sourceName: 'Anchor', imageFormat: 'png', imageWidth: 192 })).imageData;
  expect(await pictureDistance((await main.getByTestId('camera-preview').getAttribute('src'))!, own)).toBeLessThan(20);

  const microphone = page.getByTestId('setup-microphone');
  await expect(microphone).toHaveAttribute('data-done', 'false');
  await expect(microphone).toContainText('添加麦克风');
  // A microphone with nothing behind it (no sound server here): listed, and its meter at the floor.
  await obs.call('CreateInput', { sceneName: studio.states.state.scenes.program!, inputName: 'Desk mic', inputKind: 'pulse_input_capture', inputSettings: {} });
  await expect(microphone).toHaveAttribute('data-done', 'true', { timeout: QUICK_MS });
  const meter = microphone.locator('[data-testid="audio-meter"][data-source="Desk mic"]');
  await expect(meter).toHaveAttribute('data-level-db', '-60');
  await meter.getByTestId('meter-mute').click();
  await expect(meter).toHaveAttribute('data-muted', 'true');
  expect((await obs.call('GetInputMute', { inputName: 'Desk mic' })).inputMuted).toBe(true);
});
