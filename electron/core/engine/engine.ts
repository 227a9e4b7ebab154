import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, CommandResult, EngineRequest, ServerToClientEvents } from '../protocol';
import { failure } from '../protocol/results';
import type { EngineOutputState } from '../../features/output/domain/output';
import { ENGINE_OUTPUT_REQUESTS, type EngineOutputRequest, type EngineOutputRequestName } from '../../features/output/protocol/output-commands';
import { ObsClosedError, ObsRequestError, ObsTimeoutError } from './obs-client';
import { OutputManager, type OutputOptions } from '../../features/output/engine/output-manager';
import { CameraPresetError, type CameraPreset } from '../../features/scenes/engine/show-scenes';
import { OverlayPainter } from '../../features/overlay/engine/overlay-painter';
import { ThumbnailWatcher } from '../../features/scenes/engine/thumbnails';
import { NotConnectedError, ObsSupervisor, RejectedError, type EngineLogger, type ObsSnapshot, type SupervisorOptions } from './supervisor';

/** How to start the engine: where the hub is, the engine's token, and how to run OBS. */
export interface EngineOptions extends SupervisorOptions {
  hubUrl: string;
  /** The hub's engine token; never logged. */
  token: string;
  /** Relay, ffmpeg and retry timing of the show's outputs. */
  output?: OutputOptions;
}

/** A running engine. */
export interface Engine {
  supervisor: ObsSupervisor;
  /** Going live (direct or through the relay), backup recording, virtual camera. */
  outputs: OutputManager;
  /** Live scene thumbnails, captured only while a UI renews its watch. */
  thumbnails: ThumbnailWatcher;
  /** Resolves once the hub connection is up. */
  whenHubConnected(): Promise<void>;
  /** Stops reporting and supervising; `keepObsRunning` leaves OBS up so the next start attaches to it. */
  stop(options?: { keepObsRunning?: boolean }): Promise<void>;
}

type EngineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the engine reports: OBS, its scenes and the outputs. */
type EngineSnapshot = ObsSnapshot & { output: EngineOutputState | null };

/** Starts the engine: supervises OBS and serves the hub as its client with role `engine`. */
export function startEngine(options: EngineOptions): Engine {
  const log: EngineLogger = options.log ?? { debug() {}, info() {}, warn() {}, error() {} };
  log.addSecret?.(options.token);
  const supervisor = new ObsSupervisor({ ...options, log });
  const outputs = new OutputManager(supervisor, log, options.dataDir, { resourcesPath: options.locate?.resourcesPath, ...options.output });
  const snapshot = (): EngineSnapshot => ({ ...supervisor.snapshot, output: outputs.snapshot });
  const socket: EngineSocket = io(options.hubUrl, {
    auth: { token: options.token },
    transports: ['websocket'],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
  });
  const reporter = new HubReporter(socket, log);
  const thumbnails = new ThumbnailWatcher({
    async capture(scene, width) {
      if (supervisor.snapshot.obs.status !== 'connected') throw new Error('OBS is not connected');
      const shot = await supervisor.client.call(
        'GetSourceScreenshot',
        { sourceName: scene, imageFormat: 'jpg', imageWidth: width, imageCompressionQuality: 60 },
        { timeoutMs: 2000 },
      );
      return shot.imageData;
    },
    async publish(event) {
      if (!socket.connected) return;
      const payload = { at: event.at, images: Object.entries(event.images).map(([scene, image]) => ({ scene, image })) };
      const result = await socket.timeout(5000).emitWithAck('command', { name: 'thumbnails.publish', payload });
      if (!result.ok) log.debug('hub refused thumbnails', { code: result.error.code });
    },
  });

  const painter = new OverlayPainter({ client: supervisor.client, dir: join(options.dataDir, 'overlay'), scenes: () => supervisor.snapshot.scenes.names });

  socket.on('connect', () => {
    log.info('engine connected to the hub');
    reporter.reset();
    void reporter.report(snapshot());
  });
  socket.on('connect_error', (err) => log.warn('engine cannot reach the hub', { reason: err.message }));
  socket.on('engine.execute', (request, ack) => {
    void execute({ supervisor, outputs, reporter, thumbnails, painter, snapshot }, request).then((result) => {
      if (typeof ack === 'function') ack(result);
    });
  });
  const unsubscribe = supervisor.onChange(() => void reporter.report(snapshot()));
  // Fan-outs report their bitrate every second each: coalesce their changes into one report per 200 ms.
  let outputReport: NodeJS.Timeout | null = null;
  const unsubscribeOutputs = outputs.onChange(() => {
    outputReport ??= setTimeout(() => {
      outputReport = null;
      void reporter.report(snapshot());
    }, 200);
  });
  supervisor.start();

  return {
    supervisor,
    outputs,
    thumbnails,
    whenHubConnected: () =>
      socket.connected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('connect', () => resolve())),
    async stop(stopOptions = {}) {
      thumbnails.stop();
      painter.stop();
      unsubscribeOutputs();
      if (outputReport) clearTimeout(outputReport);
      await outputs.close();
      await supervisor.stop(stopOptions);
      if (socket.connected) {
        // The hub must not keep showing "connected" for an OBS nobody drives any more.
        const obs = stopOptions.keepObsRunning
          ? { status: 'reconnecting' as const, message: 'The OBS engine is restarting; OBS keeps running.', version: null }
          : { status: 'unavailable' as const, message: 'The OBS engine stopped.', version: null };
        await reporter.report({ obs, scenes: supervisor.snapshot.scenes, output: null });
      }
      unsubscribe();
      socket.close();
    },
  };
}

