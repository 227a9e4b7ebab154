import { join } from 'node:path';
import { generateToken } from '../core/hub/auth/tokens';
import type { EngineProcessConfig, HubProcessConfig } from './process-messages';
import type { SpawnChild } from './studio-child';
import { IMAGES_FOLDER } from '../features/overlay/domain/card-picture';
import { SupervisedChild, type RestartPolicy, type StudioLog } from './supervised-child';

/** How the studio runs its OBS engine: the engine child's options without what the studio fills in itself. */
export type EngineSettings = Omit<EngineProcessConfig, 'hubUrl' | 'token' | 'dataDir'> & { dataDir?: string };

/** How to run a whole studio: the hub and the OBS engine, each in its own supervised process. */
export interface StudioOptions {
  dataDir: string;
  /** 0 or absent: a free port, kept across hub restarts so clients reconnect to the same address. */
  port?: number;
  host?: string;
  /** Folder of the built renderer when the hub serves the UI (headless). */
  staticDir?: string;
  anchorToken?: string;
  /** Page origins allowed to connect, e.g. `app://anchor` for Electron windows. */
  allowedOrigins?: string[];
  /** Tokens the studio hands out itself (the desktop co-host window), valid across hub restarts. */
  extraTokens?: HubProcessConfig['extraTokens'];
  /** The desktop app's data key for secrets at rest (unsealed from the OS keychain); headless uses a key file. */
  secretKey?: Buffer;
  /** The OBS engine's settings, or false to run without video (rehearsal, tests of the hub alone). */
  obs: EngineSettings | false;
  /** How children are started: Node processes headless, Electron utility processes in the desktop app. */
  spawn: SpawnChild;
  log: StudioLog;
  restart?: RestartPolicy;
  logLevel?: HubProcessConfig['logLevel'];
}

/** A running studio. */
export interface Studio {
  /** The hub's base URL, e.g. `http://127.0.0.1:5173`; the same across hub restarts. */
  url: string;
  port: number;
  /** The anchor's bearer token (full rights). Never log it. */
  anchorToken: string;
  hub: SupervisedChild;
  /** The engine child, when the studio runs OBS. */
  engine: SupervisedChild | null;
  /**
   * Quits: a live show is ended through the hub (outputs stop, the report closes), then the engine stops OBS, then the
   * hub closes its databases. `keepObsRunning` leaves OBS (and a live stream) up for the next start to attach to.
   */
  close(options?: { keepObsRunning?: boolean }): Promise<void>;
}

/** How long quitting waits for each step before it moves on (ending a show waits for the outputs to stop). */
const END_SHOW_MS = 70_000;
const ENGINE_STOP_MS = 30_000;
const HUB_STOP_MS = 15_000;

/**
 * Starts the studio: the hub first (it is the authority), then the engine as its client. Each runs in its own process
 * and is restarted when it crashes: an engine crash never takes the hub, the ledger or the UI down, and a hub crash
 * comes back on the same port with the same tokens while the engine keeps OBS on air.
 */
export async function startStudio(options: StudioOptions): Promise<Studio> {
  const anchorToken = options.anchorToken ?? generateToken();
  const engineToken = generateToken();
  let port = options.port ?? 0;
  const hubConfig = (): HubProcessConfig => ({
    dataDir: options.dataDir,
    port,
    host: options.host,
    staticDir: options.staticDir,
    allowedOrigins: options.allowedOrigins ?? [],
    anchorToken,
    engineToken,
    extraTokens: options.extraTokens ?? [],
    secretKey: options.secretKey?.toString('base64'),
    logLevel: options.logLevel,
  });
  const hub = new SupervisedChild({
    role: 'hub',
    spawn: options.spawn,
    config: hubConfig,
    log: options.log,
    restart: options.restart,
    onReady: (ready, restarts) => {
      if (restarts > 0) options.log.info('the hub is back', { url: ready.url, restarts });
    },
  });
  const ready = await hub.start();
  if (!ready.url || !ready.port) {
    await hub.stop({ type: 'stop' }, HUB_STOP_MS);
    throw new Error('The hub process started without saying where it listens.');
  }
  // A restarted hub must come back where the clients and the engine look for it.
  port = ready.port;
  const url = ready.url;

  let engine: SupervisedChild | null = null;
  if (options.obs) {
    const settings = options.obs;
    engine = new SupervisedChild({
      role: 'engine',
      spawn: options.spawn,
      config: (): EngineProcessConfig => ({
        ...settings,
        hubUrl: url,
        token: engineToken,
        dataDir: settings.dataDir ?? join(options.dataDir, 'engine'),
        imagesDir: settings.imagesDir ?? join(options.dataDir, IMAGES_FOLDER),
        logLevel: settings.logLevel ?? options.logLevel,
      }),
      log: options.log,
      restart: options.restart,
      onReady: (_ready, restarts) => {
        if (restarts > 0) options.log.info('the OBS engine is back', { restarts });
      },
    });
    try {
      await engine.start();
    } catch (err) {
      await hub.stop({ type: 'stop' }, HUB_STOP_MS);
      throw err;
    }
  }

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    anchorToken,
    hub,
    engine,
    close(closeOptions = {}) {
      closing ??= (async () => {
        if (engine && !closeOptions.keepObsRunning) await hub.request({ type: 'end-show' }, 'show-ended', END_SHOW_MS);
        await engine?.stop({ type: 'stop', keepObsRunning: closeOptions.keepObsRunning ?? false }, ENGINE_STOP_MS);
        await hub.stop({ type: 'stop' }, HUB_STOP_MS);
      })();
      return closing;
    },
  };
}
