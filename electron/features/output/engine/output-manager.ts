import { pushUrl } from '../domain/destinations';
import type { CanvasOrientation } from '../domain/destinations';
import { derivePicture, type DerivedPicture, type PictureSize, type StudioPicture } from '../domain/dual-output';
import type { EngineOutputState } from '../domain/output';
import type { PlanDestination } from '../protocol/output-commands';
import { DerivedPictures } from './derived-pictures';
import { DirectStream } from './direct-stream';
import { Fanout, type FanoutTiming } from './fanout';
import { locateFfmpeg, missingFfmpegMessage, type FfmpegLocateOptions, type FfmpegLocation } from './ffmpeg-locator';
import { RejectedError, type EngineLogger, type EngineService, type ObsSession } from '../../../core/engine/obs-session';
import type { ObsOutputs } from './obs-outputs';
import { NodeRtmpRelay } from './node-rtmp-relay';
import { PublishRoute } from './publish-route';
import { MicrophoneList } from './microphones';
import { VirtualCamera } from './virtual-camera';

/** What the output manager works with: OBS's own outputs, the session, and the supervisor's view of OBS. */
export interface OutputDeps {
  session: ObsSession;
  obs: ObsOutputs;
  /** Resolves once OBS is connected and the show is back; rejects after `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<void>;
  /** The end of OBS's log with these secrets removed (why a stream failed is only there). */
  obsLogTail(secrets: string[]): string;
  /** The picture OBS encodes now (size, fps, bitrate, preset of the active profile). */
  studioPicture(): StudioPicture;
  /**
   * Dual output: paints the product card for a derived picture of `size` and answers the file ffmpeg reads; null:
   * back to one picture. Without it a derived picture carries no card. (OBS's own card keeps out of the derived
   * window as the hub says, from the moment such a destination is enabled.)
   */
  paintDerivedCard?(size: PictureSize | null): Promise<string | null>;
}

/** How the engine finds and runs its output helpers (relay, ffmpeg) and how patiently destinations retry. */
export interface OutputOptions {
  /** ffmpeg binary; default: bundled with the studio, then `ANCHOR_FFMPEG`, then PATH (ffmpeg-locator.ts). */
  ffmpegPath?: string;
  resourcesPath?: string;
  /** The running bundle's folder (headless: the ffmpeg package is found in its ancestors' node_modules). */
  appDir?: string;
  /** Overrides of the ffmpeg lookup (tests: a computer without any). */
  ffmpegLookup?: FfmpegLocateOptions;
  fanout?: FanoutTiming;
  platform?: NodeJS.Platform;
  /** Minutes per backup recording file (default DEFAULT_SPLIT_MINUTES, obs-outputs.ts). */
  recordingSplitMinutes?: number;
}

/** How long reconciling waits for OBS (a restarted engine attaches in about a second; a relaunch takes longer). */
const RECONCILE_WAIT_MS = 45_000;

/**
 * Runs the show's outputs: one destination goes through OBS's own stream output; several go OBS -> local relay ->
 * one ffmpeg (stream copy) per destination -> that destination's publish route (which alone knows the key) -> the
 * platform. A destination that wants the other shape (9:16 beside 16:9) gets a
 * picture derived in the relay: one encoder per shape, copied to each of its destinations. Also the backup recording
 * and the virtual camera. Keeps a health row per destination and picture, and tells listeners of every change.
 */
export class OutputManager implements EngineService {
  private mode: EngineOutputState['mode'] = 'off';
  /** The one destination OBS itself sends to (mode 'direct'). */
  private direct: DirectStream | null = null;
  private readonly fanouts = new Map<string, Fanout>();
  /** Encoders of the derived pictures (dual output), one per shape, each publishing back into the relay. */
  private readonly derived: DerivedPictures;
  /** The derived shape each destination copies (absent: the canvas as is). */
  private readonly fanoutShapes = new Map<string, CanvasOrientation>();
  private relay: NodeRtmpRelay | null = null;
  private recording: EngineOutputState['recording'] = { isActive: false, startedAt: null, lastFile: null, problem: null };
  /** OBS's virtual camera (for the platforms' own companion apps). */
  readonly virtualCam: VirtualCamera;
  private readonly microphones: MicrophoneList;
  private readonly ffmpegLocation: FfmpegLocation | null;
  private readonly listeners = new Set<() => void>();
  private isStopping = false;

  private readonly log: EngineLogger;
  /** OBS's own stream and recording. */
  private readonly obs: ObsOutputs;