/** Sends `engine.report` to the hub when the snapshot changed; remembers the hub version of the last report. */
class HubReporter {
  private lastSent = '';
  private lastVersion = 0;
  /** The report of `lastSent` while the hub has not answered it yet. */
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly socket: EngineSocket,
    private readonly log: EngineLogger,
  ) {}

  /** Forgets what was sent (after a reconnect the hub may have restarted). */
  reset(): void {
    this.lastSent = '';
  }

  /** Reports the snapshot if it differs from the last one sent; resolves with the hub's state version. */
  async report(snap: EngineSnapshot): Promise<number> {
    const payload = { obs: snap.obs, scenes: snap.scenes, output: snap.output };
    const text = JSON.stringify(payload);
    if (!this.socket.connected) return this.lastVersion;
    // Same report already on its way: answer with the version the hub gives it (a command ack must cover its change).
    if (text === this.lastSent) return this.inFlight ?? this.lastVersion;
    this.lastSent = text;
    const sending = (async () => {
      try {
        const result = await this.socket.timeout(5000).emitWithAck('command', { name: 'engine.report', payload });
        if (result.ok) this.lastVersion = Math.max(this.lastVersion, result.version);
        else this.log.warn('hub refused an engine report', { code: result.error.code, reason: result.error.message });
      } catch {
        if (this.lastSent === text) this.lastSent = '';
      }
      return this.lastVersion;
    })();
    this.inFlight = sending;
    void sending.finally(() => {
      if (this.inFlight === sending) this.inFlight = null;
    });
    return sending;
  }
}

interface ExecuteDeps {
  supervisor: ObsSupervisor;
  outputs: OutputManager;
  reporter: HubReporter;
  thumbnails: ThumbnailWatcher;
  painter: OverlayPainter;
  snapshot: () => EngineSnapshot;
}

