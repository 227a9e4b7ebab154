import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAudioCaptureKind } from '../../features/scenes/domain/scenes';
import type { ObsHealth } from '../../features/health/domain/obs-health';
import type { ObsState } from '../domain/studio-state';
import type { SceneSource, ScenesState } from '../../features/scenes/domain/scenes';
import { computeHealth, type HealthSample } from '../../features/health/engine/health';
import { ObsClient, ObsRequestError, type ObsClientOptions } from './obs-client';
import { obsLaunchArgs, PROFILES, seedObsConfig, SUPPORTED_OBS_MAJORS, type ObsProfile, type ObsVersion, type ProfileName } from './obs-config';
import { locateObs, type LocateObsOptions } from './obs-locator';
import {
  attachObsProcess,
  clearSession,
  detectObsVersion,
  explainStartupExit,
  freePort,
  isPidAlive,
  launchObs,
  ObsExitedError,
  readLogTail,
  readSession,
  waitForObsPort,
  writeSession,
  type ObsExit,
  type ObsProcessHandle,
  type ObsSession,
} from './obs-process';
import { isOurObs } from './process-identity';
import {
  applyCameraPreset,
  applyShowLayout,
  defaultShowLayout,
  orderSceneNames,
  type Box,
  type CameraPreset,
  type Canvas,
  type ShowLayout,
} from '../../features/scenes/engine/show-scenes';
import { enumerateDevices, PROBE_PREFIX } from '../../features/scenes/engine/devices';
import { loadLayout, saveLayout } from '../../features/scenes/engine/layout-store';
import { inputForSource, type SourceOptions, type SourceType } from '../../features/scenes/engine/source-kinds';
import { displayProblem, findXvfb, startVirtualDisplay, type VirtualDisplay } from './virtual-display';

/** The logging the engine needs (the hub's Logger fits). */
export interface EngineLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  addSecret?(value: string): void;
}

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** What the supervisor reports: OBS status and its scenes. */
export interface ObsSnapshot {
  obs: ObsState;
  scenes: ScenesState;
}

/** Transition between scenes. */
export interface TransitionChoice {
  kind: 'cut' | 'fade';
  durationMs: number;
}

/** What the studio wants OBS to look like; re-applied after every (re)launch or reconnect. */
export interface DesiredState {
  program: string | null;
  preview: string | null;
  isStudioMode: boolean;
  transition: TransitionChoice;
  /** `scene\u0000source` -> visible, for sources the anchor toggled. */
  visibility: Record<string, boolean>;
  /** Camera preset chosen per scene. */
  cameraPresets: Record<string, CameraPreset>;
  /** Audio sources the anchor muted (true) or unmuted (false). */
  mutes: Record<string, boolean>;
  /** Video profile chosen by the anchor; falls back to the engine option. */
  profile?: ProfileName;
  /** Where OBS streams and whether it should be live; a relaunch after a crash goes live again. */
  stream: { target: StreamTarget | null; isLive: boolean };
  /** Whether the backup recording should run; a relaunch after a crash records again (into a new file). */
  isRecording?: boolean;
}

/** An RTMP destination (usually the studio's local relay). The key is a secret: never logged. */
export interface StreamTarget {
  server: string;
  key: string;
}

/** How to run and watch OBS. */
export interface SupervisorOptions {
  /** The engine's folder: OBS config home, OBS log, session and desired-state files. */
  dataDir: string;
  platform?: NodeJS.Platform;
  /** Environment OBS runs in (DISPLAY decides whether a virtual display is needed). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  locate?: Omit<LocateObsOptions, 'platform' | 'env'>;
  /** Xvfb binary; null = none available; undefined = search PATH. */
  xvfbPath?: string | null;
  profile?: ProfileName;
  layout?: (canvas: Canvas, textKind: string) => ShowLayout;
  log?: EngineLogger;
  relaunchInitialMs?: number;
  relaunchMaxMs?: number;
  healthIntervalMs?: number;
  /** How long OBS may take to open its websocket after launch. */
  startupTimeoutMs?: number;
  client?: ObsClientOptions;
}

const DESIRED_FILE = 'engine-desired.json';
const OBS_LOG_FILE = 'obs-output.log';
/** A run that stayed up this long resets the relaunch backoff. */
const STABLE_RUN_MS = 60_000;
/** A live process whose websocket stays away this long counts as hung and is killed. */
const HUNG_AFTER_MS = 20_000;

type RunEnd = { kind: 'exit'; exit: ObsExit } | { kind: 'stop' } | { kind: 'auth' } | { kind: 'hung' } | { kind: 'restart' };

/** Launches (or attaches to) the studio's OBS, keeps it alive, and re-applies the desired state after every restart. */
export class ObsSupervisor {
  /** The websocket client; valid across relaunches. */
  readonly client: ObsClient;
  private readonly log: EngineLogger;
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  private profile: ObsProfile;
  private profileName: ProfileName;
  /** Status message for the next launch (e.g. a profile change) instead of "Starting OBS…". */
  private nextStartMessage: string | null = null;
  private readonly configHome: string;
  private obs: ObsState = { status: 'unavailable', message: null, version: null, health: null };
  private scenes: ScenesState = { names: [], program: null, preview: null };
  private desired: DesiredState;
  private layout: ShowLayout | null = null;
  private canvas: Canvas;
  private readonly listeners = new Set<(s: ObsSnapshot) => void>();
  private loop: Promise<void> | null = null;
  private isStopping = false;
  private wake: (() => void) | null = null;
  private endRun: ((end: RunEnd) => void) | null = null;
  private handle: ObsProcessHandle | null = null;
  private display: VirtualDisplay | null = null;
  private isDisplayOwned = false;
  private phase: 'down' | 'applying' | 'running' = 'down';
  private lastIdentifiedAt = 0;
  private healthTimer: NodeJS.Timeout | null = null;
  private lastSample: HealthSample | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private version: ObsVersion | null = null;
  private isStreamCommandRunning = false;
  /** Counts program/preview events, so a scene-list refresh never overwrites a newer switch with its older answer. */
  private programEvents = 0;
  private previewEvents = 0;
  /** The refresh running now, and whether another was asked for meanwhile (refreshes never overlap). */
  private refreshing: Promise<void> | null = null;
  private isRefreshAgain = false;
  /** Rejects when stop() is called, so startup waits end at once instead of running out their timeouts. */
  private readonly stopRequested: Promise<never>;
  private rejectStop!: (err: Error) => void;

