import { EventEmitter } from 'node:events';
import type { ObsSocket } from '../../electron/core/engine/obs-client';

/**
 * A small OBS in memory, speaking obs-websocket's requests and events the way OBS 29 does (events arrive after the
 * answer, on a later tick). For unit tests of one engine service at a time; the integration tests drive real OBS.
 */
export class FakeObs extends EventEmitter implements ObsSocket {
  scenes = new Map<string, FakeItem[]>();
  readonly inputs = new Map<string, { kind: string; settings: Record<string, unknown>; isMuted: boolean }>();
  program: string | null = null;
  preview: string | null = null;
  isStudioMode = false;
  transition = { name: 'Cut', kind: 'cut_transition', durationMs: 300 };
  isStreaming = false;
  isRecording = false;
  /** Profile parameters set over the websocket (`Category.Name` to value), as OBS's profile would keep them. */
  readonly profile: Record<string, string> = {};
  /** The profile as it was when the recording last started. */
  profileAtRecordStart: Record<string, string> = {};
  streamService: Record<string, unknown> = {};
  canvas = { width: 640, height: 360 };
  /** Every request, in order, with its data. */
  readonly requests: Array<{ type: string; data: any }> = [];
  /** Requests that fail once with this obs-websocket status code. */
  readonly failures = new Map<string, { code: number; message: string }>();
  private nextItemId = 1;

  constructor() {
    super();
    this.setMaxListeners(100);
  }

  /** Adds a scene with inputs (created as color sources unless they exist). */
  addScene(name: string, inputNames: string[] = [], kind = 'color_source_v3'): void {
    const items: FakeItem[] = [];
    for (const input of inputNames) {
      if (!this.inputs.has(input)) this.inputs.set(input, { kind, settings: {}, isMuted: false });
      items.push({ sourceName: input, sceneItemId: this.nextItemId++, sceneItemEnabled: true, transform: {} });
    }
    this.scenes.set(name, items);
    this.program ??= name;
  }

  async connect(): Promise<unknown> {
    return {};
  }

  async disconnect(): Promise<void> {
    this.emit('ConnectionClosed', { code: 1000, message: 'bye' });
  }

  /** Drops the connection as a crash or a network cut would. */
  dropConnection(): void {
    this.emit('ConnectionClosed', { code: 1006, message: 'gone' });
  }

  async call(type: string, data: any = {}): Promise<unknown> {
    this.requests.push({ type, data });
    const failure = this.failures.get(type);
    if (failure) {
      this.failures.delete(type);
      throw Object.assign(new Error(failure.message), { code: failure.code });
    }
    const handler = (this.handlers as Record<string, (d: any) => unknown>)[type];
    if (!handler) throw Object.assign(new Error(`FakeObs has no ${type}`), { code: 204 });
    return handler(data);
  }

  /** Names of the requests made so far, in order. */
  get requestTypes(): string[] {
    return this.requests.map((r) => r.type);
  }

  private later(event: string, data: unknown): void {
    setImmediate(() => this.emit(event, data));
  }

  private scene(name: string): FakeItem[] {
    const items = this.scenes.get(name);
    if (!items) throw Object.assign(new Error(`No source was found by the name of \`${name}\`.`), { code: 600 });
    return items;
  }

  private item(sceneName: string, id: number): FakeItem {
    const item = this.scene(sceneName).find((i) => i.sceneItemId === id);
    if (!item) throw Object.assign(new Error('No scene item'), { code: 600 });
    return item;
  }

