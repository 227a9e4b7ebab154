import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardBox, pinnedBox, type CardBox } from '../../../../electron/features/overlay/domain/overlay-layout';
import { PRODUCT_CARD_SOURCE } from '../../../../electron/features/overlay/engine/overlay-painter';
import { startObsTestStudio, type ObsTestStudio, type StateRecorder } from '../../../helpers/engine';
import { sendCommand, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { decodeScreenshot, diffBox, type Pixels } from '../../../helpers/png-pixels';
import { chatMessage, ingestSecret, postChat } from '../../../helpers/chat';
import { product, productCue } from '../../../helpers/rundown';
import { QUICK_MS } from '../../../helpers/timeouts';
import { waitUntil } from '../../../helpers/wait';

const W = 640;
const H = 360;
// A scene without a camera: nothing moves in it, so any change between two screenshots is the product card.
const STILL_SCENE = 'Flash sale';

// Going to a cue in a real OBS 29 (Xvfb, 640x360): the scene switches and the product card shows the new price.
describe('run of show drives OBS: scene and product card', () => {
  let hub: TestHub;
  let states: StateRecorder;
  let anchor: ConnectedClient;
  let studio: ObsTestStudio | undefined;

  beforeAll(async () => {
    studio = await startObsTestStudio({ engine: { relaunchInitialMs: 300 }, isReady: (s) => s.scenes.names.includes(STILL_SCENE) });
    ({ hub, states, anchor } = studio);
    const products = [
      product('TEA', { price: 12_800, listPrice: 19_800, scene: STILL_SCENE }),
      product('CUP', { price: 3_900, listPrice: null, title: { zh: '建盏茶杯', en: 'Tea cup' } }),
    ];
    expect(await sendCommand(anchor, 'catalog.upsert', { products })).toMatchObject({ ok: true });
    expect(await sendCommand(anchor, 'cue.add', { cue: productCue('c-tea', 'TEA') })).toMatchObject({ ok: true });
    expect(await sendCommand(anchor, 'cue.add', { cue: productCue('c-cup', 'CUP', { scene: STILL_SCENE }) })).toMatchObject({ ok: true });
  }, 90_000);

  afterAll(async () => {
    await studio?.stop();
  }, 30_000);

  const obs = () => studio!.obs();
  const program = async (): Promise<Pixels> => {
    const { currentProgramSceneName } = await (await obs()).call('GetCurrentProgramScene');
    const shot = await (await obs()).call('GetSourceScreenshot', { sourceName: currentProgramSceneName, imageFormat: 'png', imageWidth: W, imageHeight: H });
    return decodeScreenshot(shot.imageData, W, H);
  };
  const cardFile = async () => String((await (await obs()).call('GetInputSettings', { inputName: PRODUCT_CARD_SOURCE })).inputSettings.file);

  it('go to cue switches the program scene and puts the product card on it', async () => {
    expect(states.history.at(-1)?.scenes.program).not.toBe(STILL_SCENE);
    const result = await sendCommand(anchor, 'cue.goto', { id: 'c-tea' });
    expect(result).toMatchObject({ ok: true, data: { cueId: 'c-tea', warnings: [] } });
    await states.waitFor((s) => s.scenes.program === STILL_SCENE, QUICK_MS, 'program is the cue scene');
    expect((await (await obs()).call('GetCurrentProgramScene')).currentProgramSceneName).toBe(STILL_SCENE);
    const items = (await (await obs()).call('GetSceneItemList', { sceneName: STILL_SCENE })).sceneItems;
    // On top of the scene, above the background and title.
    expect(items.at(-1)?.sourceName).toBe(PRODUCT_CARD_SOURCE);
    expect(await cardFile()).toMatch(/product-card-[ab]\.png$/);
    // The real engine's report of the switch lands on the post-show timeline, under the cue that made it.
    const res = await fetch(`${hub.url}/api/v1/reports/timeline.json`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } });
    const { timeline } = (await res.json()) as { timeline: { scenes: { key: string }[]; cues: { key: string }[] } };
    expect(timeline.scenes.at(-1)?.key).toBe(STILL_SCENE);
    expect(timeline.cues.map((c) => c.key)).toEqual(['c-tea']);
  });

  it('the next cue changes only the card area of the program picture (the new price)', async () => {
    const before = await program();
    const file = await cardFile();
    const result = await sendCommand(anchor, 'cue.next', { fromCueId: 'c-tea' });
    expect(result).toMatchObject({ ok: true, data: { cueId: 'c-cup' } });
    // The command answers once OBS has the new image; OBS loads it on its next frame.
    expect(await cardFile()).not.toBe(file);
    const after = await waitForChange(program, before);
    const diff = diffBox(before, after);
    const box = cardBox({ width: W, height: H });
    expectChangeInside(diff, box);
  });

  it('hides and shows the card with one command, and a stale "next" is refused', async () => {
    const shown = await program();
    expect(await sendCommand(anchor, 'overlay.set', { visible: false })).toMatchObject({ ok: true });
    const hidden = await waitForChange(program, shown);
    const box = cardBox({ width: W, height: H });
    // Hidden: the card area now shows the scene underneath, which is plain background at the card's corner.
    const corner = ((box.y + 4) * W + (box.x + 8)) * 3;
    expect(hidden.data.subarray(corner, corner + 3)).not.toEqual(shown.data.subarray(corner, corner + 3));
    expect(await sendCommand(anchor, 'overlay.set', { visible: true })).toMatchObject({ ok: true });
    const back = await waitForChange(program, hidden);
    expect(diffBox(back, shown).count).toBe(0);
    expect(await sendCommand(anchor, 'cue.next', { fromCueId: 'c-tea' })).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('a pinned chat comment appears on the stream in its own corner, and unpinning removes exactly it', async () => {
    const before = await program();
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    expect((await postChat(hub.url, secret, { messages: [chatMessage('pin-1', '这个壶能泡普洱吗？')] })).status).toBe(200);
    expect(await sendCommand(anchor, 'chat.pin', { key: 'douyin:pin-1' })).toMatchObject({ ok: true });
    const pinned = await waitForChange(program, before);
    const diff = diffBox(before, pinned);
    const box = pinnedBox({ width: W, height: H });
    expectChangeInside(diff, box);
    expect(await sendCommand(anchor, 'chat.pin', { key: null })).toMatchObject({ ok: true });
    const unpinned = await waitForChange(program, pinned);
    expect(diffBox(before, unpinned).count).toBe(0);
  });

  it('a source added to a scene after the card goes under it: the next card is painted on top again', async () => {
    const top = async () => (await (await obs()).call('GetSceneItemList', { sceneName: STILL_SCENE })).sceneItems.at(-1)?.sourceName;
    expect(await top()).toBe(PRODUCT_CARD_SOURCE);
    expect(await sendCommand(anchor, 'source.add', { scene: STILL_SCENE, name: 'Promo text', type: 'text', text: '今晚包邮' })).toMatchObject({ ok: true });
    expect(await top()).toBe('Promo text');
    expect(await sendCommand(anchor, 'cue.prev', { fromCueId: 'c-cup' })).toMatchObject({ ok: true });
    expect(await top()).toBe(PRODUCT_CARD_SOURCE);
  });
});

/** A real change (over 100 pixels) that stays inside `box` (2 px of anti-aliasing allowed). */
function expectChangeInside(diff: ReturnType<typeof diffBox>, box: CardBox): void {
  expect(diff.count).toBeGreaterThan(100);
  expect(diff.x0).toBeGreaterThanOrEqual(box.x - 2);
  expect(diff.y0).toBeGreaterThanOrEqual(box.y - 2);
  expect(diff.x1).toBeLessThanOrEqual(box.x + box.w + 2);
  expect(diff.y1).toBeLessThanOrEqual(box.y + box.h + 2);
}

/** Takes screenshots until one differs from `before` (OBS shows a new image on its next rendered frame; no event says so). */
function waitForChange(take: () => Promise<Pixels>, before: Pixels): Promise<Pixels> {
  return waitUntil(
    async () => {
      const now = await take();
      return diffBox(before, now).count > 0 && now;
    },
    4000,
    'the program picture to change',
    100,
  );
}
