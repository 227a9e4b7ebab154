import { mkdirSync } from 'node:fs';
import type { OBSWebSocket } from 'obs-websocket-js';
import { startObsStudio, type ObsStudio } from '../helpers/obs-studio';
import { OBS_RESTART_MS, QUICK_MS } from '../helpers/timeouts';
import { expect, test } from './fixtures';

// The scene and source editor on the built studio with a real OBS 29 (own Xvfb, 640x360), in zh-CN: the anchor adds a
// scene, moves it earlier in the running order, puts a test pattern on its left half from the UI, drags it, undoes the
// drag, locks it, makes it vertical-only and switches to vertical.
test.describe.configure({ mode: 'serial' });

let studio: ObsStudio;
const SHOTS = '.test-output/scene-editor';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  studio = await startObsStudio();
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await studio?.close();
});

/** Where OBS has a scene item, in canvas pixels (asked on the test's own connection). */
async function obsPlace(obs: OBSWebSocket, scene: string, source: string) {
  const { sceneItemId } = await obs.call('GetSceneItemId', { sceneName: scene, sourceName: source });
  const { sceneItemTransform: t } = await obs.call('GetSceneItemTransform', { sceneName: scene, sceneItemId });
  return { x: t.positionX, y: t.positionY, w: t.boundsWidth, h: t.boundsHeight };
}

