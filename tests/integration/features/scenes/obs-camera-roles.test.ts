import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioState } from '../../../../electron/core/domain/studio-state';
import { readSession } from '../../../../electron/core/engine/obs-process';
import { sendCommand, type ConnectedClient } from '../../../helpers/hub';
import { startObsTestStudio, type ObsTestStudio, type StateRecorder, type TestEngine } from '../../../helpers/engine';
import { OBS_RECOVERY_MS, QUICK_MS } from '../../../helpers/timeouts';

// Camera parts (the setup's "who plays which camera") on a real OBS 29 (Xvfb, 640x360 canvas): a test pattern given
// the hands part takes the rehearsal camera's place in the close-up scene (same box, same depth: the title stays on
// top), the main part fills the Anchor and Q&A scenes, presets place main and hands, and it all survives kill -9.
describe('OBS engine: camera parts (main, hands, wide)', () => {
  let states: StateRecorder;
  let testEngine: TestEngine;
  let anchor: ConnectedClient;
  let studio: ObsTestStudio | undefined;

  beforeAll(async () => {
    studio = await startObsTestStudio({ engine: { relaunchInitialMs: 300 } });
    ({ states, testEngine, anchor } = studio);
  }, 90_000);

  afterAll(async () => {
    await studio?.stop();
  }, 30_000);

  const obs = () => studio!.obs();
  /** The scene's items as OBS has them, bottom first: name, whether shown, and where (canvas pixels). */
  async function obsItems(sceneName: string) {
    const client = await obs();
    const { sceneItems } = await client.call('GetSceneItemList', { sceneName });
    const items = (sceneItems as Array<{ sourceName: string; sceneItemId: number; sceneItemIndex: number; sceneItemEnabled: boolean }>).sort((a, b) => a.sceneItemIndex - b.sceneItemIndex);
    return Promise.all(
      items.map(async (i) => {
        const { sceneItemTransform: t } = await client.call('GetSceneItemTransform', { sceneName, sceneItemId: i.sceneItemId });
        return { name: i.sourceName, isShown: i.sceneItemEnabled, x: t.positionX, y: t.positionY, w: t.boundsWidth, h: t.boundsHeight };
      }),
    );
  }
  /** The scene's own items bottom first (the product card the overlay painter adds on top is not the show's layout). */
  const names = async (scene: string) => (await obsItems(scene)).map((i) => i.name).filter((n) => n !== 'Product card overlay');
  const rolesOf = (s: StudioState) => s.scenes.cameraRoles ?? {};

  it('a new studio has no camera part assigned: the rehearsal camera stands in everywhere', async () => {
    expect(rolesOf(studio!.hub.store.current)).toEqual({});
    expect(await names('Product close-up')).toEqual(['Product close-up · background', 'Rehearsal camera', 'Product close-up · title']);
  });

  it('a new test pattern given the hands part takes the rehearsal camera’s box and depth in Product close-up only', async () => {
    const before = (await obsItems('Product close-up')).find((i) => i.name === 'Rehearsal camera')!;
    const result = await sendCommand(anchor, 'camera.assign', { role: 'hands', source: 'Hands pattern', create: { type: 'test-pattern' } });
    expect(result).toMatchObject({ ok: true });
    await states.waitFor((s) => rolesOf(s).hands === 'Hands pattern', QUICK_MS, 'hands part reported');
    const after = (await obsItems('Product close-up')).filter((i) => i.name !== 'Product card overlay');
    expect(after.map((i) => i.name)).toEqual(['Product close-up · background', 'Hands pattern', 'Product close-up · title']);
    expect(after[1]).toMatchObject({ isShown: true, x: before.x, y: before.y, w: before.w, h: before.h });
    expect(before).toMatchObject({ x: 32, y: 18, w: 384, h: 324 });
    // The other parts' scenes keep their camera.
    expect(await names('Anchor')).toContain('Rehearsal camera');
    expect(await names('Workshop wide')).toContain('Rehearsal camera');
  });

  it('the main part fills Anchor and Q&A; picture-in-picture then places main full and hands in the corner', async () => {
    expect(await sendCommand(anchor, 'camera.assign', { role: 'main', source: 'Main pattern', create: { type: 'test-pattern' } })).toMatchObject({ ok: true });
    await states.waitFor((s) => rolesOf(s).main === 'Main pattern', QUICK_MS, 'main part reported');
    for (const scene of ['Anchor', 'Q&A']) {
      const items = await names(scene);
      expect(items, scene).toContain('Main pattern');
      expect(items, scene).not.toContain('Rehearsal camera');
    }
    // Two test patterns the anchor cast are two cameras to the presets (the rehearsal card alone never was).
    expect(await sendCommand(anchor, 'camera.preset', { scene: 'Anchor', preset: 'pip' })).toMatchObject({ ok: true });
    const anchorScene = await obsItems('Anchor');
    expect(anchorScene.find((i) => i.name === 'Main pattern')).toMatchObject({ isShown: true, x: 0, y: 0, w: 640, h: 360 });
    expect(anchorScene.find((i) => i.name === 'Hands pattern')).toMatchObject({ isShown: true, x: Math.round(0.66 * 640), y: Math.round(0.62 * 360) });
  });

  it('a new source asked under a name already taken gets the next free one (a window that had not seen it yet)', async () => {
    expect(await sendCommand(anchor, 'camera.assign', { role: 'wide', source: 'Main pattern', create: { type: 'test-pattern' } })).toMatchObject({ ok: true });
    await states.waitFor((s) => rolesOf(s).wide === 'Main pattern 2', QUICK_MS, 'wide part on a new pattern');
    expect(await names('Workshop wide')).toEqual(['Workshop wide · background', 'Main pattern 2', 'Workshop wide · title']);
  });

  it('an existing source can take a part; a source that is not in the show is refused with a key the window translates', async () => {
    expect(await sendCommand(anchor, 'camera.assign', { role: 'wide', source: 'Main pattern' })).toMatchObject({ ok: true });
    expect(await names('Workshop wide')).toEqual(['Workshop wide · background', 'Main pattern', 'Workshop wide · title']);
    expect(await sendCommand(anchor, 'camera.assign', { role: 'wide', source: 'Nowhere cam' })).toMatchObject({
      ok: false,
      error: { code: 'rejected', refusal: { key: 'cameraSourceMissing', params: { source: 'Nowhere cam' } } },
    });
    expect(rolesOf(studio!.hub.store.current)).toEqual({ main: 'Main pattern', hands: 'Hands pattern', wide: 'Main pattern' });
  });

  it('after kill -9 the relaunched OBS has every part where the anchor cast it', async () => {
    const mark = studio!.hub.store.current.version;
    process.kill(readSession(testEngine.dataDir)!.pid, 'SIGKILL');
    const lost = await states.waitFor((s) => s.version > mark && s.obs.status !== 'connected', OBS_RECOVERY_MS, 'OBS lost');
    const back = await states.waitFor((s) => s.obs.status === 'connected' && s.version > lost.version && rolesOf(s).hands === 'Hands pattern', OBS_RECOVERY_MS, 'recovered');
    expect(rolesOf(back)).toEqual({ main: 'Main pattern', hands: 'Hands pattern', wide: 'Main pattern' });
    expect(await names('Product close-up')).toEqual(['Product close-up · background', 'Hands pattern', 'Product close-up · title']);
  }, 30_000);
});
