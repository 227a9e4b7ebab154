import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardBox } from '../../../../electron/features/overlay/domain/overlay-layout';
import { derivePicture } from '../../../../electron/features/output/domain/dual-output';
import { PROFILES } from '../../../../electron/core/engine/obs-config';
import type { StudioState } from '../../../../electron/core/domain/studio-state';
import { startObsTestStudio, type ObsTestStudio } from '../../../helpers/engine';
import { postCommand, sendCommand } from '../../../helpers/hub';
import { ffprobeStreams, grabFrame, startNginxRtmp, type NginxRtmpHandle } from '../../../helpers/nginx-rtmp';
import { decodeScreenshot, diffBox, type Pixels } from '../../../helpers/png-pixels';
import { product, productCue } from '../../../helpers/rundown';
import { waitUntil } from '../../../helpers/wait';

const W = 640;
const H = 360;
// A scene without a camera: nothing moves in it, so a change between two pictures is the product card.
const STILL_SCENE = 'Flash sale';
const VERTICAL = { width: 360, height: 640 };

/** The pid of the ffmpeg that derives the 9:16 picture of this studio (it reads this card file), or null. */
function encoderPid(cardFile: string): number | null {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(cardFile)) return Number(pid);
    } catch {
      // Gone while reading.
    }
  }
  return null;
}

