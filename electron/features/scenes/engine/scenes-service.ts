import { ObsRequestError } from '../../../core/engine/obs-client';
import { until, waitForChange, type EngineService, type ObsSession } from '../../../core/engine/obs-session';
import type { TransitionChoice } from '../../../core/engine/desired-state';
import { isAudioCaptureKind, type SceneSource, type ScenesState } from '../domain/scenes';
import { isDeviceProbe } from '../domain/device-probe';
import { orderSceneNames, type ShowLayout } from './show-scenes';

/**
 * What goes out: the program and preview scenes, studio mode, the transition, and the scenes with their sources as
 * OBS has them (read after every change OBS announces). The anchor's choices are kept in the desired state, so a
 * relaunched OBS comes back on the same program scene.
 */
export class ScenesService implements EngineService {
  private scenes: ScenesState = { names: [], program: null, preview: null };
  private readonly listeners = new Set<() => void>();
  /** Counts program/preview events, so a scene-list refresh never overwrites a newer switch with its older answer. */
  private programEvents = 0;
  private previewEvents = 0;
  /** The refresh running now, and whether another was asked for meanwhile (refreshes never overlap). */
  private refreshing: Promise<void> | null = null;
  private isRefreshAgain = false;
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly session: ObsSession,
    /** The show layout the layout service keeps (its scene order is the running order). */
    private readonly layout: () => ShowLayout | null,
  ) {
    const { client, desired } = session;
    client.on('CurrentProgramSceneChanged', ({ sceneName }) => {
      this.programEvents += 1;
      // Report first (the UI waits for it), then remember it on disk.
      this.set({ ...this.scenes, program: sceneName });
      if (session.isRunning()) desired.update((d) => (d.program = sceneName));
    });
    client.on('CurrentPreviewSceneChanged', ({ sceneName }) => {
      this.previewEvents += 1;
      if (session.isRunning()) desired.update((d) => (d.preview = sceneName));
      this.set({ ...this.scenes, preview: sceneName });
    });
    client.on('StudioModeStateChanged', ({ studioModeEnabled }) => {
      if (session.isRunning()) desired.update((d) => (d.isStudioMode = studioModeEnabled));
      if (!studioModeEnabled) this.set({ ...this.scenes, preview: null });
      else this.scheduleRefresh();
    });
    client.on('InputMuteStateChanged', ({ inputName, inputMuted }) => {
      this.patchSourceItems((item) => (item.name === inputName && item.isMuted !== undefined ? { ...item, isMuted: inputMuted } : item));
    });
    for (const event of [
      'SceneCreated',
      'SceneRemoved',
      'SceneNameChanged',
      'SceneListChanged',
      'SceneItemCreated',
      'SceneItemRemoved',
      'SceneItemEnableStateChanged',
      'SceneItemListReindexed',
      'InputNameChanged',
    ] as const) {
      client.on(event, () => this.scheduleRefresh());
    }
  }

  /** The scenes as the hub gets them: with the transition, and each scene's chosen camera preset. */
  get state(): ScenesState {
    const presets = this.session.desired.value.cameraPresets;
    const scenes: ScenesState = { ...this.scenes, names: [...this.scenes.names], transition: { ...this.session.desired.value.transition } };
    const roles = this.layout()?.roles;
    if (roles) scenes.cameraRoles = { ...roles };
    if (this.scenes.sources) scenes.sources = this.scenes.sources.map((s) => (presets[s.scene] ? { ...s, cameraPreset: presets[s.scene] } : s));
    return scenes;
  }

  /** Listens to changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Switches OBS's program scene and resolves once OBS reports it on program. */
  async switchScene(sceneName: string): Promise<void> {
    this.session.requireConnected();
    this.session.desired.update((d) => (d.program = sceneName));
    if (this.scenes.program === sceneName) {
      // Our view may lag OBS (a switch made elsewhere whose event is still in flight): ask before calling it a no-op.
      const { currentProgramSceneName } = await this.session.client.call('GetCurrentProgramScene');
      if (currentProgramSceneName === sceneName) {
        if (this.scenes.program !== sceneName) this.set({ ...this.scenes, program: sceneName });
        return;
      }
    }
    await this.confirmed(() => this.scenes.program === sceneName, 5000, 'the switch', () =>
      this.session.client.call('SetCurrentProgramScene', { sceneName }),
    );
  }

  /** Puts a scene on preview (studio mode must be on). */
  async setPreview(sceneName: string): Promise<void> {
    this.session.requireConnected();
    await this.selectPreview(sceneName);
    this.session.desired.update((d) => (d.preview = sceneName));
  }

  /** Turns studio mode on or off; resolves once OBS has switched mode. */
  async setStudioMode(enabled: boolean): Promise<void> {
    this.session.requireConnected();
    this.session.desired.update((d) => (d.isStudioMode = enabled));
    await this.selectStudioMode(enabled);
    await this.refresh();
  }

  /** Chooses the transition kind and duration. */
  async setTransition(choice: TransitionChoice): Promise<void> {
    this.session.requireConnected();
    this.session.desired.update((d) => (d.transition = choice));
    await this.applyTransition();
  }

  /** Studio mode: takes preview to program; resolves once the new program scene is on air. */
  async triggerTransition(): Promise<void> {
    this.session.requireConnected();
    const previous = this.scenes.program;
    // Preview == program makes a transition that changes nothing: no event will come.
    const isNoChange = this.scenes.preview === previous;
    await this.confirmed(() => isNoChange || this.scenes.program !== previous, 10_000, 'the transition', () =>
      this.session.client.call('TriggerStudioModeTransition'),
    );
  }

  /** A picture of a scene as a data URI (thumbnails). */
  async screenshot(scene: string, width: number): Promise<string> {
    if (!this.session.isRunning()) throw new Error('OBS is not connected');
    const shot = await this.session.client.call(
      'GetSourceScreenshot',
      { sourceName: scene, imageFormat: 'jpg', imageWidth: width, imageCompressionQuality: 60 },
      { timeoutMs: 2000 },
    );
    return shot.imageData;
  }

  /** Re-reads scenes and their sources from OBS; serialized, and a run requested meanwhile runs once after it. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.isRefreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.isRefreshAgain = false;
          await this.readScenes();
        } while (this.isRefreshAgain);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Rewrites source items in place of a refresh (the change is known); emits only when something changed. */
  patchSourceItems(patch: (item: SceneSource, scene: string) => SceneSource): void {
    if (!this.scenes.sources) return;
    let isChanged = false;
    const sources = this.scenes.sources.map((s) => {
      const items = s.items.map((item) => {
        const next = patch(item, s.scene);
        if (next !== item) isChanged = true;
        return next;
      });
      return { ...s, items };
    });
    if (isChanged) this.set({ ...this.scenes, sources });
  }

  /** Puts back the transition, the program scene, studio mode and the preview (after the layout service rebuilt the show). */
  async restore(): Promise<void> {
    const { client, desired } = this.session;
    await this.applyTransition();
    // GetSceneList, not GetCurrentProgramScene: OBS 29 aborts (std::logic_error) answering the latter before any
    // scene was ever on program, as in a fresh scene collection.
    const { names, program: onProgram } = await this.obsScenes();
    const program = this.restoredProgram(names);
    if (program && onProgram !== program) await client.call('SetCurrentProgramScene', { sceneName: program });
    const studio = await client.call('GetStudioModeEnabled');
    if (studio.studioModeEnabled !== desired.value.isStudioMode) await this.selectStudioMode(desired.value.isStudioMode);
    const preview = desired.value.preview;
    if (desired.value.isStudioMode && preview && names.has(preview)) await client.call('SetCurrentPreviewScene', { sceneName: preview });
  }

  /** The final read of the show, once every service put its part back. */
  async afterRestore(): Promise<void> {
    const program = this.restoredProgram((await this.obsScenes()).names);
    await this.refresh();
    // SetCurrentProgramScene answers before the switch lands on the next render tick.
    if (program && this.scenes.program !== program) this.set({ ...this.scenes, program });
  }

  onDisconnected(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The scene to put on program after a (re)connection: the anchor's last one if it still exists, else the first. */
  private restoredProgram(names: ReadonlySet<string>): string | undefined {
    const wanted = this.session.desired.value.program;
    return wanted && names.has(wanted) ? wanted : this.layout()?.scenes[0]?.name;
  }

  /** Every scene the show knows (the layout's and OBS's own), and what OBS has on program (null: none yet). */
  private async obsScenes(): Promise<{ names: Set<string>; program: string | null }> {
    const names = new Set((this.layout()?.scenes ?? []).map((s) => s.name));
    const current = await this.session.client.call('GetSceneList');
    for (const s of current.scenes as Array<{ sceneName: string }>) names.add(s.sceneName);
    return { names, program: current.currentProgramSceneName ?? null };
  }

  /** Sends `request` and resolves once OBS's event made `isDone` hold (it answers before the change lands). */
  private async confirmed(isDone: () => boolean, timeoutMs: number, what: string, request: () => Promise<unknown>): Promise<void> {
    const change = waitForChange((l) => this.onChange(l), isDone, timeoutMs, what);
    try {
      await request();
    } catch (err) {
      change.cancel();
      throw err;
    }
    if (isDone()) change.cancel();
    await change.promise;
  }

  private async applyTransition(): Promise<void> {
    const { client, desired } = this.session;
    const { kind, durationMs } = desired.value.transition;
    const list = await client.call('GetSceneTransitionList');
    const wanted = kind === 'cut' ? 'cut_transition' : 'fade_transition';
    const match = (list.transitions as Array<{ transitionName: string; transitionKind: string }>).find((t) => t.transitionKind === wanted);
    if (!match) throw new Error(`OBS has no ${kind} transition.`);
    await client.call('SetCurrentSceneTransition', { transitionName: match.transitionName });
    if (kind === 'fade') await client.call('SetCurrentSceneTransitionDuration', { transitionDuration: durationMs });
    // OBS 29 answers these before its UI thread applies them; a switch sent right after would still use the old
    // transition. Poll until OBS reports what we set.
    await until(async () => {
      const current = await client.call('GetCurrentSceneTransition');
      return current.transitionName === match.transitionName && (kind === 'cut' || current.transitionDuration === durationMs);
    }, 2000);
  }

  /** Sets studio mode and waits until OBS reports it (the request is applied later on OBS's UI thread). */
  private async selectStudioMode(enabled: boolean): Promise<void> {
    const { client } = this.session;
    await client.call('SetStudioModeEnabled', { studioModeEnabled: enabled });
    await until(async () => (await client.call('GetStudioModeEnabled')).studioModeEnabled === enabled, 3000);
  }

  /** Puts a scene on preview and waits for OBS's CurrentPreviewSceneChanged. */
  private async selectPreview(sceneName: string): Promise<void> {
    const request = () => this.session.client.call('SetCurrentPreviewScene', { sceneName });
    if (this.scenes.preview === sceneName) {
      await request();
      return;
    }
    await this.confirmed(() => this.scenes.preview === sceneName, 5000, 'the preview', request);
  }

  private async readScenes(): Promise<void> {
    const layout = this.layout();
    if (!layout) return;
    const { client } = this.session;
    const programSeq = this.programEvents;
    const previewSeq = this.previewEvents;
    const list = await client.call('GetSceneList');
    const names = orderSceneNames(list.scenes as Array<{ sceneName: string; sceneIndex: number }>, layout);
    const sources: NonNullable<ScenesState['sources']> = [];
    /** Mute state per audio input, asked once even when several scenes share the microphone. */
    const mutes = new Map<string, boolean>();
    // Where the studio placed each item (the layout is what the engine applies; OBS's own transform is in pixels).
    const placed = new Map(layout.scenes.flatMap((s) => s.items.map((i) => [`${s.name}\u0000${i.input}`, i] as const)));
    for (const scene of names) {
      try {
        const { sceneItems } = await client.call('GetSceneItemList', { sceneName: scene });
        const items = (sceneItems as Array<{ sourceName: string; inputKind?: string | null; sceneItemEnabled: boolean; sceneItemIndex: number; sceneItemLocked?: boolean }>)
          .filter((i) => !isDeviceProbe(i.sourceName))
          .sort((a, b) => a.sceneItemIndex - b.sceneItemIndex)
          .map((i): SceneSource => {
            const kind = i.inputKind ?? 'scene';
            // Sound-only inputs have no place on the canvas, whatever box the layout holds for them.
            const spec = placed.get(`${scene}\u0000${i.sourceName}`);
            const box = isAudioCaptureKind(kind) ? undefined : spec?.box;
            return {
              name: i.sourceName,
              kind,
              isVisible: i.sceneItemEnabled,
              ...(box ? { box: { ...box } } : {}),
              ...(i.sceneItemLocked ? { isLocked: true } : {}),
              ...(spec?.only ? { only: spec.only } : {}),
            };
          });
        for (const item of items) {
          if (!isAudioCaptureKind(item.kind)) continue;
          item.isMuted = mutes.get(item.name) ?? (await client.call('GetInputMute', { inputName: item.name })).inputMuted;
          mutes.set(item.name, item.isMuted);
        }
        sources.push({ scene, items });
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err; // removed between the two calls
      }
    }
    // A switch event that arrived while we were reading is newer than the list's answer: keep it.
    this.set({
      names,
      program: this.programEvents === programSeq ? (list.currentProgramSceneName ?? null) : this.scenes.program,
      preview: this.previewEvents === previewSeq ? (list.currentPreviewSceneName ?? null) : this.scenes.preview,
      sources,
    });
  }

  private scheduleRefresh(): void {
    if (!this.session.isRunning() || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refresh().catch((err) => this.session.log.debug('scene refresh failed', { err }));
    }, 30);
  }

  private set(scenes: ScenesState): void {
    this.scenes = scenes;
    for (const l of [...this.listeners]) l();
  }
}