  constructor(
    private readonly deps: OutputDeps,
    private readonly options: OutputOptions = {},
  ) {
    this.log = deps.session.log;
    this.obs = deps.obs;
    this.ffmpegLocation = options.ffmpegPath
      ? { path: options.ffmpegPath, origin: 'system' }
      : locateFfmpeg({ resourcesPath: options.resourcesPath, appDir: options.appDir, platform: options.platform, ...options.ffmpegLookup });
    this.virtualCam = new VirtualCamera(deps.session.client, options.platform, () => this.emit());
    this.microphones = new MicrophoneList(deps.session.client, deps.session.log, () => this.emit());
    this.derived = new DerivedPictures({
      ffmpeg: this.ffmpegLocation?.path ?? null,
      log: this.log,
      onChange: () => this.emit(),
      timing: options.fanout,
      paintCard: deps.paintDerivedCard ? (size) => deps.paintDerivedCard!(size) : undefined,
    });
    const client = deps.session.client;
    client.on('StreamStateChanged', ({ outputState }) => this.onStreamState(outputState));
    client.on('RecordStateChanged', ({ outputActive, outputState }) => {
      if (outputState === 'OBS_WEBSOCKET_OUTPUT_STARTED' || outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED') {
        this.recording = { ...this.recording, isActive: outputActive, startedAt: outputActive ? (this.recording.startedAt ?? Date.now()) : this.recording.startedAt };
        this.emit();
      }
    });
  }

  /** OBS is back (launched, relaunched, reconnected): list its microphones again. */
  onConnected(): void {
    this.microphones.refreshSoon();
  }

  /** OBS went away: a direct stream is down until the relaunched OBS goes live again. */
  onDisconnected(): void {
    if (this.mode === 'direct' && !this.isStopping) this.direct?.onObsGone();
  }

  /** Each second's stream bitrate (from the health readings) for the direct destination's row. */
  onBitrate(bitrateKbps: number | null): void {
    if (this.mode === 'direct' && !this.isStopping) this.direct?.onBitrate(bitrateKbps);
  }

  /** What the engine reports to the hub. */
  get snapshot(): EngineOutputState {
    return {
      mode: this.mode,
      destinations: this.direct ? [this.direct.health] : [...this.fanouts.values()].map((f) => f.health),
      derived: this.derived.health,
      picture: pictureOf(this.deps.studioPicture()),
      recording: { ...this.recording },
      virtualCam: { isActive: this.virtualCam.isActive },
      capabilities: {
        relay: this.ffmpegLocation
          ? { isAvailable: true, message: null, ffmpeg: this.ffmpegLocation.origin }
          : { isAvailable: false, message: missingFfmpegMessage(this.options.platform ?? process.platform) },
        virtualCam: { isAvailable: this.virtualCam.problem === null, message: this.virtualCam.problem },
      },
      recordingDir: this.deps.obs.recordingDir,
      microphones: this.microphones.list,
    };
  }

  /** Listens to changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Goes live to the destinations and starts the backup recording (files named after `recordingName`, the show).
   * Throws RejectedError with plain words.
   */
  async start(destinations: PlanDestination[], record: boolean, recordingName?: string): Promise<void> {
    if (this.mode !== 'off') throw new RejectedError('The studio is already live. End the show first.', { key: 'alreadyLive' });
    this.registerKeys(destinations);
    if (this.isDirect(destinations)) await this.startDirect(destinations[0]!);
    else await this.startRelay(destinations);
    this.recording = { ...this.recording, problem: null, startedAt: null };
    if (record) await this.startBackupRecording(recordingName);
    this.emit();
  }