// Dual output for real: OBS 29 at 640x360 live to two nginx-rtmp servers at once, one taking the canvas (16:9), one a
// 9:16 picture the relay derives from it, each with its own product card; ffprobe and decoded frames as the viewers.
describe('dual output: 16:9 and 9:16 from one click', () => {
  let studio: ObsTestStudio;
  let wide: NginxRtmpHandle;
  let tall: NginxRtmpHandle;
  const keyWide = 'KEYW-dual-0a1b2c3d4e';
  const keyTall = 'KEYT-dual-5f6e7d8c9b';
  const ids = { wide: '', tall: '' };

  const command = (name: string, payload: object = {}) => postCommand(studio.hub.url, studio.hub.anchorToken, name, payload);
  const health = (s: StudioState, id: string) => s.output.engine?.destinations.find((d) => d.id === id);
  const obsPicture = async (): Promise<Pixels> => {
    const obs = await studio.obs();
    const shot = await obs.call('GetSourceScreenshot', { sourceName: STILL_SCENE, imageFormat: 'png', imageWidth: W, imageHeight: H });
    return decodeScreenshot(shot.imageData, W, H);
  };
  const tallFrame = () => grabFrame(tall.url('live', keyTall), VERTICAL.width, VERTICAL.height);
  /** Keeps a picture as PNG in .test-output/dual-output (for people reviewing a run, and the docs). */
  const keep = (name: string, p: Pixels) => {
    mkdirSync('.test-output/dual-output', { recursive: true });
    const args = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${p.width}x${p.height}`, '-i', 'pipe:0', '-y', `.test-output/dual-output/${name}.png`];
    execFileSync('ffmpeg', args, { input: p.data });
  };
  /** The area the card covers in a picture: shown against hidden (the scene is still, so nothing else changes). */
  async function cardArea(picture: () => Promise<Pixels>, name: string): Promise<ReturnType<typeof diffBox>> {
    const shown = await picture();
    expect(studio.hub.store.current.rundown.isOverlayVisible).toBe(true);
    keep(name, shown);
    expect((await sendCommand(studio.anchor, 'overlay.set', { visible: false })).ok).toBe(true);
    let hidden = shown;
    await waitUntil(async () => diffBox(shown, (hidden = await picture())).count > 200, 20_000, 'the picture without the card');
    expect((await sendCommand(studio.anchor, 'overlay.set', { visible: true })).ok).toBe(true);
    // The card back on the picture before anyone looks again.
    await waitUntil(async () => diffBox(hidden, await picture()).count > 200, 20_000, 'the card back');
    return diffBox(shown, hidden);
  }

  beforeAll(async () => {
    wide = await startNginxRtmp();
    tall = await startNginxRtmp();
    studio = await startObsTestStudio({
      // Two failures in a row and a sender gives up (until "Reconnect now"): the encoder test below reaches that.
      engine: { output: { fanout: { initialBackoffMs: 300, maxBackoffMs: 1000, maxAttempts: 2 } } },
      isReady: (s) => s.scenes.names.includes(STILL_SCENE) && s.output.engine !== null,
    });
    await sendCommand(studio.anchor, 'catalog.upsert', { products: [product('TEA', { price: 12_800, listPrice: 19_800, scene: STILL_SCENE })] });
    await sendCommand(studio.anchor, 'cue.add', { cue: productCue('c-tea', 'TEA') });
    expect(await sendCommand(studio.anchor, 'cue.goto', { id: 'c-tea' })).toMatchObject({ ok: true });
    const add = async (name: string, platform: string, server: NginxRtmpHandle, key: string) =>
      ((await command('destination.add', { name, platform, server: server.url('live', 'x').replace(/\/x$/, ''), key })).body as { data: { id: string } }).data.id;
    ids.wide = await add('YouTube', 'youtube', wide, keyWide);
    // TikTok's preset wants 9:16: the studio is 16:9, so this destination gets the derived picture.
    ids.tall = await add('TikTok', 'tiktok', tall, keyTall);
  }, 120_000);

  afterAll(async () => {
    await studio?.stop();
    await wide?.stop();
    await tall?.stop();
  }, 60_000);

  it('rehearsal already shows what goes live: OBS\'s card keeps out of the window the 9:16 picture will show', async () => {
    const crop = derivePicture(PROFILES.test, 'vertical')!.crop!;
    // The card is repainted once the hub saw the 9:16 destination: wait for OBS to show it.
    await waitUntil(async () => (await cardArea(obsPicture, 'rehearsal-16x9')).x1 < crop.x, 30_000, 'the card repainted out of the window');
    const card = await cardArea(obsPicture, 'rehearsal-16x9');
    expect(card.count).toBeGreaterThan(1000);
    expect(card.x1).toBeLessThan(crop.x);
  }, 60_000);

  it('pre-flight names the 9:16 picture and checks the CPU for its encode', async () => {
    expect((await command('output.preflight')).status).toBe(200);
    const report = studio.hub.store.current.output.preflight!;
    expect(report.canGoLive).toBe(true);
    expect(report.items.find((i) => i.check === 'canvas:vertical')).toMatchObject({ status: 'ok', code: 'canvasDerived', params: { names: 'TikTok', width: 360, height: 640 } });
    expect(report.items.find((i) => i.check === 'cpu')?.code).toMatch(/^cpu(Ok|Low)$/);
  }, 30_000);

  it('one go-live sends 640x360 to one server and 360x640 to the other, both with audio', async () => {
    const live = await command('show.goLive');
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(studio.hub.store.current.output.engine).toMatchObject({ mode: 'relay', derived: [{ orientation: 'vertical', width: 360, height: 640 }] });
    const [wideStreams, tallStreams] = await Promise.all([ffprobeStreams(wide.url('live', keyWide), 20_000), ffprobeStreams(tall.url('live', keyTall), 20_000)]);
    expect(wideStreams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: W, height: H });
    expect(wideStreams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(tallStreams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 360, height: 640 });
    expect(tallStreams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    await studio.states.waitFor((s) => health(s, ids.wide)?.status === 'live' && health(s, ids.tall)?.status === 'live', 15_000, 'both destinations live');
    await studio.states.waitFor((s) => s.output.engine?.derived[0]?.status === 'live', 15_000, 'the derived picture live');
  }, 60_000);

  it('each picture carries its own card: the 9:16 one where that shape is safe, OBS\'s out of the 9:16 window', async () => {
    const tallCard = await cardArea(tallFrame, 'live-9x16');
    const tallBox = cardBox(VERTICAL);
    // Inside the vertical card box (a pixel of encoder blur around it).
    expect(tallCard.x0).toBeGreaterThanOrEqual(tallBox.x - 2);
    expect(tallCard.y0).toBeGreaterThanOrEqual(tallBox.y - 2);
    expect(tallCard.x1).toBeLessThanOrEqual(tallBox.x + tallBox.w + 2);
    expect(tallCard.y1).toBeLessThanOrEqual(tallBox.y + tallBox.h + 2);
    // OBS's own card ends before the window the 9:16 picture shows, so no half card appears in it.
    const crop = derivePicture(PROFILES.test, 'vertical')!.crop!;
    const wideCard = await cardArea(obsPicture, 'live-16x9');
    expect(wideCard.count).toBeGreaterThan(1000);
    expect(wideCard.x1).toBeLessThan(crop.x);
  }, 90_000);

  it('the 9:16 encoder dying restarts on its own; once it gave up, "Reconnect now" on a 9:16 destination brings it back', async () => {
    const cardFile = join(studio.testEngine.dataDir, 'overlay', 'derived-card.png');
    const killEncoder = () => {
      const pid = encoderPid(cardFile);
      expect(pid, 'the 9:16 encoder process').not.toBeNull();
      process.kill(pid!, 'SIGKILL');
    };
    const derived = (s: StudioState) => s.output.engine?.derived[0];
    killEncoder();
    await studio.states.waitFor((s) => derived(s)?.status === 'reconnecting', 10_000, 'the encoder retrying');
    await studio.states.waitFor((s) => derived(s)?.status === 'live', 20_000, 'the encoder live again by itself');
    expect(health(studio.hub.store.current, ids.wide)?.status).toBe('live');
    killEncoder();
    await studio.states.waitFor((s) => derived(s)?.status === 'failed', 10_000, 'the encoder given up');
    expect((await command('destination.reconnect', { id: ids.tall })).status).toBe(200);
    await studio.states.waitFor((s) => derived(s)?.status === 'live' && health(s, ids.tall)?.status === 'live', 30_000, 'the 9:16 picture back');
    expect((await ffprobeStreams(tall.url('live', keyTall), 20_000)).find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });
  }, 90_000);

  it('one destination failing leaves the other live, with its own health', async () => {
    await wide.stop();
    await studio.states.waitFor((s) => ['reconnecting', 'failed'].includes(health(s, ids.wide)?.status ?? ''), 20_000, 'the 16:9 destination down');
    expect(health(studio.hub.store.current, ids.tall)?.status).toBe('live');
    expect((await ffprobeStreams(tall.url('live', keyTall), 20_000)).find((s) => s.codec_type === 'video')).toMatchObject({ width: 360, height: 640 });
  }, 60_000);

  it('disabling the 9:16 destination live stops its picture and gives OBS\'s card its whole box back; End show stops the rest', async () => {
    expect((await command('destination.enable', { id: ids.tall, isEnabled: false })).status).toBe(200);
    await studio.states.waitFor((s) => s.output.engine?.derived.length === 0, 15_000, 'no derived picture');
    const crop = derivePicture(PROFILES.test, 'vertical')!.crop!;
    await waitUntil(async () => (await cardArea(obsPicture, 'single-16x9')).x1 > crop.x, 30_000, 'the card at full size');
    const card = await cardArea(obsPicture, 'single-16x9');
    const full = cardBox({ width: W, height: H });
    expect(card.x1).toBeLessThanOrEqual(full.x + full.w + 1);
    expect((await command('show.end')).status).toBe(200);
    expect(studio.hub.store.current.output.engine).toMatchObject({ mode: 'off', derived: [], destinations: [] });
    const said = JSON.stringify(studio.hub.store.current) + studio.hub.logLines.join('\n');
    for (const key of [keyWide, keyTall]) expect(said).not.toContain(key);
  }, 60_000);
});