  constructor(private readonly options: SupervisorOptions) {
    this.log = options.log ?? silentLogger;
    this.platform = options.platform ?? process.platform;
    this.env = options.env ?? process.env;
    this.desired = loadDesired(options.dataDir);
    this.profileName = this.desired.profile ?? options.profile ?? 'horizontal';
    this.profile = PROFILES[this.profileName];
    this.canvas = { width: this.profile.width, height: this.profile.height };
    this.configHome = join(options.dataDir, 'obs-config');
    this.stopRequested = new Promise<never>((_, reject) => (this.rejectStop = reject));
    this.stopRequested.catch(() => undefined);
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    if (this.desired.stream.target) this.log.addSecret?.(this.desired.stream.target.key);
    this.client = new ObsClient(options.client);
    this.client.onStatus((status) => this.onClientStatus(status));
    this.client.on('CurrentProgramSceneChanged', ({ sceneName }) => {
      this.programEvents += 1;
      // Report first (the UI waits for it), then remember it on disk.
      this.setScenes({ ...this.scenes, program: sceneName });
      if (this.phase === 'running') {
        this.desired.program = sceneName;
        this.saveDesired();
      }
    });
    this.client.on('CurrentPreviewSceneChanged', ({ sceneName }) => {
      this.previewEvents += 1;
      if (this.phase === 'running') this.desired.preview = sceneName;
      this.setScenes({ ...this.scenes, preview: sceneName });
    });
    this.client.on('StudioModeStateChanged', ({ studioModeEnabled }) => {
      if (this.phase === 'running') {
        this.desired.isStudioMode = studioModeEnabled;
        this.saveDesired();
      }
      if (!studioModeEnabled) this.setScenes({ ...this.scenes, preview: null });
      else this.scheduleRefresh();
    });
    this.client.on('InputMuteStateChanged', ({ inputName, inputMuted }) => {
      this.patchSourceItems((item) => (item.name === inputName && item.isMuted !== undefined ? { ...item, isMuted: inputMuted } : item));
    });
    this.client.on('StreamStateChanged', ({ outputState }) => {
      // OBS gave up (MaxRetries) or someone stopped it in OBS itself: do not restart it after a crash.
      if (this.phase === 'running' && outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED' && !this.isStreamCommandRunning) {
        this.desired.stream.isLive = false;
        this.saveDesired();
      }
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
      this.client.on(event, () => this.scheduleRefresh());
    }
  }

  /** The latest snapshot. */
  get snapshot(): ObsSnapshot {
    const presets = this.desired.cameraPresets;
    const scenes: ScenesState = { ...this.scenes, names: [...this.scenes.names], transition: { ...this.desired.transition } };
    if (this.scenes.sources) {
      // The chosen camera preset travels with its scene so the UI can show which one is on.
      scenes.sources = this.scenes.sources.map((s) => (presets[s.scene] ? { ...s, cameraPreset: presets[s.scene] } : s));
    }
    return { obs: { ...this.obs }, scenes };
  }

  /** What will be re-applied after a restart. */
  get desiredState(): DesiredState {
    return structuredClone(this.desired);
  }

  /** Pid of the OBS being supervised, if any. */
  get obsPid(): number | null {
    return this.handle?.isAlive() ? this.handle.pid : null;
  }

  /** True when the current OBS was found running rather than launched. */
  get isAttached(): boolean {
    return this.handle?.isAttached ?? false;
  }

  /** Listens to snapshot changes; returns the unsubscribe function. */
  onChange(listener: (s: ObsSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts supervising (idempotent). */
  start(): void {
    this.loop ??= this.run().catch((err) => {
      this.log.error('engine supervisor stopped on an unexpected error', { err });
      this.setObs({ status: 'error', message: 'The OBS engine hit an internal error and stopped. Restart the studio.' });
    });
  }

  /** Stops supervising; by default also stops OBS (outputs first), else leaves it running for the next app start. */
  async stop(options: { keepObsRunning?: boolean } = {}): Promise<void> {
    // An OBS that never finished starting has nothing to save and may not handle SIGINT yet: short grace.
    const graceMs = this.obs.status === 'connected' ? 8000 : 1500;
    this.isStopping = true;
    this.rejectStop(new Error('stopping'));
    this.wake?.();
    this.endRun?.({ kind: 'stop' });
    await this.loop;
    this.stopHealth();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const handle = this.handle;
    if (!options.keepObsRunning && handle?.isAlive()) {
      await this.stopOutputs();
    }
    await this.client.stop();
    if (!options.keepObsRunning) {
      if (handle?.isAlive()) await handle.stop(graceMs);
      if (this.display && this.isDisplayOwned) killPid(this.display.pid);
      clearSession(this.options.dataDir);
    }
    this.handle = null;
    this.phase = 'down';
  }

  /** Switches OBS's program scene and resolves once OBS reports it on program. */
  async switchScene(sceneName: string): Promise<void> {
    this.requireConnected();
    this.desired.program = sceneName;
    this.saveDesired();
    if (this.scenes.program === sceneName) {
      // Our view may lag OBS (a switch made elsewhere whose event is still in flight): ask before calling it a no-op.
      const { currentProgramSceneName } = await this.client.call('GetCurrentProgramScene');
      if (currentProgramSceneName === sceneName) {
        if (this.scenes.program !== sceneName) this.setScenes({ ...this.scenes, program: sceneName });
        return;
      }
    }
    const onProgram = this.waitFor((s) => s.scenes.program === sceneName, 5000);
    try {
      await this.client.call('SetCurrentProgramScene', { sceneName });
    } catch (err) {
      onProgram.cancel();
      throw err;
    }
    await onProgram.promise;
  }

  /** Puts a scene on preview (studio mode must be on). */
  async setPreview(sceneName: string): Promise<void> {
    this.requireConnected();
    await this.selectPreview(sceneName);
    this.desired.preview = sceneName;
  }

  /** Turns studio mode on or off; resolves once OBS has switched mode. */
  async setStudioMode(enabled: boolean): Promise<void> {
    this.requireConnected();
    this.desired.isStudioMode = enabled;
    this.saveDesired();
    await this.selectStudioMode(enabled);
    await this.refreshScenes();
  }

  /** Chooses the transition kind and duration. */
  async setTransition(choice: TransitionChoice): Promise<void> {
    this.requireConnected();
    this.desired.transition = choice;
    this.saveDesired();
    await this.applyTransition();
  }

  /** Studio mode: takes preview to program; resolves once the new program scene is on air. */
  async triggerTransition(): Promise<void> {
    this.requireConnected();
    const previous = this.scenes.program;
    const changed = this.waitFor((s) => s.scenes.program !== previous, 10_000);
    try {
      await this.client.call('TriggerStudioModeTransition');
    } catch (err) {
      changed.cancel();
      throw err;
    }
    // Preview == program makes a transition that changes nothing: no event will come.
    if (this.scenes.preview === previous) changed.cancel();
    await changed.promise;
  }

  /** Shows or hides a source in a scene. */
  async setSourceVisible(sceneName: string, sourceName: string, visible: boolean): Promise<void> {
    this.requireConnected();
    const { sceneItemId } = await this.client.call('GetSceneItemId', { sceneName, sourceName });
    await this.client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: visible });
    this.desired.visibility[`${sceneName}\u0000${sourceName}`] = visible;
    this.saveDesired();
    // The ack's report must already hold the change (OBS's event only schedules a refresh).
    this.patchSourceItems((item, scene) => (scene === sceneName && item.name === sourceName ? { ...item, isVisible: visible } : item));
  }

  /** Adds a source (camera, screen, media, image, text, test pattern, microphone) to a scene; kept across restarts. */
  async addSource(request: { scene: string; name: string; type: SourceType; box?: Box } & SourceOptions): Promise<void> {
    this.requireConnected();
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === request.scene);
    if (!scene) throw new RejectedError(`There is no scene named "${request.scene}".`);
    if (scene.items.some((i) => i.input === request.name)) throw new RejectedError(`"${request.name}" is already in ${request.scene}.`);
    let spec = layout.inputs.find((i) => i.name === request.name);
    if (!spec) {
      const kinds = new Set((await this.client.call('GetInputKindList', { unversioned: false })).inputKinds);
      const input = inputForSource(request.type, kinds, request);
      if (!input) throw new RejectedError(`This OBS has no ${request.type} source on this computer.`);
      const taken = (await this.client.call('GetInputList')).inputs as Array<{ inputName: string }>;
      const sceneNames = new Set(this.scenes.names);
      if (taken.some((i) => i.inputName === request.name) || sceneNames.has(request.name)) {
        throw new RejectedError(`The name "${request.name}" is already used in OBS. Pick another name.`);
      }
      spec = { name: request.name, ...input };
      layout.inputs.push(spec);
      if (request.type === 'camera' && !layout.cameras.includes(spec.name)) layout.cameras.push(spec.name);
    }
    scene.items.push({ input: spec.name, box: request.box ?? { x: 0, y: 0, w: 1, h: 1 } });
    try {
      await applyShowLayout(this.client, layout, this.canvas);
    } catch (err) {
      scene.items.pop();
      throw err;
    }
    saveLayout(this.options.dataDir, layout);
    await this.refreshScenes();
  }

