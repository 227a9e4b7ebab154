import type { CameraPreset, CanvasOrientation } from '../domain/scenes';
import { ROLE_SCENES, type CameraRole, type CameraRoles } from '../domain/camera-roles';
import type { ObsClient } from '../../../core/engine/obs-client';
import { RejectedError } from '../../../core/engine/obs-session';
import { cardBox, pinnedBox } from '../../overlay/domain/overlay-layout';
import { sceneShowsCard } from '../domain/scenes';

/** An OBS input the show uses (shared by name across scenes). */
export interface InputSpec {
  name: string;
  kind: string;
  settings: Record<string, unknown>;
}

/** Where an item sits, as fractions of the canvas (0..1), scaled to fit inside the box. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One source placed in a scene. */
export interface SceneItemSpec {
  input: string;
  box: Box;
  /** Stretch to the box instead of keeping the aspect ratio (backgrounds). */
  isStretched?: boolean;
  isVisible?: boolean;
  /** Locked in place in OBS (SetSceneItemLocked). */
  isLocked?: boolean;
  /** Shown only on this canvas orientation. */
  only?: CanvasOrientation;
}

/** One show scene. */
export interface SceneSpec {
  name: string;
  items: SceneItemSpec[];
}

/** The show's scenes and the inputs they use: the desired state the engine re-applies after every launch. */
export interface ShowLayout {
  inputs: InputSpec[];
  scenes: SceneSpec[];
  /** Inputs that are cameras, main camera first (face), then the second (hands); camera presets place these. */
  cameras: string[];
  /** The source playing each camera role (absent in layouts saved before roles existed: none assigned). */
  roles?: CameraRoles;
  /** The scenes each role's camera fills; they follow renames (absent in older layouts: the default show's). */
  roleScenes?: Record<CameraRole, string[]>;
}

/** Canvas size in pixels. */
export interface Canvas {
  width: number;
  height: number;
}

/** Names of the commerce show's scenes, in running order. */
export const SHOW_SCENE_NAMES = [
  'Opening',
  'Anchor',
  'Product close-up',
  'Workshop wide',
  'Q&A',
  'Flash sale',
  'Be right back',
] as const;

/** Name of the rehearsal camera (a generated test pattern) used until real cameras are picked. */
export const TEST_CAMERA = 'Rehearsal camera';
/** Name of the second rehearsal camera (the "hands" camera of a craftsman's show). */
export const TEST_CAMERA_2 = 'Rehearsal camera 2';

export type { CameraPreset } from '../domain/scenes';

/** Boxes per camera (index = camera order) for a preset; null hides that camera. */
export function presetBoxes(preset: CameraPreset, cameraCount: number): Array<Box | null> {
  const boxes: Array<Box | null> =
    preset === 'full'
      ? [FULL_BOX]
      : preset === 'pip'
        ? [FULL_BOX, { x: 0.66, y: 0.62, w: 0.32, h: 0.34 }]
        : [
            { x: 0, y: 0.125, w: 0.5, h: 0.75 },
            { x: 0.5, y: 0.125, w: 0.5, h: 0.75 },
          ];
  return Array.from({ length: cameraCount }, (_, i) => boxes[i] ?? null);
}

/**
 * The cameras presets place, main camera first: the main and hands cameras the anchor assigned, then the other
 * cameras the anchor added, in the order added. The rehearsal cameras only stand in while there is none, and only as
 * the main camera: a generated card is not a second camera, and a preset that needs one it does not have says so
 * instead of putting an empty box on air.
 */
export function presetCameras(layout: Pick<ShowLayout, 'cameras' | 'roles'>): string[] {
  const assigned = [layout.roles?.main, layout.roles?.hands].filter((c): c is string => c !== undefined);
  const real = layout.cameras.filter((c) => c !== TEST_CAMERA && c !== TEST_CAMERA_2 && !assigned.includes(c));
  const ordered = [...new Set(assigned), ...real];
  return ordered.length > 0 ? ordered : layout.cameras.filter((c) => c === TEST_CAMERA);
}

