import { join } from 'node:path';
import { connectToHub } from '../core/engine/hub-link';
import { PROFILES } from '../core/engine/obs-config';
import { ObsSupervisor, type SupervisorOptions } from '../core/engine/obs-supervisor';
import { SILENT_LOGGER } from '../core/engine/obs-session';
import type { EngineHandlers } from '../core/protocol/engine-requests';
import { HealthService } from '../features/health/engine/health-service';
import { ObsOutputs } from '../features/output/engine/obs-outputs';
import { outputHandlers } from '../features/output/engine/output-handlers';
import { OutputManager, type OutputOptions } from '../features/output/engine/output-manager';
import { overlayHandlers } from '../features/overlay/engine/overlay-handlers';
import { OverlayPainter } from '../features/overlay/engine/overlay-painter';
import { CardPictures } from '../features/overlay/engine/card-pictures';
import { IMAGES_FOLDER } from '../features/overlay/domain/card-picture';
import { AudioMeters } from '../features/monitor/engine/audio-meters';
import { monitorHandlers } from '../features/monitor/engine/monitor-handlers';
import { ProgramFeed } from '../features/monitor/engine/program-feed';
import type { MicProblem } from '../features/monitor/domain/mic-silence';
import type { HealthAlert } from '../features/health/domain/health-alerts';
import { DeviceService } from '../features/scenes/engine/device-service';
import { LayoutService } from '../features/scenes/engine/layout-service';
import { sceneHandlers } from '../features/scenes/engine/scene-handlers';
import { ScenesService } from '../features/scenes/engine/scenes-service';
import { ThumbnailWatcher } from '../features/scenes/engine/thumbnails';

/** How to start the engine: where the hub is, the engine's token, and how to run OBS. */
export interface EngineOptions extends SupervisorOptions {
  hubUrl: string;
  /** The hub's engine token; never logged. */
  token: string;
  /** Relay, ffmpeg and retry timing of the show's outputs. */
  output?: OutputOptions;
  /** The studio's images folder (catalog pictures by file name); default "images" in the engine's data dir. */
  imagesDir?: string;
}

/** A running engine. */
export interface Engine {
  /** Resolves once the hub connection is up. */
  whenHubConnected(): Promise<void>;
  /** Stops reporting and supervising; `keepObsRunning` leaves OBS up so the next start attaches to it. */
  stop(options?: { keepObsRunning?: boolean }): Promise<void>;
}

/** The services the hub's requests go to. */
export interface EngineParts {
  supervisor: ObsSupervisor;
  scenes: ScenesService;
  layout: LayoutService;
  devices: DeviceService;
  thumbnails: ThumbnailWatcher;
  feed: ProgramFeed;
  meters: AudioMeters;
  outputs: OutputManager;
  painter: OverlayPainter;
}

/** The engine's handler table: every request the hub may send, each to the service that owns it. */
export function engineHandlers(parts: EngineParts): EngineHandlers {
  return {
    ...sceneHandlers(parts.scenes, parts.layout, parts.devices, parts.thumbnails),
    ...outputHandlers(parts.outputs),
    ...overlayHandlers(parts.painter, parts.supervisor.session),
    ...monitorHandlers(parts.feed, parts.meters),
    'video.profile': ({ profile }) => parts.supervisor.setProfile(profile),
  };
}

/**
 * Starts the engine: the supervisor that runs OBS, one service per OBS concern (layout, scenes, devices, OBS's
 * outputs, the show's outputs, health, the card, thumbnails, the program monitor, the audio meters), and the link to
 * the hub that runs the hub's requests through their handlers. The composition lives here, in the studio, because the services belong to their features and the core
 * engine never imports a feature's engine part.
 */
