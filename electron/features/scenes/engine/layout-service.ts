import { ObsRequestError } from '../../../core/engine/obs-client';
import { RejectedError, NotConnectedError, type EngineService, type ObsSession } from '../../../core/engine/obs-session';
import { ROLE_SCENES, type CameraRole } from '../domain/camera-roles';
import { isAudioCaptureKind, orientationOf, type CameraPreset, type CanvasOrientation } from '../domain/scenes';
import { castCamera } from './camera-cast';
import { loadLayout, saveLayout } from './layout-store';
import type { ScenesService } from './scenes-service';
import {
  applyCameraPreset,
  applyShowLayout,
  boxTransform,
  defaultShowLayout,
  presetBoxes,
  presetCameras,
  roleScenesOf,
  type Box,
  type Canvas,
  type InputSpec,
  type SceneItemSpec,
  type ShowLayout,
} from './show-scenes';
import { suggestName } from '../domain/source-layout';
import { inputForSource, type SourceOptions, type SourceType } from './source-kinds';

/** What a new source is: where, what kind, and its device, file or text. */
export type SourceRequest = { scene: string; name: string; type: SourceType; box?: Box } & SourceOptions;

/**
 * The show's layout in OBS: which scenes exist, their sources and where they sit, camera presets, hidden sources and
 * mutes. Saved in the engine's data dir and rebuilt in OBS after every launch, so an OBS that crashed comes back with
 * the show the anchor edited. (The cameras and microphones OBS can use are `DeviceService`'s.)
 */
export class LayoutService implements EngineService {
  private layout: ShowLayout | null = null;
  private canvas: Canvas = { width: 1920, height: 1080 };

  constructor(
    private readonly session: ObsSession,
    private readonly scenes: ScenesService,
    /** The default show for a first run (tests may give their own). */
    private readonly makeDefault: (canvas: Canvas, textKind: string) => ShowLayout = defaultShowLayout,
  ) {}

  /** The show layout, once OBS is connected. */
  get current(): ShowLayout | null {
    return this.layout;
  }