/** The scenes a role's camera fills in this layout. */
export function roleScenesOf(layout: Pick<ShowLayout, 'roleScenes'>, role: CameraRole): string[] {
  return layout.roleScenes?.[role] ?? [...ROLE_SCENES[role]];
}

/** How many cameras a preset needs. */
export function camerasNeeded(preset: CameraPreset): number {
  return preset === 'full' ? 1 : 2;
}

/** A preset needs more cameras than the studio has. */
export class CameraPresetError extends RejectedError {}

/** OBS colors are ABGR uint32; this takes #RRGGBB. */
export function obsColor(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const FULL_BOX: Box = { x: 0, y: 0, w: 1, h: 1 };
const FULL = FULL_BOX;

/**
 * The default show: every scene has its own background color and title, and camera scenes place the rehearsal
 * camera differently, so each scene looks different on program (and in screenshots).
 */
export function defaultShowLayout(canvas: Canvas, textKind = 'text_ft2_source_v2'): ShowLayout {
  const looks: Record<(typeof SHOW_SCENE_NAMES)[number], { color: string; title: string; camera: Box | null; titleBox: Box }> = {
    Opening: { color: '#1d3557', title: 'Opening · 开场', camera: null, titleBox: { x: 0.1, y: 0.35, w: 0.8, h: 0.3 } },
    Anchor: { color: '#2a9d8f', title: 'Anchor', camera: FULL, titleBox: { x: 0.02, y: 0.85, w: 0.3, h: 0.12 } },
    'Product close-up': {
      color: '#e9c46a',
      title: 'Product close-up · 特写',
      camera: { x: 0.05, y: 0.05, w: 0.6, h: 0.9 },
      titleBox: { x: 0.67, y: 0.4, w: 0.3, h: 0.2 },
    },
    'Workshop wide': {
      color: '#6d597a',
      title: 'Workshop wide',
      camera: { x: 0.25, y: 0.1, w: 0.72, h: 0.85 },
      titleBox: { x: 0.02, y: 0.05, w: 0.22, h: 0.15 },
    },
    'Q&A': { color: '#264653', title: 'Q&A · 问答', camera: { x: 0, y: 0, w: 0.5, h: 1 }, titleBox: { x: 0.55, y: 0.4, w: 0.4, h: 0.2 } },
    'Flash sale': { color: '#d62828', title: 'Flash sale · 秒杀', camera: null, titleBox: { x: 0.1, y: 0.3, w: 0.8, h: 0.4 } },
    'Be right back': { color: '#555555', title: 'Be right back · 马上回来', camera: null, titleBox: { x: 0.15, y: 0.4, w: 0.7, h: 0.2 } },
  };
  const inputs: InputSpec[] = [
    {
      name: TEST_CAMERA,
      kind: 'ffmpeg_source',
      // lavfi test pattern: moving, so the picture proves frames flow (see docs notes).
      settings: {
        is_local_file: false,
        input: `testsrc2=size=${Math.min(canvas.width, 1280)}x${Math.min(canvas.height, 720)}:rate=30`,
        input_format: 'lavfi',
        hw_decode: false,
      },
    },
  ];
  inputs.push({
    name: TEST_CAMERA_2,
    // A plain card, not a second lavfi pattern: a non-local ffmpeg_source hidden right after it opened entered the
    // reconnect loop of remote media sources (https://github.com/obsproject/obs-studio/pull/2876), logging
    // "Disconnected. Reconnecting...", and held OBS 29's shutdown until SIGKILL (seen here under Xvfb).
    kind: 'color_source_v3',
    settings: { color: obsColor('#3a5a40'), width: 640, height: 360 },
  });
  const scenes: SceneSpec[] = [];
  for (const name of SHOW_SCENE_NAMES) {
    const look = looks[name];
    const background = `${name} · background`;
    const title = `${name} · title`;
    inputs.push({
      name: background,
      kind: 'color_source_v3',
      settings: { color: obsColor(look.color), width: canvas.width, height: canvas.height },
    });
    inputs.push({
      name: title,
      kind: textKind,
      settings: {
        text: look.title,
        font: { face: 'Noto Sans CJK SC', size: 96, style: 'Bold', flags: 1 },
        color1: obsColor('#ffffff'),
        color2: obsColor('#ffffff'),
        outline: true,
      },
    });
    const items: SceneItemSpec[] = [{ input: background, box: FULL, isStretched: true }];
    if (look.camera) items.push({ input: TEST_CAMERA, box: look.camera });
    items.push({ input: title, box: sceneShowsCard(name) ? titleClearOfOverlays(look.titleBox, canvas) : look.titleBox });
    scenes.push({ name, items });
  }
  const roleScenes = { main: [...ROLE_SCENES.main], hands: [...ROLE_SCENES.hands], wide: [...ROLE_SCENES.wide] };
  return { inputs, scenes, cameras: [TEST_CAMERA, TEST_CAMERA_2], roles: {}, roleScenes };
}

/** Whether two boxes (in the same units) overlap. */
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * A scene's title where the product card and the pinned comment never cover it: its own box when clear of both on
 * this canvas, else a band the overlays leave free (top right on a horizontal canvas; under the pin on a vertical one,
 * left of the platform's button column).
 */
export function titleClearOfOverlays(box: Box, canvas: Canvas): Box {
  const fraction = (px: { x: number; y: number; w: number; h: number }): Box => ({ x: px.x / canvas.width, y: px.y / canvas.height, w: px.w / canvas.width, h: px.h / canvas.height });
  const overlays = [fraction(cardBox(canvas)), fraction(pinnedBox(canvas))];
  if (!overlays.some((o) => overlaps(box, o))) return box;
  return canvas.width >= canvas.height ? { x: 0.52, y: 0.04, w: 0.44, h: 0.12 } : { x: 0.05, y: 0.4, w: 0.62, h: 0.06 };
}

/** Pixel transform of a box on a canvas (bounds keep the source's aspect ratio unless stretched). */
export function boxTransform(box: Box, canvas: Canvas, isStretched = false): Record<string, number | string> {
  return {
    positionX: Math.round(box.x * canvas.width),
    positionY: Math.round(box.y * canvas.height),
    boundsType: isStretched ? 'OBS_BOUNDS_STRETCH' : 'OBS_BOUNDS_SCALE_INNER',
    boundsWidth: Math.max(1, Math.round(box.w * canvas.width)),
    boundsHeight: Math.max(1, Math.round(box.h * canvas.height)),
    boundsAlignment: 0,
    alignment: 5, // top-left
  };
}

/** Orders OBS's scene names: the layout's running order first, then any others as OBS lists them (top first). */
export function orderSceneNames(obsScenes: Array<{ sceneName: string; sceneIndex: number }>, layout: ShowLayout): string[] {
  // GetSceneList lists bottom-to-top (sceneIndex 0 is the last scene in OBS's list).
  const obsOrder = [...obsScenes].sort((a, b) => b.sceneIndex - a.sceneIndex).map((s) => s.sceneName);
  const wanted = layout.scenes.map((s) => s.name);
  return [...wanted.filter((n) => obsOrder.includes(n)), ...obsOrder.filter((n) => !wanted.includes(n))];
}

/**
 * Makes OBS hold the layout's scenes, creating only what is missing (safe to re-run after a reconnect), and removes
 * OBS's empty default "Scene" once the show's scenes exist.
 */
export async function applyShowLayout(client: ObsClient, layout: ShowLayout, canvas: Canvas): Promise<void> {
  const sceneList = await client.call('GetSceneList');
  const existingScenes = new Set((sceneList.scenes as Array<{ sceneName: string }>).map((s) => s.sceneName));
  const inputList = await client.call('GetInputList');
  const existingInputs = new Set((inputList.inputs as Array<{ inputName: string }>).map((i) => i.inputName));
  const inputsByName = new Map(layout.inputs.map((i) => [i.name, i]));

  for (const scene of layout.scenes) {
    let presentSources = new Set<string>();
    if (existingScenes.has(scene.name)) {
      const items = await client.call('GetSceneItemList', { sceneName: scene.name });
      presentSources = new Set((items.sceneItems as Array<{ sourceName: string }>).map((i) => i.sourceName));
    } else {
      await client.call('CreateScene', { sceneName: scene.name });
      existingScenes.add(scene.name);
    }
    for (const item of scene.items) {
      if (presentSources.has(item.input)) continue;
      const spec = inputsByName.get(item.input);
      if (!spec) throw new Error(`Scene "${scene.name}" uses "${item.input}", which the layout does not define.`);
      let sceneItemId: number;
      if (existingInputs.has(spec.name)) {
        ({ sceneItemId } = await client.call('CreateSceneItem', { sceneName: scene.name, sourceName: spec.name }));
      } else {
        ({ sceneItemId } = await client.call('CreateInput', {
          sceneName: scene.name,
          inputName: spec.name,
          inputKind: spec.kind,
          inputSettings: spec.settings as never,
        }));
        existingInputs.add(spec.name);
      }
      await client.call('SetSceneItemTransform', {
        sceneName: scene.name,
        sceneItemId,
        sceneItemTransform: boxTransform(item.box, canvas, item.isStretched) as never,
      });
      if (item.isVisible === false) {
        await client.call('SetSceneItemEnabled', { sceneName: scene.name, sceneItemId, sceneItemEnabled: false });
      }
    }
  }
  // OBS adds an empty "Scene" to an empty collection; it is noise in the anchor's scene list.
  if (existingScenes.has('Scene') && !layout.scenes.some((s) => s.name === 'Scene')) {
    const items = await client.call('GetSceneItemList', { sceneName: 'Scene' });
    if ((items.sceneItems as unknown[]).length === 0) {
      const current = await client.call('GetCurrentProgramScene');
      if (current.currentProgramSceneName === 'Scene' && layout.scenes[0]) {
        await client.call('SetCurrentProgramScene', { sceneName: layout.scenes[0].name });
      }
      await client.call('RemoveScene', { sceneName: 'Scene' });
    }
  }
}

/** Places the layout's cameras in a scene by preset: adds missing camera items, moves them, hides the unused ones. */
export async function applyCameraPreset(
  client: ObsClient,
  layout: ShowLayout,
  canvas: Canvas,
  sceneName: string,
  preset: CameraPreset,
): Promise<void> {
  const cameras = presetCameras(layout);
  if (cameras.length < camerasNeeded(preset)) {
    throw new CameraPresetError(
      `The ${preset} preset needs ${camerasNeeded(preset)} cameras and the studio has ${cameras.length} (the rehearsal picture is not a ` +
        'second camera). Add a camera under Sources, then pick the preset.',
    );
  }
  const boxes = presetBoxes(preset, cameras.length);
  const list = await client.call('GetSceneItemList', { sceneName });
  const items = new Map((list.sceneItems as Array<{ sourceName: string; sceneItemId: number }>).map((i) => [i.sourceName, i.sceneItemId]));
  const inputs = new Set(((await client.call('GetInputList')).inputs as Array<{ inputName: string }>).map((i) => i.inputName));
  // Every camera of the layout is visited: the ones the preset does not place (stand-ins included) are hidden.
  for (const camera of layout.cameras) {
    const index = cameras.indexOf(camera);
    const box = index < 0 ? null : (boxes[index] ?? null);
    let sceneItemId = items.get(camera);
    if (!box) {
      if (sceneItemId !== undefined) await client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: false });
      continue;
    }
    if (sceneItemId === undefined) {
      const spec = layout.inputs.find((i) => i.name === camera);
      if (inputs.has(camera) || !spec) {
        ({ sceneItemId } = await client.call('CreateSceneItem', { sceneName, sourceName: camera }));
      } else {
        ({ sceneItemId } = await client.call('CreateInput', {
          sceneName,
          inputName: camera,
          inputKind: spec.kind,
          inputSettings: spec.settings as never,
        }));
      }
    }
    await client.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: boxTransform(box, canvas) as never });
    // Cameras sit just above the background (index 0) so titles and overlays stay on top.
    await client.call('SetSceneItemIndex', { sceneName, sceneItemId, sceneItemIndex: Math.min(1 + index, items.size) });
    await client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: true });
  }
}