export function startEngine(options: EngineOptions): Engine {
  const log = options.log ?? SILENT_LOGGER;
  const supervisor = new ObsSupervisor({ ...options, log });
  const session = supervisor.session;
  let layout: LayoutService | null = null;
  const scenes = new ScenesService(session, () => layout?.current ?? null);
  layout = new LayoutService(session, scenes);
  const devices = new DeviceService(session, scenes);
  const pictures = new CardPictures({ imagesDir: options.imagesDir ?? join(options.dataDir, IMAGES_FOLDER), cacheDir: join(options.dataDir, 'overlay', 'pictures'), log });
  const painter = new OverlayPainter({ client: session.client, dir: join(options.dataDir, 'overlay'), scenes: () => scenes.state.names, pictures });
  const obsOutputs = new ObsOutputs(session, supervisor.recordingDir, options.output?.recordingSplitMinutes);
  const outputs = new OutputManager(
    {
      session,
      obs: obsOutputs,
      whenConnected: (ms) => supervisor.whenConnected(ms),
      obsLogTail: (secrets) => supervisor.obsLogTail(secrets),
      studioPicture: () => PROFILES[supervisor.activeProfile],
      // Dual output: the 9:16 picture's card is the same card, laid out for that picture by the overlay's painter.
      paintDerivedCard: (size) => painter.paintDerived(size),
    },
    { resourcesPath: options.locate?.resourcesPath, appDir: __dirname, ...options.output },
  );
  const meters = new AudioMeters(session, {
    microphones: () => outputs.snapshot.microphones,
    publish: async (event) => void (await link.send('meters.publish', event, 2000)),
  });
  // "Live" for the microphone watch is OBS sending the stream, as health reads it every second.
  const health = new HealthService(session, () => PROFILES[supervisor.activeProfile].fps, (isStreaming) => {
    meters.setLive(isStreaming);
    return meters.problems().map(micAlert);
  });
  const feed = new ProgramFeed({
    views: () => ({ program: scenes.state.program, preview: scenes.state.preview }),
    capture: (scene, width) => scenes.screenshot(scene, width),
    publish: async (frame) => void (await link.send('monitor.publish', frame, 2000)),
  });
  const thumbnails = new ThumbnailWatcher({
    capture: (scene, width) => scenes.screenshot(scene, width),
    async publish(event) {
      const images = Object.entries(event.images).map(([scene, image]) => ({ scene, image }));
      await link.send('thumbnails.publish', { at: event.at, images });
    },
  });
  // The order services put the show back after each connection: the layout, then what is on program, then outputs.
  supervisor.useServices([layout, scenes, devices, obsOutputs, outputs, health, meters]);

  const handlers = engineHandlers({ supervisor, scenes, layout, devices, thumbnails, feed, meters, outputs, painter });
  const snapshot = () => ({ obs: { ...supervisor.obs, devices: devices.list }, scenes: scenes.state, output: outputs.snapshot });
  const link = connectToHub({ hubUrl: options.hubUrl, token: options.token, log, handlers, snapshot });

  const report = () => void link.report();
  // Fan-outs report their bitrate every second each: coalesce output changes into one report per 200 ms.
  let outputReport: NodeJS.Timeout | null = null;
  const offs = [
    supervisor.onChange(report),
    scenes.onChange(report),
    devices.onChange(report),
    outputs.onChange(() => {
      outputReport ??= setTimeout(() => {
        outputReport = null;
        report();
      }, 200);
    }),
    health.onChange((reading) => {
      outputs.onBitrate(reading?.bitrateKbps ?? null);
      void link.send('engine.health', { health: reading }, 2000);
    }),
  ];
  supervisor.start();

  return {
    whenHubConnected: () => link.whenConnected(),
    async stop(stopOptions = {}) {
      thumbnails.stop();
      feed.stop();
      meters.stop();
      painter.stop();
      health.stop();
      for (const off of offs) off();
      if (outputReport) clearTimeout(outputReport);
      await outputs.close();
      await supervisor.stop(stopOptions);
      // The hub must not keep showing "connected" for an OBS nobody drives any more.
      const obs = stopOptions.keepObsRunning
        ? { status: 'reconnecting' as const, message: 'The OBS engine is restarting; OBS keeps running.', version: null }
        : { status: 'unavailable' as const, message: 'The OBS engine stopped.', version: null };
      await link.close({ obs, scenes: scenes.state, output: null });
    },
  };
}

/** A microphone problem as the health alert every window shows. */
function micAlert(problem: MicProblem): HealthAlert {
  return problem.kind === 'muted' ? { code: 'mic-muted', source: problem.source } : { code: 'mic-silent', source: problem.source, value: problem.seconds };
}