  /** Builds the show in OBS (the anchor's edited layout, or the default on first run) and puts back presets, mutes and hidden sources. */
  async restore(): Promise<void> {
    const { client, desired, dataDir } = this.session;
    const video = await client.call('GetVideoSettings');
    this.canvas = { width: video.baseWidth, height: video.baseHeight };
    const kinds = new Set((await client.call('GetInputKindList', { unversioned: false })).inputKinds);
    const textKind = ['text_ft2_source_v2', 'text_gdiplus_v3', 'text_gdiplus_v2'].find((k) => kinds.has(k)) ?? 'text_ft2_source_v2';
    // The anchor's edited layout wins; the default show is built on first run only.
    const layout = loadLayout(dataDir) ?? this.makeDefault(this.canvas, textKind);
    this.layout = layout;
    saveLayout(dataDir, layout);
    await applyShowLayout(client, layout, this.canvas);
    const gone = { presets: [] as string[], mutes: [] as string[], visibility: [] as string[] };
    for (const [sceneName, preset] of Object.entries(desired.value.cameraPresets)) {
      try {
        await applyCameraPreset(client, layout, this.canvas, sceneName, preset);
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err;
        gone.presets.push(sceneName); // the scene is gone
      }
    }
    for (const [inputName, muted] of Object.entries(desired.value.mutes)) {
      await client.call('SetInputMute', { inputName, inputMuted: muted }).catch(() => gone.mutes.push(inputName));
    }
    for (const [key, visible] of Object.entries(desired.value.visibility)) {
      const [sceneName, sourceName] = key.split('\u0000') as [string, string];
      try {
        const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName });
        await client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: visible });
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err;
        gone.visibility.push(key);
      }
    }
    // Locks and orientation-only sources: OBS may have lost them with a kill, and the canvas may have turned.
    for (const scene of layout.scenes) {
      for (const item of scene.items) {
        if (!item.isLocked && !item.only) continue;
        await this.applyItemFlags(scene.name, item).catch((err: unknown) => {
          if (!(err instanceof ObsRequestError)) throw err;
        });
      }
    }
    if (gone.presets.length || gone.mutes.length || gone.visibility.length) {
      desired.update((d) => {
        for (const scene of gone.presets) delete d.cameraPresets[scene];
        for (const input of gone.mutes) delete d.mutes[input];
        for (const key of gone.visibility) delete d.visibility[key];
      });
    }
  }

  /** Shows or hides a source in a scene. */
  async setSourceVisible(sceneName: string, sourceName: string, visible: boolean): Promise<void> {
    this.session.requireConnected();
    const { client, desired } = this.session;
    const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName });
    // A source for the other canvas orientation stays hidden whatever the switch says.
    const item = this.layout?.scenes.find((s) => s.name === sceneName)?.items.find((i) => i.input === sourceName);
    const enabled = visible && (!item || this.fitsCanvas(item));
    await client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: enabled });
    desired.update((d) => (d.visibility[`${sceneName}\u0000${sourceName}`] = visible));
    // The ack's report must already hold the change (OBS's event only schedules a refresh).
    this.scenes.patchSourceItems((i, scene) => (scene === sceneName && i.name === sourceName ? { ...i, isVisible: enabled } : i));
  }

  /** Mutes or unmutes an audio source (microphone, media); kept across restarts. */
  async setMuted(sourceName: string, muted: boolean): Promise<void> {
    this.session.requireConnected();
    await this.session.client.call('SetInputMute', { inputName: sourceName, inputMuted: muted });
    this.session.desired.update((d) => (d.mutes[sourceName] = muted));
    this.scenes.patchSourceItems((item) => (item.name === sourceName && item.isMuted !== undefined ? { ...item, isMuted: muted } : item));
  }

  /** Places the cameras of a scene by preset (full, picture-in-picture, side by side). */
  async setCameraPreset(sceneName: string, preset: CameraPreset): Promise<void> {
    this.session.requireConnected();
    const layout = this.requireLayout();
    await applyCameraPreset(this.session.client, layout, this.canvas, sceneName, preset);
    this.session.desired.update((d) => (d.cameraPresets[sceneName] = preset));
    // The preset moved the cameras: the boxes the editor draws and drags must say where they are now.
    const cameras = presetCameras(layout);
    const boxes = presetBoxes(preset, cameras.length);
    let isMoved = false;
    for (const item of layout.scenes.find((s) => s.name === sceneName)?.items ?? []) {
      const box = boxes[cameras.indexOf(item.input)];
      if (box) {
        item.box = { ...box };
        isMoved = true;
      }
    }
    if (isMoved) await this.saved();
  }

  /** Adds a source (camera, screen, media, image, text, test pattern, microphone) to a scene; kept across restarts. */
  async addSource(request: SourceRequest): Promise<void> {
    this.session.requireConnected();
    const { client } = this.session;
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === request.scene);
    if (!scene) throw new RejectedError(`There is no scene named "${request.scene}".`, { key: 'sceneMissing', params: { scene: request.scene } });
    if (scene.items.some((i) => i.input === request.name)) throw new RejectedError(`"${request.name}" is already in ${request.scene}.`, { key: 'sourceInScene', params: { source: request.name, scene: request.scene } });
    const spec = layout.inputs.find((i) => i.name === request.name) ?? (await this.createInput(layout, request.name, request.type, request));
    scene.items.push({ input: spec.name, box: request.box ?? { x: 0, y: 0, w: 1, h: 1 } });
    try {
      await applyShowLayout(client, layout, this.canvas);
    } catch (err) {
      scene.items.pop();
      throw err;
    }
    await this.saved();
  }

  /**
   * Gives a camera a part in the show: in the role's scenes it takes the place (box and depth) of the role's previous
   * camera (the rehearsal test pattern at first), and the main and hands cameras lead the presets. `create` makes the
   * camera (a device) or test pattern first, named `source` or, when that is taken, `source 2`, `source 3`… Kept
   * across restarts.
   */
  async assignCameraRole(role: CameraRole, asked: string, create?: { type: 'camera' | 'test-pattern'; device?: string }): Promise<void> {
    this.session.requireConnected();
    const { client } = this.session;
    const layout = this.requireLayout();
    // A new source takes the first free name from the one asked (a window may not have seen the last one made yet).
    const source = create ? (await this.createInput(layout, await this.freeName(asked), create.type, { device: create.device })).name : asked;
    const spec = layout.inputs.find((i) => i.name === source);
    if (!spec || isAudioCaptureKind(spec.kind)) {
      throw new RejectedError(`There is no camera or picture named "${source}" in the show. Add it first, then give it a part.`, {
        key: 'cameraSourceMissing',
        params: { source },
      });
    }
    await castCamera(client, layout, this.canvas, role, source);
    // Presets place the main and hands cameras: scenes set to one follow the new cast.
    for (const [sceneName, preset] of Object.entries(this.session.desired.value.cameraPresets)) {
      await applyCameraPreset(client, layout, this.canvas, sceneName, preset).catch((err: unknown) =>
        this.session.log.warn('a camera preset could not follow the new camera', { scene: sceneName, reason: (err as Error).message }),
      );
    }
    await this.saved();
  }

  /** Moves and resizes a source in a scene (fractions of the canvas); kept across restarts. */
  async moveSource(sceneName: string, sourceName: string, box: Box): Promise<void> {
    this.session.requireConnected();
    const { client } = this.session;
    const item = this.itemOf(sceneName, sourceName);
    if (item.isLocked) {
      throw new RejectedError(`"${sourceName}" is locked in ${sceneName}. Unlock it first.`, { key: 'sourceLocked', params: { source: sourceName, scene: sceneName } });
    }
    const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName });
    await client.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: boxTransform(box, this.canvas, item.isStretched) as never });
    item.box = { ...box };
    // No OBS event announces a transform change the scene list shows: the refresh in saved() reports the new box.
    await this.saved();
  }

  /** Locks a source in place in a scene (OBS's own lock too), or unlocks it; kept across restarts. */
  async setSourceLocked(sceneName: string, sourceName: string, isLocked: boolean): Promise<void> {
    this.session.requireConnected();
    const item = this.itemOf(sceneName, sourceName);
    if (isLocked) item.isLocked = true;
    else delete item.isLocked;
    await this.applyItemFlags(sceneName, item);
    await this.saved();
  }

  /** Shows a source only on a vertical or only on a horizontal canvas (null: both); kept across restarts and canvas changes. */
  async setSourceOrientation(sceneName: string, sourceName: string, only: CanvasOrientation | null): Promise<void> {
    this.session.requireConnected();
    const item = this.itemOf(sceneName, sourceName);
    if (only) item.only = only;
    else delete item.only;
    await this.applyItemFlags(sceneName, item);
    await this.saved();
  }

  /** Removes a source from a scene (and from OBS once no scene uses it). */
  async removeSource(sceneName: string, sourceName: string): Promise<void> {
    this.session.requireConnected();
    const { client } = this.session;
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === sceneName);
    const index = scene?.items.findIndex((i) => i.input === sourceName) ?? -1;
    if (!scene || index < 0) throw new RejectedError(`"${sourceName}" is not in the scene "${sceneName}".`, { key: 'sourceNotInScene', params: { source: sourceName, scene: sceneName } });
    const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName });
    await client.call('RemoveSceneItem', { sceneName, sceneItemId });
    scene.items.splice(index, 1);
    if (!layout.scenes.some((s) => s.items.some((i) => i.input === sourceName))) {
      layout.inputs = layout.inputs.filter((i) => i.name !== sourceName);
      layout.cameras = layout.cameras.filter((c) => c !== sourceName);
      for (const [role, assigned] of Object.entries(layout.roles ?? {})) if (assigned === sourceName) delete layout.roles![role as CameraRole];
      await client.call('RemoveInput', { inputName: sourceName }).catch(() => undefined);
    }
    await this.saved();
  }

  /** Adds an empty scene at the end of the running order. */
  async createScene(sceneName: string): Promise<void> {
    this.session.requireConnected();
    const layout = this.requireLayout();
    if (layout.scenes.some((s) => s.name === sceneName) || this.scenes.state.names.includes(sceneName)) {
      throw new RejectedError(`A scene named "${sceneName}" already exists.`, { key: 'sceneExists', params: { scene: sceneName } });
    }
    layout.scenes.push({ name: sceneName, items: [] });
    await applyShowLayout(this.session.client, layout, this.canvas);
    await this.saved();
  }

  /** Renames a scene in OBS and everywhere the studio remembers it (program, presets, hidden sources). */
  async renameScene(sceneName: string, newName: string): Promise<void> {
    this.session.requireConnected();
    const { client } = this.session;
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === sceneName);
    if (!scene) throw new RejectedError(`There is no scene named "${sceneName}".`, { key: 'sceneMissing', params: { scene: sceneName } });
    if (newName === sceneName) return;
    const inputs = (await client.call('GetInputList')).inputs as Array<{ inputName: string }>;
    if (this.scenes.state.names.includes(newName) || inputs.some((i) => i.inputName === newName)) {
      throw new RejectedError(`The name "${newName}" is already used in OBS. Pick another name.`, { key: 'nameTaken', params: { name: newName } });
    }
    await client.call('SetSceneName', { sceneName, newSceneName: newName });
    scene.name = newName;
    for (const scenes of Object.values(layout.roleScenes ?? {})) scenes.forEach((name, i) => name === sceneName && (scenes[i] = newName));
    this.session.desired.update((d) => {
      if (d.program === sceneName) d.program = newName;
      if (d.preview === sceneName) d.preview = newName;
      if (d.cameraPresets[sceneName]) {
        d.cameraPresets[newName] = d.cameraPresets[sceneName]!;
        delete d.cameraPresets[sceneName];
      }
      for (const key of Object.keys(d.visibility)) {
        const [owner, source] = key.split('\u0000') as [string, string];
        if (owner !== sceneName) continue;
        d.visibility[`${newName}\u0000${source}`] = d.visibility[key]!;
        delete d.visibility[key];
      }
    });
    await this.saved();
  }

  /** Moves a scene to another place in the running order (OBS's own list order is not the show's: nothing to ask OBS). */
  async moveScene(sceneName: string, toIndex: number): Promise<void> {
    this.session.requireConnected();
    const layout = this.requireLayout();
    const from = layout.scenes.findIndex((s) => s.name === sceneName);
    if (from < 0) throw new RejectedError(`There is no scene named "${sceneName}".`, { key: 'sceneMissing', params: { scene: sceneName } });
    const [scene] = layout.scenes.splice(from, 1);
    layout.scenes.splice(Math.min(toIndex, layout.scenes.length), 0, scene!);
    await this.saved();
  }

  /** Removes a scene (never the last one; program moves to another scene first). */
  async removeScene(sceneName: string): Promise<void> {
    this.session.requireConnected();
    const layout = this.requireLayout();
    if (!layout.scenes.some((s) => s.name === sceneName)) {
      throw new RejectedError(`There is no scene named "${sceneName}".`, { key: 'sceneMissing', params: { scene: sceneName } });
    }
    if (layout.scenes.length <= 1) throw new RejectedError('The show needs at least one scene.', { key: 'lastScene' });
    if (this.scenes.state.program === sceneName) await this.scenes.switchScene(layout.scenes.find((s) => s.name !== sceneName)!.name);
    await this.session.client.call('RemoveScene', { sceneName });
    layout.scenes = layout.scenes.filter((s) => s.name !== sceneName);
    // The camera parts forget it too: a later scene of the same name is another scene, not one of the part's.
    layout.roleScenes = Object.fromEntries(
      (Object.keys(ROLE_SCENES) as CameraRole[]).map((role) => [role, roleScenesOf(layout, role).filter((name) => name !== sceneName)]),
    ) as Record<CameraRole, string[]>;
    this.session.desired.update((d) => delete d.cameraPresets[sceneName]);
    await this.saved();
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Defines a new input in the layout (OBS creates it when a scene first uses it); a camera joins the cameras. */
  private async createInput(layout: ShowLayout, name: string, type: SourceType, options: SourceOptions): Promise<InputSpec> {
    const { client } = this.session;
    const kinds = new Set((await client.call('GetInputKindList', { unversioned: false })).inputKinds);
    const input = inputForSource(type, kinds, options);
    if (!input) throw new RejectedError(`This OBS has no ${type} source on this computer.`, { key: 'sourceKindMissing', params: { type } });
    const taken = (await client.call('GetInputList')).inputs as Array<{ inputName: string }>;
    if (taken.some((i) => i.inputName === name) || this.scenes.state.names.includes(name)) {
      throw new RejectedError(`The name "${name}" is already used in OBS. Pick another name.`, { key: 'nameTaken', params: { name } });
    }
    const spec = { name, ...input };
    layout.inputs.push(spec);
    if (type === 'camera' && !layout.cameras.includes(name)) layout.cameras.push(name);
    return spec;
  }

  /** A source the studio placed in a scene, or the refusal a window translates. */
  private itemOf(sceneName: string, sourceName: string): SceneItemSpec {
    const item = this.requireLayout()
      .scenes.find((s) => s.name === sceneName)
      ?.items.find((i) => i.input === sourceName);
    if (!item) {
      throw new RejectedError(`"${sourceName}" is not in the scene "${sceneName}".`, { key: 'sourceNotInScene', params: { source: sourceName, scene: sceneName } });
    }
    return item;
  }

  /** Whether a source belongs on the canvas OBS has now (orientation-only sources hide on the other one). */
  private fitsCanvas(item: SceneItemSpec): boolean {
    return !item.only || item.only === orientationOf(this.canvas);
  }

  /** Puts an item's lock and its orientation rule into OBS (shown only if the anchor's switch says so and it fits). */
  private async applyItemFlags(sceneName: string, item: SceneItemSpec): Promise<void> {
    const { client, desired } = this.session;
    const { sceneItemId } = await client.call('GetSceneItemId', { sceneName, sourceName: item.input });
    await client.call('SetSceneItemLocked', { sceneName, sceneItemId, sceneItemLocked: item.isLocked === true });
    const wanted = desired.value.visibility[`${sceneName}\u0000${item.input}`] ?? item.isVisible ?? true;
    await client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: wanted && this.fitsCanvas(item) });
  }

  /** `name`, or `name 2`, `name 3`… the first one no input, scene or layout source uses. */
  private async freeName(name: string): Promise<string> {
    const inputs = (await this.session.client.call('GetInputList')).inputs as Array<{ inputName: string }>;
    return suggestName(name, new Set([...inputs.map((i) => i.inputName), ...this.scenes.state.names, ...this.requireLayout().inputs.map((i) => i.name)]));
  }

  /** Saves the edited layout and reads the show back from OBS (the edit's ack must report it). */
  private async saved(): Promise<void> {
    saveLayout(this.session.dataDir, this.requireLayout());
    await this.scenes.refresh();
  }

  private requireLayout(): ShowLayout {
    if (!this.layout) throw new NotConnectedError(null);
    return this.layout;
  }
}