  /**
   * Makes the outputs match the show as the hub knows it, whenever this engine connects to the hub. A new engine
   * process (the last one crashed) adopts what OBS still sends, so a live show never drops: one destination keeps
   * OBS's own stream; several go through a fresh relay (a short gap, the old relay died with its engine). An engine
   * that never stopped (the hub restarted) changes nothing. Off air: stops whatever still sends.
   */
  async reconcile(live: { destinations: PlanDestination[]; record: boolean; recordingName?: string } | null): Promise<void> {
    if (!live) {
      if (this.mode !== 'off') {
        await this.stop();
        return;
      }
      const desired = this.deps.session.desired.value;
      if (!desired.stream.isLive && !desired.isRecording) return;
      // The show ended (or the studio restarted off air) while no engine ran: stop what OBS may still send.
      this.obs.forgetLive();
      await this.deps.whenConnected(RECONCILE_WAIT_MS);
      await this.stop();
      return;
    }
    if (this.mode !== 'off') return;
    this.registerKeys(live.destinations);
    await this.deps.whenConnected(RECONCILE_WAIT_MS);
    const isStreaming = await this.obs.isStreaming();
    const [only] = live.destinations;
    if (only && this.isDirect(live.destinations) && isStreaming) {
      this.mode = 'direct';
      // Already live: only tells ObsOutputs the target (in memory alone), so a relaunched OBS can go live again.
      await this.obs.startStream({ server: only.server, key: only.key });
      this.direct = new DirectStream(only, this.directDeps(), true);
      this.log.info('kept the stream OBS was still sending', { destination: only.id });
    } else {
      if (isStreaming) await this.obs.stopStream();
      if (this.isDirect(live.destinations)) await this.startDirect(only!);
      else await this.startRelay(live.destinations);
      this.log.info('went live again after the engine restarted', { destinations: live.destinations.length });
    }
    const record = await this.obs.recordingStatus();
    if (record) {
      this.recording = { ...this.recording, isActive: true, startedAt: Date.now() - record.durationMs, problem: null };
    } else if (live.record) {
      await this.startBackupRecording(live.recordingName);
    }
    this.emit();
  }

  /** While live with the relay: starts sending to new destinations and stops removed ones; the rest are untouched. */
  async update(destinations: PlanDestination[]): Promise<void> {
    if (this.mode !== 'relay') throw new RejectedError('Only a show sent through the relay (several destinations) can change destinations while live.', { key: 'relayOnlyLive' });
    const wanted = new Set(destinations.map((d) => d.id));
    await Promise.all([...this.fanouts].filter(([id]) => !wanted.has(id)).map(async ([id, f]) => {
      await f.stop();
      this.fanouts.delete(id);
      this.fanoutShapes.delete(id);
    }));
    await this.syncDerived(destinations);
    for (const d of destinations) if (!this.fanouts.has(d.id)) await this.addFanout(d);
    this.emit();
  }

  /** "Reconnect now" for one destination (and for the derived picture it copies, when that encoder is down too). */
  async reconnect(id: string): Promise<void> {
    if (this.direct?.target.id === id) return this.direct.reconnect();
    const fanout = this.fanouts.get(id);
    if (!fanout) throw new RejectedError('That destination is not on air.', { key: 'destinationNotOnAir' });
    const shape = this.fanoutShapes.get(id);
    if (shape) await this.derived.reconnectIfDown(shape);
    await fanout.reconnect();
  }

  /** Ends the show: destinations, stream, relay, then the recording (so it covers everything). */
  async stop(): Promise<{ recordingFile: string | null }> {
    this.isStopping = true;
    try {
      await Promise.all([...this.fanouts.values()].map((f) => f.stop()));
      this.fanouts.clear();
      this.fanoutShapes.clear();
      await this.syncDerived([]);
      try {
        await this.obs.stopStream();
      } catch (err) {
        this.log.warn('could not stop the stream cleanly', { reason: (err as Error).message });
      }
      await this.obs.forgetStreamTarget().catch((err) => this.log.warn('could not clear the stream settings', { reason: (err as Error).message }));
      await this.relay?.stop();
      this.relay = null;
      this.direct = null;
      this.mode = 'off';
      let file: string | null = null;
      try {
        file = await this.obs.stopRecording();
      } catch (err) {
        this.log.warn('could not stop the recording cleanly', { reason: (err as Error).message });
      }
      this.recording = { isActive: false, startedAt: null, lastFile: file ?? this.recording.lastFile, problem: null };
      this.emit();
      return { recordingFile: file };
    } finally {
      this.isStopping = false;
    }
  }

