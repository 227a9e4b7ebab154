import { describe, expect, it } from 'vitest';
import { boxTransform, defaultShowLayout, obsColor, orderSceneNames, SHOW_SCENE_NAMES } from '../../../../../electron/features/scenes/engine/show-scenes';

describe('show scenes', () => {
  it('OBS colors are ABGR', () => {
    expect(obsColor('#ff0000')).toBe(0xff0000ff);
    expect(obsColor('#0000ff')).toBe(0xffff0000);
  });

  it('default layout: the seven commerce scenes, each with its own background and title', () => {
    const layout = defaultShowLayout({ width: 640, height: 360 });
    expect(layout.scenes.map((s) => s.name)).toEqual([...SHOW_SCENE_NAMES]);
    const colors = layout.scenes.map((s) => layout.inputs.find((i) => i.name === s.items[0]!.input)!.settings.color);
    expect(new Set(colors).size).toBe(SHOW_SCENE_NAMES.length);
    for (const scene of layout.scenes) for (const item of scene.items) expect(layout.inputs.some((i) => i.name === item.input)).toBe(true);
  });

  it('boxes become pixel bounds on the canvas', () => {
    expect(boxTransform({ x: 0.5, y: 0.25, w: 0.5, h: 0.5 }, { width: 640, height: 360 })).toMatchObject({
      positionX: 320,
      positionY: 90,
      boundsWidth: 320,
      boundsHeight: 180,
      boundsType: 'OBS_BOUNDS_SCALE_INNER',
    });
  });

  it('orders OBS scene names by the show running order (GetSceneList is bottom-to-top)', () => {
    const layout = defaultShowLayout({ width: 640, height: 360 });
    const obsList = ['Custom', ...SHOW_SCENE_NAMES].reverse().map((sceneName, sceneIndex) => ({ sceneName, sceneIndex }));
    expect(orderSceneNames(obsList, layout)).toEqual([...SHOW_SCENE_NAMES, 'Custom']);
  });
});

describe('camera presets', () => {
  it('full shows one camera, pip and side-by-side two, extra cameras are hidden', async () => {
    const { presetBoxes, camerasNeeded } = await import('../../../../../electron/features/scenes/engine/show-scenes');
    expect(presetBoxes('full', 2)).toEqual([{ x: 0, y: 0, w: 1, h: 1 }, null]);
    expect(presetBoxes('pip', 3)[1]).toMatchObject({ x: 0.66 });
    expect(presetBoxes('pip', 3)[2]).toBeNull();
    expect(presetBoxes('side-by-side', 2).map((b) => b?.x)).toEqual([0, 0.5]);
    expect(camerasNeeded('pip')).toBe(2);
  });
});

describe('what goes on stream is designed', () => {
  const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it('no scene title sits under the product card, on a horizontal or a vertical canvas', async () => {
    const { cardBox, pinnedBox } = await import('../../../../../electron/features/overlay/domain/overlay-layout');
    const { sceneShowsCard } = await import('../../../../../electron/features/scenes/domain/scenes');
    for (const canvas of [{ width: 1920, height: 1080 }, { width: 640, height: 360 }, { width: 1080, height: 1920 }]) {
      const layout = defaultShowLayout(canvas);
      const px = (box: { x: number; y: number; w: number; h: number }) => ({ x: box.x * canvas.width, y: box.y * canvas.height, w: box.w * canvas.width, h: box.h * canvas.height });
      for (const scene of layout.scenes.filter((s) => sceneShowsCard(s.name))) {
        const title = scene.items.find((i) => i.input.endsWith('· title'))!;
        expect({ canvas, scene: scene.name, underCard: overlaps(px(title.box), cardBox(canvas)) }).toEqual({ canvas, scene: scene.name, underCard: false });
        expect({ canvas, scene: scene.name, underPin: overlaps(px(title.box), pinnedBox(canvas)) }).toEqual({ canvas, scene: scene.name, underPin: false });
      }
    }
  });

  it('presets place the cameras the anchor added; the rehearsal picture stands in only as the main camera', async () => {
    const { presetCameras, TEST_CAMERA, TEST_CAMERA_2 } = await import('../../../../../electron/features/scenes/engine/show-scenes');
    expect(presetCameras({ cameras: [TEST_CAMERA, TEST_CAMERA_2] })).toEqual([TEST_CAMERA]);
    expect(presetCameras({ cameras: [TEST_CAMERA, TEST_CAMERA_2, 'Face cam'] })).toEqual(['Face cam']);
    expect(presetCameras({ cameras: [TEST_CAMERA, 'Face cam', 'Hands cam'] })).toEqual(['Face cam', 'Hands cam']);
    // The parts the anchor cast lead, main then hands, whatever the order the cameras were added in (test patterns too).
    expect(presetCameras({ cameras: [TEST_CAMERA, 'Face cam', 'Hands cam'], roles: { main: 'Hands cam', hands: 'Face cam' } })).toEqual(['Hands cam', 'Face cam']);
    expect(presetCameras({ cameras: [TEST_CAMERA, 'Pattern A', 'Pattern B'], roles: { main: 'Pattern A', hands: 'Pattern B', wide: 'Pattern A' } })).toEqual(['Pattern A', 'Pattern B']);
    expect(presetCameras({ cameras: [TEST_CAMERA, 'Wide cam', 'Face cam'], roles: { main: 'Face cam' } })).toEqual(['Face cam', 'Wide cam']);
  });
});