  /** Removes a source from a scene (and from OBS once no scene uses it). */
  async removeSource(sceneName: string, sourceName: string): Promise<void> {
    this.requireConnected();
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === sceneName);
    const index = scene?.items.findIndex((i) => i.input === sourceName) ?? -1;
    if (!scene || index < 0) throw new RejectedError(`"${sourceName}" is not in the scene "${sceneName}".`);
    const { sceneItemId } = await this.client.call('GetSceneItemId', { sceneName, sourceName });
    await this.client.call('RemoveSceneItem', { sceneName, sceneItemId });
    scene.items.splice(index, 1);
    if (!layout.scenes.some((s) => s.items.some((i) => i.input === sourceName))) {
      layout.inputs = layout.inputs.filter((i) => i.name !== sourceName);
      layout.cameras = layout.cameras.filter((c) => c !== sourceName);
      await this.client.call('RemoveInput', { inputName: sourceName }).catch(() => undefined);
    }
    saveLayout(this.options.dataDir, layout);
    await this.refreshScenes();
  }

  /** Adds an empty scene at the end of the running order. */
  async createScene(sceneName: string): Promise<void> {
    this.requireConnected();
    const layout = this.requireLayout();
    if (layout.scenes.some((s) => s.name === sceneName) || this.scenes.names.includes(sceneName)) {
      throw new RejectedError(`A scene named "${sceneName}" already exists.`);
    }
    layout.scenes.push({ name: sceneName, items: [] });
    await applyShowLayout(this.client, layout, this.canvas);
    saveLayout(this.options.dataDir, layout);
    await this.refreshScenes();
  }

  /** Renames a scene in OBS and everywhere the studio remembers it (program, presets, hidden sources). */
  async renameScene(sceneName: string, newName: string): Promise<void> {
    this.requireConnected();
    const layout = this.requireLayout();
    const scene = layout.scenes.find((s) => s.name === sceneName);
    if (!scene) throw new RejectedError(`There is no scene named "${sceneName}".`);
    if (newName === sceneName) return;
    const inputs = (await this.client.call('GetInputList')).inputs as Array<{ inputName: string }>;
    if (this.scenes.names.includes(newName) || inputs.some((i) => i.inputName === newName)) {
      throw new RejectedError(`The name "${newName}" is already used in OBS. Pick another name.`);
    }
    await this.client.call('SetSceneName', { sceneName, newSceneName: newName });
    scene.name = newName;
    const d = this.desired;
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
    this.saveDesired();
    saveLayout(this.options.dataDir, layout);
    await this.refreshScenes();
  }

  /** Removes a scene (never the last one). */
  async removeScene(sceneName: string): Promise<void> {
    this.requireConnected();
    const layout = this.requireLayout();
    if (!layout.scenes.some((s) => s.name === sceneName)) throw new RejectedError(`There is no scene named "${sceneName}".`);
    if (layout.scenes.length <= 1) throw new RejectedError('The show needs at least one scene.');
    if (this.scenes.program === sceneName) {
      const other = layout.scenes.find((s) => s.name !== sceneName)!;
      await this.switchScene(other.name);
    }
    await this.client.call('RemoveScene', { sceneName });
    layout.scenes = layout.scenes.filter((s) => s.name !== sceneName);
    delete this.desired.cameraPresets[sceneName];
    this.saveDesired();
    saveLayout(this.options.dataDir, layout);
    await this.refreshScenes();
  }

  private async listDevicesInBackground(): Promise<void> {
    const host = this.scenes.program;
    if (!host) return;
    try {
      const devices = await withTimeout(enumerateDevices(this.client, host), 15_000, 'listing devices took too long');
      if (this.phase === 'running') this.setObs({ devices });
    } catch (err) {
      this.log.warn('could not list cameras and microphones', { reason: (err as Error).message });
    }
  }

  /** Lists cameras and microphones again and reports them in `obs.devices`. */
  async refreshDevices(): Promise<void> {
    this.requireConnected();
    const host = this.scenes.program ?? this.requireLayout().scenes[0]?.name;
    if (!host) throw new RejectedError('There is no scene to list devices from.');
    this.setObs({ devices: await enumerateDevices(this.client, host) });
  }

  /** The video profile OBS runs with. */
  get activeProfile(): ProfileName {
    return this.profileName;
  }

  /**
   * Changes the video profile (16:9, 9:16, low power). OBS cannot change its canvas while an output runs, and the
   * scenes are laid out for a canvas, so the engine restarts OBS with the new profile and rebuilds the show.
   */
  async setProfile(name: ProfileName): Promise<void> {
    this.requireConnected();
    if (name === this.profileName) return;
    const [stream, record] = await Promise.all([this.client.call('GetStreamStatus'), this.client.call('GetRecordStatus')]);
    if (stream.outputActive || record.outputActive) {
      throw new RejectedError('Stop the stream and the recording before changing the video profile.');
    }
    const profile = PROFILES[name];
    this.desired.profile = name;
    this.saveDesired();
    this.profileName = name;
    this.profile = profile;
    this.nextStartMessage = `Restarting OBS with the ${name} profile (${profile.width}x${profile.height}, ${profile.fps} fps)…`;
    this.setObs({ status: 'starting', message: this.nextStartMessage, health: null });
    this.endRun?.({ kind: 'restart' });
  }

  /** Mutes or unmutes an audio source (microphone, media); kept across restarts. */
  async setMuted(sourceName: string, muted: boolean): Promise<void> {
    this.requireConnected();
    await this.client.call('SetInputMute', { inputName: sourceName, inputMuted: muted });
    this.desired.mutes[sourceName] = muted;
    this.saveDesired();
    this.patchSourceItems((item) => (item.name === sourceName && item.isMuted !== undefined ? { ...item, isMuted: muted } : item));
  }

  private requireLayout(): ShowLayout {
    if (!this.layout) throw new NotConnectedError(null);
    return this.layout;
  }

  /** Places the cameras of a scene by preset (full, picture-in-picture, side by side). */
  async setCameraPreset(sceneName: string, preset: CameraPreset): Promise<void> {
    this.requireConnected();
    if (!this.layout) throw new NotConnectedError(null);
    await applyCameraPreset(this.client, this.layout, this.canvas, sceneName, preset);
    this.desired.cameraPresets[sceneName] = preset;
    this.saveDesired();
  }

  /**
   * Streams to `target` (or the last target) and remembers to be live, so a relaunch after a crash goes live again.
   * Resolves once OBS reports the output active; rejects with OBS's reason otherwise.
   */
  async startStream(target?: StreamTarget): Promise<void> {
    this.requireConnected();
    const chosen = target ?? this.desired.stream.target;
    if (!chosen) throw new Error('No stream destination is set. Choose where to go live first.');
    this.log.addSecret?.(chosen.key);
    this.desired.stream = { target: chosen, isLive: true };
    this.saveDesired();
    await this.goLive(chosen);
  }

  /** Stops streaming and forgets to be live. */
  async stopStream(): Promise<void> {
    this.requireConnected();
    this.desired.stream.isLive = false;
    this.saveDesired();
    const status = await this.client.call('GetStreamStatus');
    if (!status.outputActive) return;
    this.isStreamCommandRunning = true;
    try {
      await this.client.output('StopStream');
      // The STOPPED event can come a moment before GetStreamStatus stops saying active.
      await this.until(async () => !(await this.client.call('GetStreamStatus')).outputActive, 5000);
    } finally {
      this.isStreamCommandRunning = false;
    }
  }

  /**
   * After the show: forgets the destination so neither the desired-state file nor OBS's profile (service.json, plain
   * text) keeps the stream key.
   */
  async forgetStreamTarget(): Promise<void> {
    this.desired.stream = { target: null, isLive: false };
    this.saveDesired();
    if (this.obs.status !== 'connected' || this.client.status !== 'identified') return;
    await this.client.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: '', key: '', use_auth: false },
    });
  }

  /**
   * Forgets that OBS should be live or recording, so no relaunch or reattach goes live again (the show ended while
   * this engine was away). OBS's outputs themselves are stopped by the caller once connected.
   */
  forgetLive(): void {
    this.desired.stream = { ...this.desired.stream, isLive: false };
    this.desired.isRecording = false;
    this.saveDesired();
  }

  /** Resolves once OBS is connected and the show's state is applied; rejects with NotConnectedError after `timeoutMs`. */
  async whenConnected(timeoutMs: number): Promise<void> {
    const isReady = () => this.obs.status === 'connected' && this.phase === 'running';
    if (isReady()) return;
    const wait = this.waitFor(isReady, timeoutMs);
    try {
      await Promise.race([wait.promise, this.stopRequested]);
    } catch {
      wait.cancel();
      throw new NotConnectedError(this.obs.message ?? `OBS did not connect within ${timeoutMs / 1000} s`);
    }
  }

  /** Starts the backup recording (OBS record output) and remembers it, so a relaunch after a crash records again. */
  async startRecording(): Promise<void> {
    this.requireConnected();
    this.desired.isRecording = true;
    this.saveDesired();
    await this.beginRecording();
  }

  /** Stops the recording; resolves with the finished file's path, or null when none was running. */
  async stopRecording(): Promise<string | null> {
    this.desired.isRecording = false;
    this.saveDesired();
    if (this.client.status !== 'identified') return null;
    const status = await this.client.call('GetRecordStatus');
    if (!status.outputActive) return null;
    const answer = await this.client.output('StopRecord');
    await this.until(async () => !(await this.client.call('GetRecordStatus')).outputActive, 10_000);
    return (answer as { outputPath?: string } | undefined)?.outputPath ?? null;
  }

  /** Folder OBS records into (inside the engine's data dir). */
  get recordingDir(): string {
    return join(this.options.dataDir, 'recordings');
  }

  /** The end of OBS's log with secrets removed: the only place OBS says why an output failed. */
  obsLogTail(secrets: string[] = []): string {
    return readLogTail(join(this.options.dataDir, OBS_LOG_FILE), secrets);
  }

  private async beginRecording(): Promise<void> {
    const status = await this.client.call('GetRecordStatus');
    if (status.outputActive) return;
    await this.client.output('StartRecord');
    await this.until(async () => (await this.client.call('GetRecordStatus')).outputActive, 5000);
  }

  private async goLive(target: StreamTarget): Promise<void> {
    const status = await this.client.call('GetStreamStatus');
    if (status.outputActive) return;
    await this.client.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: target.server, key: target.key, use_auth: false },
    });
    this.isStreamCommandRunning = true;
    try {
      await this.client.output('StartStream');
    } finally {
      this.isStreamCommandRunning = false;
    }
    try {
      await this.until(async () => (await this.client.call('GetStreamStatus')).outputActive, 2000);
    } catch {
      // Why a connection failed is only in OBS's log (never in websocket events).
      throw new Error(`OBS could not start the stream to ${target.server}. Check that the destination is reachable.`);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    const location = locateObs({ ...this.options.locate, platform: this.platform, env: this.env });
    if (!location.found) {
      this.setObs({ status: 'unavailable', message: location.message, version: null });
      this.log.warn('OBS not found', { tried: location.tried });
      return;
    }
    const binary = location.path;
    let attempt = 0;
    while (!this.isStopping) {
      const startedAt = Date.now();
      let end: RunEnd;
      let wasRunning = false;
      try {
        end = await this.runOnce(binary, attempt);
      } catch (err) {
        if (this.isStopping) return;
        if (err instanceof FatalError) {
          this.setObs({ status: 'error', message: err.message, version: null });
          this.log.error('OBS cannot start', { reason: err.message });
          return;
        }
        end = { kind: 'exit', exit: { code: null, signal: null } };
        this.setObs({ status: 'error', message: (err as Error).message });
        this.log.warn('OBS start failed', { reason: (err as Error).message });
      } finally {
        wasRunning = this.phase === 'running';
        this.phase = 'down';
        this.stopHealth();
      }
      if (this.isStopping || end.kind === 'stop') return;
      await this.client.stop();
      if (this.handle?.isAlive()) {
        // A planned restart shuts OBS down cleanly; otherwise the process is one we cannot control (wrong password,
        // hung): replace it with a fresh one.
        await this.handle.stop(end.kind === 'restart' ? 8000 : 3000);
      }
      this.handle = null;
      clearSession(this.options.dataDir);
      if (end.kind === 'exit' && wasRunning) {
        const how = end.exit.signal ? `signal ${end.exit.signal}` : `exit code ${end.exit.code ?? 'unknown'}`;
        this.setObs({ status: 'reconnecting', message: `OBS stopped unexpectedly (${how}). Restarting it…`, health: null });
        this.log.warn('OBS exited', { ...end.exit });
      } else if (end.kind === 'hung') {
        this.setObs({ status: 'reconnecting', message: 'OBS stopped answering. Restarting it…', health: null });
      }
      if (end.kind === 'restart') {
        attempt = 0;
        continue;
      }
      attempt = Date.now() - startedAt > STABLE_RUN_MS ? 1 : attempt + 1;
      const delay = Math.min((this.options.relaunchInitialMs ?? 500) * 2 ** (attempt - 1), this.options.relaunchMaxMs ?? 15_000);
      await this.sleep(delay);
    }
  }

  /** One life of OBS: attach or launch, connect, apply the desired state, then wait until it ends. */
  private async runOnce(binary: string, attempt: number): Promise<RunEnd> {
    let endResolve!: (end: RunEnd) => void;
    const ended = new Promise<RunEnd>((r) => (endResolve = r));
    this.endRun = endResolve;
    const session = readSession(this.options.dataDir);
    let port: number;
    let password: string;
    let displayForLog: string | undefined;
    const logFile = join(this.options.dataDir, OBS_LOG_FILE);
    if (session && isPidAlive(session.pid) && isOurObs(session.pid, this.configHome)) {
      this.setObs({ status: 'starting', message: 'Connecting to the OBS that is already running…' });
      this.handle = attachObsProcess(session.pid);
      ({ port, password } = session);
      this.version = session.version;
      if (session.display) {
        this.display = session.display;
        this.isDisplayOwned = true;
      }
      this.log.info('attaching to running OBS', { pid: session.pid, port });
    } else {
      if (session) clearSession(this.options.dataDir);
      const startMessage = this.nextStartMessage ?? 'Starting OBS…';
      this.nextStartMessage = null;
      this.setObs({ status: attempt === 0 ? 'starting' : this.obs.status, message: attempt === 0 ? startMessage : this.obs.message });
      const display = await this.abortable(this.ensureDisplay());
      displayForLog = display;
      this.version ??= await this.abortable(this.detectVersion(binary));
      port = await freePort();
      password = randomBytes(24).toString('base64url');
      this.log.addSecret?.(password);
      seedObsConfig(this.configHome, {
        version: this.version,
        profile: this.profile,
        websocketPort: port,
        websocketPassword: password,
        recordingDir: join(this.options.dataDir, 'recordings'),
      });
      // XDG_CONFIG_HOME isolates OBS's settings on Linux (checked). Windows and macOS builds read %APPDATA% /
      // ~/Library regardless; isolating them needs OBS's portable mode on a writable copy (not done yet).
      if (this.platform !== 'linux') {
        this.log.warn('OBS settings isolation is only verified on Linux; this OBS may use the user\'s own OBS settings', {
          platform: this.platform,
        });
      }
      const env: NodeJS.ProcessEnv = { ...this.env, XDG_CONFIG_HOME: this.configHome };
      if (display) env.DISPLAY = display;
      this.handle = await launchObs({ binary, args: obsLaunchArgs(this.version, this.profile), env, logFile });
      const record: ObsSession = {
        pid: this.handle.pid,
        port,
        password,
        binary,
        version: this.version,
        display: this.display && this.isDisplayOwned ? this.display : null,
        startedAt: Date.now(),
      };
      writeSession(this.options.dataDir, record);
      this.log.info('launched OBS', { pid: this.handle.pid, port, version: this.version, display });
      try {
        await this.abortable(waitForObsPort(this.handle, port, this.options.startupTimeoutMs ?? 30_000));
      } catch (err) {
        if (err instanceof ObsExitedError) {
          const message = explainStartupExit(readLogTail(logFile, [password]), displayForLog);
          this.setObs({ status: 'error', message });
          this.log.warn('OBS exited during startup', { reason: message });
          return { kind: 'exit', exit: await this.handle.exited };
        }
        throw err;
      }
    }
    const handle = this.handle;
    void handle.exited.then((exit) => endResolve({ kind: 'exit', exit }));

    this.phase = 'applying';
    this.client.setEndpoint(`ws://127.0.0.1:${port}`, password);
    this.client.start();
    try {
      await this.abortable(this.client.waitIdentified(20_000));
    } catch (err) {
      if (this.client.status === 'auth-failed') {
        this.setObs({
          status: 'error',
          message: `${(err as Error).message} The studio restarts its OBS to take control again.`,
        });
        return { kind: 'auth' };
      }
      if (!handle.isAlive()) return ended;
      this.setObs({ status: 'reconnecting', message: 'OBS is running but does not accept the control connection. Restarting it…' });
      return { kind: 'hung' };
    }
    await this.abortable(this.applyDesired());
    this.phase = 'running';
    this.lastIdentifiedAt = Date.now();
    this.setObs({
      status: 'connected',
      message: null,
      version: this.client.identity?.obsVersion ?? null,
      profile: this.profileName,
    });
    // In the background: a device driver that answers slowly (PulseAudio without a server, a busy camera) must not
    // hold up the show.
    void this.listDevicesInBackground();
    this.startHealth(endResolve);
    return ended;
  }

  private abortable<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopRequested]);
  }

  private async ensureDisplay(): Promise<string | undefined> {
    if (this.platform !== 'linux' || this.env.DISPLAY || this.env.WAYLAND_DISPLAY) return this.env.DISPLAY;
    if (this.display && isPidAlive(this.display.pid)) return this.display.display;
    const xvfb = findXvfb(this.env, this.options.xvfbPath);
    const problem = displayProblem(this.platform, this.env, xvfb);
    if (problem) throw new FatalError(problem);
    try {
      this.display = await startVirtualDisplay(xvfb!);
      this.isDisplayOwned = true;
      this.log.info('started a virtual display for OBS', { display: this.display.display });
      return this.display.display;
    } catch (err) {
      throw new FatalError(`There is no screen and the virtual screen (Xvfb) did not start: ${(err as Error).message}`);
    }
  }

  private async detectVersion(binary: string): Promise<ObsVersion> {
    const version = await detectObsVersion(binary);
    if (!version) {
      // Some builds print nothing for --version; the newest layout still works on older ones (both are seeded).
      this.log.warn('could not read the OBS version; assuming 30.0.0', { binary });
      return { major: 30, minor: 0, patch: 0 };
    }
    if (version.major < SUPPORTED_OBS_MAJORS.min) {
      throw new FatalError(
        `OBS ${version.major}.${version.minor} is too old: the studio needs OBS 28 or newer (it has the websocket built in). Update OBS.`,
      );
    }
    if (version.major > SUPPORTED_OBS_MAJORS.max) {
      this.log.warn('OBS is newer than the versions this engine was checked with', { version });
    }
    return version;
  }

  /** Builds the show scenes and puts back transition, studio mode, program, preview and source visibility. */
  private async applyDesired(): Promise<void> {
    const video = await this.client.call('GetVideoSettings');
    this.canvas = { width: video.baseWidth, height: video.baseHeight };
    const kinds = new Set((await this.client.call('GetInputKindList', { unversioned: false })).inputKinds);
    const textKind = ['text_ft2_source_v2', 'text_gdiplus_v3', 'text_gdiplus_v2'].find((k) => kinds.has(k)) ?? 'text_ft2_source_v2';
    // The anchor's edited layout wins; the default show is built on first run only.
    this.layout = loadLayout(this.options.dataDir) ?? (this.options.layout ?? defaultShowLayout)(this.canvas, textKind);
    saveLayout(this.options.dataDir, this.layout);
    await applyShowLayout(this.client, this.layout, this.canvas);
    await this.applyTransition();
    for (const [sceneName, preset] of Object.entries(this.desired.cameraPresets)) {
      try {
        await applyCameraPreset(this.client, this.layout, this.canvas, sceneName, preset);
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err;
        delete this.desired.cameraPresets[sceneName]; // the scene is gone
      }
    }
    for (const [inputName, muted] of Object.entries(this.desired.mutes)) {
      await this.client.call('SetInputMute', { inputName, inputMuted: muted }).catch(() => {
        delete this.desired.mutes[inputName];
      });
    }
    for (const [key, visible] of Object.entries(this.desired.visibility)) {
      const [sceneName, sourceName] = key.split('\u0000') as [string, string];
      try {
        const { sceneItemId } = await this.client.call('GetSceneItemId', { sceneName, sourceName });
        await this.client.call('SetSceneItemEnabled', { sceneName, sceneItemId, sceneItemEnabled: visible });
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err;
        delete this.desired.visibility[key];
      }
    }
    const names = new Set(this.layout.scenes.map((s) => s.name));
    const current = await this.client.call('GetSceneList');
    for (const s of current.scenes as Array<{ sceneName: string }>) names.add(s.sceneName);
    const program = this.desired.program && names.has(this.desired.program) ? this.desired.program : this.layout.scenes[0]?.name;
    if (program && current.currentProgramSceneName !== program) {
      await this.client.call('SetCurrentProgramScene', { sceneName: program });
    }
    const studio = await this.client.call('GetStudioModeEnabled');
    if (studio.studioModeEnabled !== this.desired.isStudioMode) await this.selectStudioMode(this.desired.isStudioMode);
    if (this.desired.isStudioMode && this.desired.preview && names.has(this.desired.preview)) {
      await this.client.call('SetCurrentPreviewScene', { sceneName: this.desired.preview });
    }
    if (this.desired.stream.isLive && this.desired.stream.target) {
      try {
        await this.goLive(this.desired.stream.target);
      } catch (err) {
        // Scenes are back even if the destination is not: report, and let the anchor retry going live.
        this.log.warn('could not go live again after the restart', { reason: (err as Error).message });
      }
    }
    if (this.desired.isRecording) {
      await this.beginRecording().catch((err) => this.log.warn('could not record again after the restart', { reason: (err as Error).message }));
    }
    await this.refreshScenes();
    if (program && this.scenes.program !== program) {
      // SetCurrentProgramScene answers before the switch lands on the next render tick.
      this.setScenes({ ...this.scenes, program });
    }
  }

  private async applyTransition(): Promise<void> {
    const { kind, durationMs } = this.desired.transition;
    const list = await this.client.call('GetSceneTransitionList');
    const wanted = kind === 'cut' ? 'cut_transition' : 'fade_transition';
    const match = (list.transitions as Array<{ transitionName: string; transitionKind: string }>).find((t) => t.transitionKind === wanted);
    if (!match) throw new Error(`OBS has no ${kind} transition.`);
    await this.client.call('SetCurrentSceneTransition', { transitionName: match.transitionName });
    if (kind === 'fade') await this.client.call('SetCurrentSceneTransitionDuration', { transitionDuration: durationMs });
    // OBS 29 answers these before its UI thread applies them; a switch sent right after would still use the old
    // transition. Poll until OBS reports what we set.
    await this.until(async () => {
      const current = await this.client.call('GetCurrentSceneTransition');
      return current.transitionName === match.transitionName && (kind === 'cut' || current.transitionDuration === durationMs);
    }, 2000);
  }

  /** Sets studio mode and waits until OBS reports it (the request is applied later on OBS's UI thread). */
  private async selectStudioMode(enabled: boolean): Promise<void> {
    await this.client.call('SetStudioModeEnabled', { studioModeEnabled: enabled });
    await this.until(async () => (await this.client.call('GetStudioModeEnabled')).studioModeEnabled === enabled, 3000);
  }

  /** Puts a scene on preview and waits for OBS's CurrentPreviewSceneChanged. */
  private async selectPreview(sceneName: string): Promise<void> {
    if (this.scenes.preview === sceneName) {
      await this.client.call('SetCurrentPreviewScene', { sceneName });
      return;
    }
    const onPreview = this.waitFor((s) => s.scenes.preview === sceneName, 5000);
    try {
      await this.client.call('SetCurrentPreviewScene', { sceneName });
    } catch (err) {
      onPreview.cancel();
      throw err;
    }
    await onPreview.promise;
  }

  private async until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`OBS did not apply the change within ${timeoutMs / 1000} s.`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Re-reads scenes and their sources from OBS; serialized, and a run requested meanwhile runs once after it. */
  private refreshScenes(): Promise<void> {
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

  private async readScenes(): Promise<void> {
    if (!this.layout) return;
    const programSeq = this.programEvents;
    const previewSeq = this.previewEvents;
    const list = await this.client.call('GetSceneList');
    const names = orderSceneNames(list.scenes as Array<{ sceneName: string; sceneIndex: number }>, this.layout);
    const sources: NonNullable<ScenesState['sources']> = [];
    /** Mute state per audio input, asked once even when several scenes share the microphone. */
    const mutes = new Map<string, boolean>();
    for (const scene of names) {
      try {
        const { sceneItems } = await this.client.call('GetSceneItemList', { sceneName: scene });
        const items = (sceneItems as Array<{ sourceName: string; inputKind?: string | null; sceneItemEnabled: boolean; sceneItemIndex: number }>)
          .filter((i) => !i.sourceName.startsWith(PROBE_PREFIX))
          .sort((a, b) => a.sceneItemIndex - b.sceneItemIndex)
          .map((i): SceneSource => ({ name: i.sourceName, kind: i.inputKind ?? 'scene', isVisible: i.sceneItemEnabled }));
        for (const item of items) {
          if (!isAudioCaptureKind(item.kind)) continue;
          item.isMuted = mutes.get(item.name) ?? (await this.client.call('GetInputMute', { inputName: item.name })).inputMuted;
          mutes.set(item.name, item.isMuted);
        }
        sources.push({ scene, items });
      } catch (err) {
        if (!(err instanceof ObsRequestError)) throw err; // removed between the two calls
      }
    }
    // A switch event that arrived while we were reading is newer than the list's answer: keep it.
    this.setScenes({
      names,
      program: this.programEvents === programSeq ? (list.currentProgramSceneName ?? null) : this.scenes.program,
      preview: this.previewEvents === previewSeq ? (list.currentPreviewSceneName ?? null) : this.scenes.preview,
      sources,
    });
  }

  private scheduleRefresh(): void {
    if (this.phase !== 'running' || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.refreshScenes().catch((err) => this.log.debug('scene refresh failed', { err }));
    }, 30);
  }

  private onClientStatus(status: string): void {
    if (this.phase !== 'running') return;
    if (status === 'identified') {
      this.lastIdentifiedAt = Date.now();
      // Same OBS, new connection: resync what we may have missed and put our state back.
      this.applyDesired()
        .then(() => this.setObs({ status: 'connected', message: null }))
        .catch((err) => this.log.warn('resync after reconnect failed', { err }));
    } else if (status === 'auth-failed') {
      this.endRun?.({ kind: 'auth' });
    } else if (status === 'closed' && this.handle?.isAlive()) {
      this.setObs({ status: 'reconnecting', message: 'Lost the control connection to OBS; reconnecting…', health: null });
    }
  }

  private startHealth(endRun: (end: RunEnd) => void): void {
    this.stopHealth();
    this.lastSample = null;
    const interval = this.options.healthIntervalMs ?? 1000;
    this.healthTimer = setInterval(() => {
      if (this.client.status !== 'identified') {
        if (Date.now() - this.lastIdentifiedAt > HUNG_AFTER_MS) endRun({ kind: 'hung' });
        return;
      }
      this.lastIdentifiedAt = Date.now();
      this.sampleHealth()
        .then((health) => {
          if (this.phase === 'running' && this.obs.status === 'connected') this.setObs({ health });
        })
        .catch((err) => this.log.debug('health sample failed', { err }));
    }, interval);
    this.healthTimer.unref();
  }

  private stopHealth(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
  }

  private async sampleHealth(): Promise<ObsHealth> {
    const stats = await this.client.call('GetStats', undefined, { timeoutMs: 2000 });
    let stream: HealthSample['stream'] = null;
    try {
      const s = await this.client.call('GetStreamStatus', undefined, { timeoutMs: 2000 });
      stream = { isActive: s.outputActive, isReconnecting: s.outputReconnecting, congestion: s.outputCongestion ?? 0, bytes: s.outputBytes };
    } catch {
      stream = null;
    }
    const sample: HealthSample = {
      at: Date.now(),
      cpuUsage: stats.cpuUsage,
      activeFps: stats.activeFps,
      renderSkippedFrames: stats.renderSkippedFrames,
      renderTotalFrames: stats.renderTotalFrames,
      outputSkippedFrames: stats.outputSkippedFrames,
      outputTotalFrames: stats.outputTotalFrames,
      stream,
    };
    const health = computeHealth(this.lastSample, sample, this.profile.fps);
    this.lastSample = sample;
    return health;
  }

  private async stopOutputs(): Promise<void> {
    if (this.client.status !== 'identified') return;
    try {
      const stream = await this.client.call('GetStreamStatus', undefined, { timeoutMs: 2000 });
      if (stream.outputActive) await this.client.output('StopStream');
      const record = await this.client.call('GetRecordStatus', undefined, { timeoutMs: 2000 });
      if (record.outputActive) await this.client.output('StopRecord');
    } catch (err) {
      this.log.warn('could not stop outputs before shutdown', { err });
    }
  }

  private requireConnected(): void {
    if (this.obs.status !== 'connected' || this.client.status !== 'identified') {
      throw new NotConnectedError(this.obs.message);
    }
  }

  private waitFor(predicate: (s: ObsSnapshot) => boolean, timeoutMs: number): { promise: Promise<void>; cancel(): void } {
    let cancel = () => {};
    const promise = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`OBS did not confirm the change within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      const off = this.onChange((s) => {
        if (!predicate(s)) return;
        clearTimeout(timer);
        off();
        resolve();
      });
      cancel = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
    });
    return { promise, cancel };
  }

  private setObs(patch: Partial<ObsState>): void {
    this.obs = { ...this.obs, ...patch };
    if (this.obs.status !== 'connected') this.obs.health = null;
    this.emit();
  }

  private setScenes(scenes: ScenesState): void {
    this.scenes = scenes;
    this.emit();
  }

  /** Rewrites source items in place of a refresh (the change is known); emits only when something changed. */
  private patchSourceItems(patch: (item: SceneSource, scene: string) => SceneSource): void {
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
    if (isChanged) this.setScenes({ ...this.scenes, sources });
  }

  private emit(): void {
    const snap = this.snapshot;
    for (const l of [...this.listeners]) l(snap);
  }

  private saveDesired(): void {
    try {
      writeFileSync(join(this.options.dataDir, DESIRED_FILE), JSON.stringify(this.desired), { mode: 0o600 });
    } catch (err) {
      this.log.warn('could not save the desired OBS state', { err });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** A command needs OBS and OBS is not connected. */
export class NotConnectedError extends Error {
  constructor(detail: string | null) {
    super(`OBS is not connected${detail ? ` (${detail})` : ''}. Video commands wait for OBS; the rest of the studio keeps working.`);
  }
}

/** A request OBS cannot honour as asked (name taken, no such source kind); the message says what to do. */
export class RejectedError extends Error {}

/** A problem retrying cannot fix (OBS missing, no display possible, OBS too old). */
class FatalError extends Error {}

function loadDesired(dir: string): DesiredState {
  const fallback: DesiredState = {
    program: null,
    preview: null,
    isStudioMode: false,
    transition: { kind: 'cut', durationMs: 300 },
    visibility: {},
    cameraPresets: {},
    mutes: {},
    stream: { target: null, isLive: false },
  };
  try {
    const saved = JSON.parse(readFileSync(join(dir, DESIRED_FILE), 'utf8')) as Partial<DesiredState>;
    return {
      ...fallback,
      ...saved,
      visibility: { ...(saved.visibility ?? {}) },
      cameraPresets: { ...(saved.cameraPresets ?? {}) },
      mutes: { ...(saved.mutes ?? {}) },
      stream: { ...fallback.stream, ...(saved.stream ?? {}) },
    };
  } catch {
    return fallback;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