  /** Stops every helper process (engine shutdown). OBS's own outputs are stopped by ObsOutputs before OBS stops. */
  async close(): Promise<void> {
    this.microphones.stop();
    await Promise.all([...this.fanouts.values()].map((f) => f.stop()));
    this.fanouts.clear();
    this.fanoutShapes.clear();
    await this.derived.close();
    await this.relay?.stop();
    this.relay = null;
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * The picture a destination gets when it is not the canvas as is: derived while live (dual output). Without the
   * relay and ffmpeg there is no second picture: it gets the canvas (the pre-flight said so).
   */
  private derivedFor(d: PlanDestination): DerivedPicture | null {
    if (!this.ffmpegLocation) return null;
    return derivePicture(this.deps.studioPicture(), d.canvas);
  }

  /** One destination that takes the canvas as is goes through OBS's own stream output; anything else through the relay. */
  private isDirect(destinations: PlanDestination[]): boolean {
    return destinations.length === 1 && this.derivedFor(destinations[0]!) === null;
  }

  /** Runs one encoder per derived shape the destinations need (dual output) and stops the ones none needs any more. */
  private async syncDerived(destinations: PlanDestination[]): Promise<void> {
    const wanted = destinations.map((d) => this.derivedFor(d)).filter((p): p is DerivedPicture => p !== null);
    await this.derived.sync(wanted, this.relay);
  }

  private registerKeys(destinations: PlanDestination[]): void {
    for (const d of destinations) {
      this.log.addSecret?.(d.key);
      this.log.addSecret?.(pushUrl(d.server, d.key));
    }
  }

  /** Starts the backup recording; a failure never stops the show, the anchor sees why. */
  private async startBackupRecording(name?: string): Promise<void> {
    try {
      await this.obs.startRecording(name);
      this.recording = { ...this.recording, isActive: true, startedAt: Date.now(), problem: null };
    } catch (err) {
      this.recording = { ...this.recording, isActive: false, problem: `The backup recording did not start: ${(err as Error).message}` };
      this.log.warn('backup recording did not start', { reason: (err as Error).message });
    }
  }

  private directDeps() {
    return { obs: this.obs, obsLogTail: (secrets: string[]) => this.deps.obsLogTail(secrets), onChange: () => this.emit() };
  }

  private async startDirect(d: PlanDestination): Promise<void> {
    this.mode = 'direct';
    this.direct = new DirectStream(d, this.directDeps());
    this.emit();
    try {
      await this.direct.go();
    } catch (err) {
      const problem = this.direct?.health.lastError?.message ?? (err as Error).message;
      await this.obs.stopStream().catch(() => undefined);
      await this.obs.forgetStreamTarget().catch(() => undefined);
      this.mode = 'off';
      this.direct = null;
      this.emit();
      throw new RejectedError(`${d.name}: ${problem}`);
    }
  }

  private async startRelay(destinations: PlanDestination[]): Promise<void> {
    if (!this.ffmpegLocation) throw new RejectedError(`Sending to several destinations needs ffmpeg: ${missingFfmpegMessage(this.options.platform ?? process.platform)}`, { key: 'ffmpegMissing' });
    const relay = new NodeRtmpRelay(this.log);
    try {
      await relay.start();
    } catch (err) {
      throw new RejectedError((err as Error).message);
    }
    this.relay = relay;
    this.mode = 'relay';
    this.emit();
    try {
      // The relay's address and stream name are local; they are not the destinations' keys.
      await this.obs.startStream({ server: relay.publishServer, key: relay.streamName });
    } catch (err) {
      await this.obs.stopStream().catch(() => undefined);
      await this.obs.forgetStreamTarget().catch(() => undefined);
      await relay.stop();
      this.relay = null;
      this.mode = 'off';
      this.emit();
      throw new RejectedError(`OBS could not stream to the local relay: ${(err as Error).message}`);
    }
    await this.syncDerived(destinations);
    for (const d of destinations) await this.addFanout(d);
  }

  /** A destination's fan-out: copies the show (or its shape's derived picture) from the relay into its own route. */
  private async addFanout(d: PlanDestination): Promise<void> {
    const route = await PublishRoute.open(d);
    const picture = this.derivedFor(d);
    if (picture) this.fanoutShapes.set(d.id, picture.orientation);
    else this.fanoutShapes.delete(d.id);
    const fanout = new Fanout(d, {
      input: () => {
        const stream = picture ? this.derived.streamNameOf(picture.orientation) : this.relay?.streamName;
        return this.relay && stream ? this.relay.urlOf(stream) : 'rtmp://127.0.0.1:1/none';
      },
      ffmpeg: this.ffmpegLocation!.path,
      log: this.log,
      onChange: () => this.emit(),
      timing: this.options.fanout,
      route,
    });
    this.fanouts.set(d.id, fanout);
    fanout.start();
  }

  private onStreamState(state: string): void {
    if (this.mode === 'direct' && !this.isStopping) this.direct?.onStreamState(state);
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** The picture fields alone (a profile carries its OBS id too, which the report does not). */
function pictureOf(p: StudioPicture): StudioPicture {
  return { width: p.width, height: p.height, fps: p.fps, bitrateKbps: p.bitrateKbps, x264Preset: p.x264Preset };
}