test('in zh-CN the anchor adds a scene and a left-half test pattern, drags it, undoes, and switches to vertical', async ({ page }) => {
  test.setTimeout(90_000);
  const obs = await studio.obs();
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('obs-status')).toHaveAttribute('data-status', 'connected');
  const editor = page.getByTestId('scene-editor');
  await expect(editor.getByRole('heading', { name: '编辑场景和画面来源' })).toBeVisible();
  await expect(editor.getByTestId('canvas-choice')).toContainText('抖音、视频号、快手和 TikTok');
  await expect(editor.getByTestId('editor-why')).toHaveCount(0);

  // A new scene: it appears in the scene list and becomes the scene being edited.
  await editor.getByTestId('new-scene-name').fill('开箱');
  await editor.getByTestId('add-scene').click();
  await expect(page.locator('[data-testid="scene-button"][data-scene="开箱"]')).toBeVisible();
  await expect(editor.getByTestId('edit-scene')).toHaveValue('开箱');
  // The same name again is explained in Chinese, and what was typed stays.
  await editor.getByTestId('new-scene-name').fill('开箱');
  await editor.getByTestId('add-scene').click();
  await expect(editor.getByTestId('editor-error')).toHaveText('已经有名为“开箱”的场景，请换一个名称。');
  await expect(editor.getByTestId('new-scene-name')).toHaveValue('开箱');
  await editor.getByTestId('new-scene-name').fill('');
  await expect(editor.getByTestId('editor-error')).toHaveCount(0);

  // It came last in the running order; one step earlier puts it before "Be right back" in the scene list (and keys).
  const order = () => page.getByTestId('scene-button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-scene')));
  expect((await order()).slice(-2)).toEqual(['Be right back', '开箱']);
  await expect(editor.getByTestId('scene-later')).toBeDisabled();
  await editor.getByTestId('scene-earlier').click();
  await expect.poll(async () => (await order()).slice(-2), { timeout: QUICK_MS }).toEqual(['开箱', 'Be right back']);

  // A test pattern on the left half: the suggested name is the type's Chinese name.
  const form = editor.getByTestId('add-source');
  await form.getByTestId('source-type').selectOption('test-pattern');
  await expect(form.getByTestId('source-name')).toHaveAttribute('placeholder', '测试画面');
  await form.getByTestId('source-position').selectOption('left-half');
  await form.getByTestId('source-add').click();
  await expect(editor.locator('[data-testid="editor-source"][data-source="测试画面"]')).toBeVisible();
  await expect(form.getByTestId('add-source-error')).toHaveCount(0);
  expect(await obsPlace(obs, '开箱', '测试画面')).toEqual({ x: 0, y: 0, w: 320, h: 360 });

  // Drag it right by about a third of the monitor: it snaps to the thirds and OBS moves it there; undo puts it back.
  const box = editor.locator('[data-testid="layout-box"][data-source="测试画面"]');
  await expect(editor.getByTestId('layout-safe-area')).toHaveAttribute('title', /安全区/);
  await expect(box).toHaveAttribute('data-box', '0,0,0.5,1');
  const frame = await editor.locator('.layout-frame').boundingBox();
  const start = await box.boundingBox();
  if (!frame || !start) throw new Error('layout monitor not drawn');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + frame.width * 0.32, start.y + start.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(box).toHaveAttribute('data-box', '0.3333,0,0.5,1');
  await expect.poll(async () => (await obsPlace(obs, '开箱', '测试画面')).x, { timeout: QUICK_MS }).toBe(213);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-zh-CN.png` });
  await editor.getByTestId('layout-monitor').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-layout-zh-CN.png` });
  await expect(editor.getByTestId('editor-undo')).toHaveText('撤销：把 测试画面 移回原处');
  await editor.getByTestId('editor-undo').click();
  await expect(box).toHaveAttribute('data-box', '0,0,0.5,1');
  expect(await obsPlace(obs, '开箱', '测试画面')).toEqual({ x: 0, y: 0, w: 320, h: 360 });
  await expect(editor.getByTestId('editor-undo')).toBeDisabled();

  // Undo of an add: a second pattern in the picture-in-picture corner, then undone, is gone from OBS.
  await form.getByTestId('source-type').selectOption('test-pattern');
  await form.getByTestId('source-position').selectOption('pip-corner');
  await form.getByTestId('source-add').click();
  await expect(editor.locator('[data-testid="editor-source"][data-source="测试画面 2"]')).toBeVisible();
  await editor.getByTestId('editor-undo').click();
  await expect(editor.locator('[data-testid="editor-source"][data-source="测试画面 2"]')).toHaveCount(0);
  const inputs = (await obs.call('GetInputList')).inputs as Array<{ inputName: string }>;
  expect(inputs.some((i) => i.inputName === '测试画面 2')).toBe(false);

  // Locked in place: OBS locks it too, and the layout monitor offers no handle to drag.
  const row = editor.locator('[data-testid="editor-source"][data-source="测试画面"]');
  await row.getByTestId('lock-source').click();
  await expect(row).toHaveAttribute('data-locked', 'true');
  await expect(box).toHaveAttribute('data-locked', 'true');
  await expect(box.getByTestId('layout-handle')).toHaveCount(0);
  const shownAndLocked = async () => {
    const client = await studio.obs();
    const { sceneItemId } = await client.call('GetSceneItemId', { sceneName: '开箱', sourceName: '测试画面' });
    const { sceneItemLocked } = await client.call('GetSceneItemLocked', { sceneName: '开箱', sceneItemId });
    const { sceneItemEnabled } = await client.call('GetSceneItemEnabled', { sceneName: '开箱', sceneItemId });
    return { isLocked: sceneItemLocked, isShown: sceneItemEnabled };
  };
  expect(await shownAndLocked()).toEqual({ isLocked: true, isShown: true });
  // For the vertical canvas only: hidden on this horizontal one, shown once the canvas turns (below).
  await row.getByTestId('source-only').selectOption('vertical');
  await expect(row).toHaveAttribute('data-only', 'vertical');
  expect(await shownAndLocked()).toEqual({ isLocked: true, isShown: false });

  // Vertical for Douyin: OBS restarts with a 9:16 canvas and the button says so.
  await editor.getByTestId('canvas-vertical').click();
  await studio.states.waitFor((s) => s.obs.profile === 'vertical' && s.obs.status === 'connected', OBS_RESTART_MS * 2, 'vertical canvas');
  await expect(page.getByTestId('canvas-vertical')).toHaveAttribute('aria-pressed', 'true', { timeout: QUICK_MS });
  const video = await (await studio.obs()).call('GetVideoSettings');
  expect([video.baseWidth, video.baseHeight]).toEqual([1080, 1920]);
  await expect(page.locator('[data-testid="scene-button"][data-scene="开箱"]')).toBeVisible();
  await expect(page.getByTestId('scene-editor').locator('[data-testid="editor-source"][data-source="测试画面"]')).toBeVisible();
  await expect.poll(shownAndLocked, { timeout: QUICK_MS, message: 'the vertical-only pattern shown on the vertical canvas, still locked' }).toEqual({ isLocked: true, isShown: true });
  await page.getByTestId('canvas-choice').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-vertical-zh-CN.png` });
});

test('a producer sees the editor disabled with the reason, in zh-CN', async ({ page }) => {
  await page.goto(`${studio.url}/?token=${studio.tokens.producer}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('obs-status')).toHaveAttribute('data-status', 'connected');
  const editor = page.getByTestId('scene-editor');
  await expect(editor.getByTestId('editor-why')).toHaveText('只有主播可以添加、重命名和删除场景与画面来源，以及选择画布。');
  await expect(editor.getByTestId('add-scene')).toBeDisabled();
  await expect(editor.getByTestId('canvas-vertical')).toBeDisabled();
  await expect(editor.getByTestId('source-add')).toBeDisabled();
  await expect(editor.getByTestId('remove-scene')).toBeDisabled();
});