async function execute(deps: ExecuteDeps, request: EngineRequest): Promise<CommandResult> {
  const { supervisor, outputs, reporter, thumbnails, painter } = deps;
  const payload = request.payload as Record<string, unknown>;
  let data: unknown;
  try {
    if (isOutputRequest(request.name)) {
      // The hub's own requests carry stream keys: validated here like any other input, never logged.
      const parsed = ENGINE_OUTPUT_REQUESTS[request.name].safeParse(request.payload);
      if (!parsed.success) return failure('invalid', `Invalid ${request.name} request from the hub.`);
      data = await runOutputRequest(outputs, { name: request.name, payload: parsed.data } as OutputRequest);
      return { ok: true, version: await reporter.report(deps.snapshot()), ...(data === undefined ? {} : { data }) };
    }
    switch (request.name) {
      case 'virtualcam.start':
        await outputs.startVirtualCam();
        break;
      case 'virtualcam.stop':
        await outputs.stopVirtualCam();
        break;
      case 'thumbnails.watch':
        thumbnails.watch(
          (payload.scenes as string[]) ?? [],
          typeof payload.width === 'number' ? payload.width : undefined,
          typeof payload.intervalMs === 'number' ? payload.intervalMs : undefined,
        );
        break;
      case 'scene.switch':
        await supervisor.switchScene(String(payload.scene));
        break;
      case 'scene.preview':
        await supervisor.setPreview(String(payload.scene));
        break;
      case 'studio-mode.set':
        await supervisor.setStudioMode(Boolean(payload.enabled));
        break;
      case 'transition.set':
        await supervisor.setTransition({
          kind: payload.kind === 'fade' ? 'fade' : 'cut',
          durationMs: typeof payload.durationMs === 'number' ? payload.durationMs : 300,
        });
        break;
      case 'transition.trigger':
        await supervisor.triggerTransition();
        break;
      case 'scene.create':
        await supervisor.createScene(String(payload.scene));
        break;
      case 'scene.rename':
        await supervisor.renameScene(String(payload.scene), String(payload.name));
        break;
      case 'scene.remove':
        await supervisor.removeScene(String(payload.scene));
        break;
      case 'source.add':
        await supervisor.addSource(payload as unknown as Parameters<ObsSupervisor['addSource']>[0]);
        break;
      case 'source.remove':
        await supervisor.removeSource(String(payload.scene), String(payload.source));
        break;
      case 'devices.refresh':
        await supervisor.refreshDevices();
        break;
      case 'video.profile':
        await supervisor.setProfile(payload.profile as 'horizontal' | 'vertical' | 'low-power');
        break;
      case 'audio.mute':
        await supervisor.setMuted(String(payload.source), Boolean(payload.muted));
        break;
      case 'camera.preset':
        await supervisor.setCameraPreset(String(payload.scene), payload.preset as CameraPreset);
        break;
      case 'source.toggle':
        await supervisor.setSourceVisible(String(payload.scene), String(payload.source), Boolean(payload.visible));
        break;
      case 'overlay.render':
        if (supervisor.snapshot.obs.status !== 'connected') throw new NotConnectedError('the product card is painted once it is');
        await painter.show((payload.card ?? null) as Parameters<OverlayPainter['show']>[0], (payload.pinned ?? null) as Parameters<OverlayPainter['show']>[1]);
        break;
      default:
        return failure('unknown_command', `The OBS engine does not handle ${request.name}.`);
    }
  } catch (err) {
    return explainFailure(request.name, err);
  }
  return { ok: true, version: await reporter.report(deps.snapshot()) };
}

function isOutputRequest(name: string): name is EngineOutputRequestName {
  return Object.prototype.hasOwnProperty.call(ENGINE_OUTPUT_REQUESTS, name);
}

type OutputRequest = { [N in EngineOutputRequestName]: { name: N; payload: EngineOutputRequest<N> } }[EngineOutputRequestName];

async function runOutputRequest(outputs: OutputManager, request: OutputRequest): Promise<unknown> {
  switch (request.name) {
    case 'output.start':
      await outputs.start(request.payload.destinations, request.payload.record);
      return undefined;
    case 'output.update':
      await outputs.update(request.payload.destinations);
      return undefined;
    case 'output.reconnect':
      await outputs.reconnect(request.payload.id);
      return undefined;
    case 'output.stop':
      return outputs.stop();
    case 'output.reconcile':
      await outputs.reconcile(request.payload.live);
      return undefined;
  }
}

/** Maps an OBS failure to a protocol error the anchor can act on. */
export function explainFailure(command: string, err: unknown): CommandResult {
  if (err instanceof NotConnectedError) return failure('unavailable', err.message);
  if (err instanceof CameraPresetError || err instanceof RejectedError) return failure('rejected', err.message);
  if (err instanceof ObsTimeoutError) return failure('timeout', `${err.message} Check the OBS status.`);
  if (err instanceof ObsClosedError) return failure('unavailable', `${err.message} The engine reconnects by itself; try again in a moment.`);
  if (err instanceof ObsRequestError) {
    switch (err.code) {
      case 506:
        return failure('rejected', 'Studio mode is off. Turn studio mode on to use a preview scene.');
      case 600:
        return failure('rejected', `OBS has no such scene or source (${command}). Refresh the scene list.`);
      case 500:
      case 501:
        return failure('conflict', `OBS refused ${command} because of the output state: ${err.message}`);
      default:
        return failure('rejected', `OBS refused ${command}: ${err.message}`);
    }
  }
  return failure('internal', `The OBS engine failed to run ${command}: ${(err as Error).message}`);
}
