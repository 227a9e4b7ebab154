import type { ObsClient } from '../../../core/engine/obs-client';
import type { CameraRole } from '../domain/camera-roles';
import { applyShowLayout, roleScenesOf, TEST_CAMERA, type Canvas, type ShowLayout } from './show-scenes';

/**
 * Gives `source` a camera part in the layout and in OBS: in each of the role's scenes it takes the place of the role's
 * previous camera (the rehearsal test pattern at first), with its box and its depth, so titles and the card stay on
 * top; it joins the cameras presets place. The caller saves the layout.
 */
export async function castCamera(client: ObsClient, layout: ShowLayout, canvas: Canvas, role: CameraRole, source: string): Promise<void> {
  const roles = (layout.roles ??= {});
  const previous = roles[role] ?? TEST_CAMERA;
  if (previous === source) return;
  const touched: string[] = [];
  for (const sceneName of roleScenesOf(layout, role)) {
    const scene = layout.scenes.find((s) => s.name === sceneName);
    if (!scene) continue;
    const at = scene.items.findIndex((i) => i.input === previous);
    const hasSource = scene.items.some((i) => i.input === source);
    if (at >= 0) {
      const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName: previous });
      await client.call('RemoveSceneItem', { sceneName, sceneItemId });
      if (hasSource) scene.items.splice(at, 1);
      else scene.items[at] = { input: source, box: { ...scene.items[at]!.box } };
    } else if (!hasSource) {
      // The anchor took the previous camera out of this scene: the new one goes just above the background.
      scene.items.splice(Math.min(1, scene.items.length), 0, { input: source, box: { x: 0, y: 0, w: 1, h: 1 } });
    }
    touched.push(sceneName);
  }
  roles[role] = source;
  if (!layout.cameras.includes(source)) layout.cameras.push(source);
  await applyShowLayout(client, layout, canvas);
  for (const sceneName of touched) await restack(client, layout, sceneName, source);
}

/** Puts a source just above the item the layout has under it (OBS adds new items on top of everything). */
async function restack(client: ObsClient, layout: ShowLayout, sceneName: string, source: string): Promise<void> {
  const items = layout.scenes.find((s) => s.name === sceneName)?.items ?? [];
  const below = items[items.findIndex((i) => i.input === source) - 1]?.input;
  const list = (await client.call('GetSceneItemList', { sceneName })).sceneItems as Array<{ sourceName: string; sceneItemId: number; sceneItemIndex: number }>;
  const item = list.find((i) => i.sourceName === source);
  if (!item) return;
  const belowIndex = below === undefined ? -1 : (list.find((i) => i.sourceName === below)?.sceneItemIndex ?? -1);
  await client.call('SetSceneItemIndex', { sceneName, sceneItemId: item.sceneItemId, sceneItemIndex: belowIndex + 1 });
}