  private readonly handlers = {
    GetVersion: () => ({ obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0', rpcVersion: 1, availableRequests: Object.keys(this.handlers) }),
    GetVideoSettings: () => ({ baseWidth: this.canvas.width, baseHeight: this.canvas.height, outputWidth: this.canvas.width, outputHeight: this.canvas.height }),
    GetInputKindList: () => ({ inputKinds: ['color_source_v3', 'text_ft2_source_v2', 'ffmpeg_source', 'image_source', 'v4l2_input', 'pulse_input_capture', 'xshm_input'] }),
    GetSceneList: () => ({
      currentProgramSceneName: this.program,
      currentPreviewSceneName: this.isStudioMode ? this.preview : null,
      scenes: [...this.scenes.keys()].reverse().map((sceneName, i, all) => ({ sceneName, sceneIndex: all.length - 1 - i })),
    }),
    GetCurrentProgramScene: () => ({ currentProgramSceneName: this.program }),
    SetCurrentProgramScene: ({ sceneName }: { sceneName: string }) => {
      this.scene(sceneName);
      this.program = sceneName;
      this.later('CurrentProgramSceneChanged', { sceneName });
      return {};
    },
    SetCurrentPreviewScene: ({ sceneName }: { sceneName: string }) => {
      if (!this.isStudioMode) throw Object.assign(new Error('Studio mode is not active.'), { code: 506 });
      this.scene(sceneName);
      this.preview = sceneName;
      this.later('CurrentPreviewSceneChanged', { sceneName });
      return {};
    },
    GetStudioModeEnabled: () => ({ studioModeEnabled: this.isStudioMode }),
    SetStudioModeEnabled: ({ studioModeEnabled }: { studioModeEnabled: boolean }) => {
      this.isStudioMode = studioModeEnabled;
      if (studioModeEnabled) this.preview = this.program;
      this.later('StudioModeStateChanged', { studioModeEnabled });
      return {};
    },
    TriggerStudioModeTransition: () => {
      if (!this.isStudioMode) throw Object.assign(new Error('Studio mode is not active.'), { code: 506 });
      const [program, preview] = [this.preview, this.program];
      this.program = program;
      this.preview = preview;
      if (program !== preview) this.later('CurrentProgramSceneChanged', { sceneName: program });
      return {};
    },
    GetSceneTransitionList: () => ({
      transitions: [
        { transitionName: 'Cut', transitionKind: 'cut_transition' },
        { transitionName: 'Fade', transitionKind: 'fade_transition' },
      ],
    }),
    SetCurrentSceneTransition: ({ transitionName }: { transitionName: string }) => {
      this.transition = { ...this.transition, name: transitionName, kind: transitionName === 'Cut' ? 'cut_transition' : 'fade_transition' };
      return {};
    },
    SetCurrentSceneTransitionDuration: ({ transitionDuration }: { transitionDuration: number }) => {
      this.transition = { ...this.transition, durationMs: transitionDuration };
      return {};
    },
    GetCurrentSceneTransition: () => ({
      transitionName: this.transition.name,
      transitionKind: this.transition.kind,
      transitionDuration: this.transition.durationMs,
    }),
    GetSceneItemList: ({ sceneName }: { sceneName: string }) => ({
      sceneItems: this.scene(sceneName).map((i, index) => ({
        sourceName: i.sourceName,
        inputKind: this.inputs.get(i.sourceName)?.kind ?? null,
        sceneItemId: i.sceneItemId,
        sceneItemEnabled: i.sceneItemEnabled,
        sceneItemIndex: index,
      })),
    }),
    GetSceneItemId: ({ sceneName, sourceName }: { sceneName: string; sourceName: string }) => {
      const item = this.scene(sceneName).find((i) => i.sourceName === sourceName);
      if (!item) throw Object.assign(new Error(`No scene items were found in scene \`${sceneName}\` with the name \`${sourceName}\`.`), { code: 600 });
      return { sceneItemId: item.sceneItemId };
    },
    SetSceneItemEnabled: ({ sceneName, sceneItemId, sceneItemEnabled }: { sceneName: string; sceneItemId: number; sceneItemEnabled: boolean }) => {
      this.item(sceneName, sceneItemId).sceneItemEnabled = sceneItemEnabled;
      this.later('SceneItemEnableStateChanged', { sceneName, sceneItemId, sceneItemEnabled });
      return {};
    },
    SetSceneItemTransform: ({ sceneName, sceneItemId, sceneItemTransform }: { sceneName: string; sceneItemId: number; sceneItemTransform: Record<string, unknown> }) => {
      this.item(sceneName, sceneItemId).transform = { ...sceneItemTransform };
      return {};
    },
    SetSceneItemIndex: ({ sceneName, sceneItemId, sceneItemIndex }: { sceneName: string; sceneItemId: number; sceneItemIndex: number }) => {
      const items = this.scene(sceneName);
      const item = this.item(sceneName, sceneItemId);
      items.splice(items.indexOf(item), 1);
      items.splice(sceneItemIndex, 0, item);
      return {};
    },
    GetInputList: () => ({ inputs: [...this.inputs.entries()].map(([inputName, i]) => ({ inputName, inputKind: i.kind })) }),
    GetInputSettings: ({ inputName }: { inputName: string }) => {
      const input = this.inputs.get(inputName);
      if (!input) throw Object.assign(new Error('No input'), { code: 600 });
      return { inputKind: input.kind, inputSettings: input.settings };
    },
    GetInputMute: ({ inputName }: { inputName: string }) => ({ inputMuted: this.inputs.get(inputName)?.isMuted ?? false }),
    SetInputMute: ({ inputName, inputMuted }: { inputName: string; inputMuted: boolean }) => {
      const input = this.inputs.get(inputName);
      if (!input) throw Object.assign(new Error('No input'), { code: 600 });
      input.isMuted = inputMuted;
      this.later('InputMuteStateChanged', { inputName, inputMuted });
      return {};
    },
    CreateScene: ({ sceneName }: { sceneName: string }) => {
      if (this.scenes.has(sceneName)) throw Object.assign(new Error('exists'), { code: 601 });
      this.scenes.set(sceneName, []);
      this.later('SceneCreated', { sceneName });
      return {};
    },
    RemoveScene: ({ sceneName }: { sceneName: string }) => {
      this.scene(sceneName);
      this.scenes.delete(sceneName);
      this.later('SceneRemoved', { sceneName });
      return {};
    },
    SetSceneName: ({ sceneName, newSceneName }: { sceneName: string; newSceneName: string }) => {
      const items = this.scene(sceneName);
      this.scenes = new Map([...this.scenes].map(([k, v]) => (k === sceneName ? [newSceneName, items] : [k, v])));
      if (this.program === sceneName) this.program = newSceneName;
      this.later('SceneNameChanged', { oldSceneName: sceneName, sceneName: newSceneName });
      return {};
    },
    CreateInput: ({ sceneName, inputName, inputKind, inputSettings }: { sceneName: string; inputName: string; inputKind: string; inputSettings: Record<string, unknown> }) => {
      if (this.inputs.has(inputName)) throw Object.assign(new Error('exists'), { code: 601 });
      this.inputs.set(inputName, { kind: inputKind, settings: { ...inputSettings }, isMuted: false });
      const item = { sourceName: inputName, sceneItemId: this.nextItemId++, sceneItemEnabled: true, transform: {} };
      this.scene(sceneName).push(item);
      this.later('SceneItemCreated', { sceneName, sourceName: inputName, sceneItemId: item.sceneItemId });
      return { inputUuid: inputName, sceneItemId: item.sceneItemId };
    },
    CreateSceneItem: ({ sceneName, sourceName }: { sceneName: string; sourceName: string }) => {
      if (!this.inputs.has(sourceName)) throw Object.assign(new Error('No source'), { code: 600 });
      const item = { sourceName, sceneItemId: this.nextItemId++, sceneItemEnabled: true, transform: {} };
      this.scene(sceneName).push(item);
      this.later('SceneItemCreated', { sceneName, sourceName, sceneItemId: item.sceneItemId });
      return { sceneItemId: item.sceneItemId };
    },
    RemoveSceneItem: ({ sceneName, sceneItemId }: { sceneName: string; sceneItemId: number }) => {
      const items = this.scene(sceneName);
      items.splice(items.indexOf(this.item(sceneName, sceneItemId)), 1);
      this.later('SceneItemRemoved', { sceneName, sceneItemId });
      return {};
    },
    RemoveInput: ({ inputName }: { inputName: string }) => {
      this.inputs.delete(inputName);
      for (const items of this.scenes.values()) for (let i = items.length - 1; i >= 0; i--) if (items[i]!.sourceName === inputName) items.splice(i, 1);
      return {};
    },
    GetStreamStatus: () => ({ outputActive: this.isStreaming, outputReconnecting: false, outputCongestion: 0, outputBytes: this.isStreaming ? 1000 : 0 }),
    SetStreamServiceSettings: ({ streamServiceSettings }: { streamServiceSettings: Record<string, unknown> }) => {
      this.streamService = { ...streamServiceSettings };
      return {};
    },
    StartStream: () => {
      if (this.isStreaming) throw Object.assign(new Error('active'), { code: 500 });
      this.isStreaming = true;
      this.later('StreamStateChanged', { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
      return {};
    },
    StopStream: () => {
      if (!this.isStreaming) throw Object.assign(new Error('not active'), { code: 501 });
      this.isStreaming = false;
      this.later('StreamStateChanged', { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
      return {};
    },
    GetRecordStatus: () => ({ outputActive: this.isRecording, outputDuration: this.isRecording ? 5000 : 0 }),
    SetProfileParameter: ({ parameterCategory, parameterName, parameterValue }: { parameterCategory: string; parameterName: string; parameterValue: string | null }) => {
      this.profile[`${parameterCategory}.${parameterName}`] = parameterValue ?? '';
      return {};
    },
    StartRecord: () => {
      this.isRecording = true;
      this.profileAtRecordStart = { ...this.profile };
      this.later('RecordStateChanged', { outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
      return {};
    },
    StopRecord: () => {
      this.isRecording = false;
      this.later('RecordStateChanged', { outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED', outputPath: '/tmp/show.mkv' });
      return { outputPath: '/tmp/show.mkv' };
    },
    GetStats: () => ({ cpuUsage: 12, activeFps: 30, renderSkippedFrames: 0, renderTotalFrames: 300, outputSkippedFrames: 0, outputTotalFrames: 300 }),
    GetSourceScreenshot: ({ sourceName }: { sourceName: string }) => ({ imageData: `data:image/jpg;base64,${Buffer.from(sourceName).toString('base64')}` }),
  };
}

/** One source placed in a fake scene. */
export interface FakeItem {
  sourceName: string;
  sceneItemId: number;
  sceneItemEnabled: boolean;
  transform: Record<string, unknown>;
}
