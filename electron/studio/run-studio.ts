import { startHub, type Hub } from '../hub/server';
import type { Logger } from '../hub/logger';

/** How to run a whole studio (hub, and the engine once it exists) without any Electron dependency. */
export interface StudioOptions {
  dataDir: string;
  port?: number;
  /** Folder of the built renderer when the hub should serve the UI (headless mode). */
  staticDir?: string;
  anchorToken?: string;
  /** Page origins allowed to connect, e.g. `app://anchor` for Electron windows. */
  allowedOrigins?: string[];
  logger?: Logger;
}

/** A running studio. */
export interface Studio {
  hub: Hub;
  /** Stops everything in reverse start order. */
  close(): Promise<void>;
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
  });
  return {
    hub,
    async close() {
      await hub.close();
    },
  };
}
