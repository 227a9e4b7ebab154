import { join } from 'node:path';
import { startEngine, type Engine, type EngineOptions } from '../engine/engine';
import { startHub, type Hub } from '../hub/server';
import type { Logger } from '../hub/logger';
import type { SecretBox } from '../hub/secret-box';

/** How the studio runs its OBS: where to look for it, which profile, which environment. */
export type StudioObsOptions = Partial<Omit<EngineOptions, 'hubUrl' | 'token' | 'log'>>;

/** How to run a whole studio (hub, and the OBS engine as its client) without any Electron dependency. */
export interface StudioOptions {
  dataDir: string;
  port?: number;
  /** Folder of the built renderer when the hub should serve the UI (headless mode). */
  staticDir?: string;
  anchorToken?: string;
  /** Page origins allowed to connect, e.g. `app://anchor` for Electron windows. */
  allowedOrigins?: string[];
  logger?: Logger;
  /** Encrypts stream keys at rest: the desktop app passes its OS-keychain box; headless uses a key file. */
  secretBox?: SecretBox;
  /**
   * The OBS engine: an object starts it with these options, `false` never starts it. When absent it starts only if
   * the environment says `ANCHOR_OBS=on`, so tests and rehearsal runs without OBS stay quick.
   */
  obs?: StudioObsOptions | false;
}

/** A running studio. */
export interface Studio {
  hub: Hub;
  /** The OBS engine, when it runs. */
  engine: Engine | null;
  /** Stops everything in reverse start order; `keepObsRunning` leaves OBS up for the next start to attach to. */
  close(options?: { keepObsRunning?: boolean }): Promise<void>;
}

/** Whether the studio should start its OBS engine for these options and environment. */
export function shouldStartEngine(obs: StudioOptions['obs'], env: NodeJS.ProcessEnv): boolean {
  if (obs === false) return false;
  if (obs) return true;
  return /^(1|on|true|yes)$/i.test(env.ANCHOR_OBS ?? '');
}

/** Starts the studio: the hub first (it is the authority), then the engine as its client. */
export async function runStudio(options: StudioOptions): Promise<Studio> {
  const hub = await startHub({
    dataDir: options.dataDir,
    port: options.port,
    staticDir: options.staticDir,
    anchorToken: options.anchorToken,
    allowedOrigins: options.allowedOrigins,
    logger: options.logger,
    secretBox: options.secretBox,
  });
  let engine: Engine | null = null;
  if (shouldStartEngine(options.obs, process.env)) {
    const obs = options.obs || {};
    engine = startEngine({
      ...obs,
      hubUrl: hub.url,
      token: hub.engineToken,
      dataDir: obs.dataDir ?? join(options.dataDir, 'engine'),
      locate: { userPath: process.env.ANCHOR_OBS_PATH || undefined, ...obs.locate },
      log: hub.log.child({ component: 'engine' }),
    });
  }
  return {
    hub,
    engine,
    async close(closeOptions = {}) {
      await engine?.stop(closeOptions);
      await hub.close();
    },
  };
}
