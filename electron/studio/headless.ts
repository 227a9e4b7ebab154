import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { locateObs } from '../core/engine/obs-locator';
import { createLogger, type Logger } from '../core/hub/logger';
import { installCrashHandlers } from './crash-handlers';
import { nodeChildSpawner } from './studio-child';
import { startStudio, type EngineSettings, type Studio } from './studio';
import { defaultDataDir, obsSettingsFromEnv, portFromEnv } from './studio-env';

/**
 * Runs the studio without Electron (`npm start` where no window can open): the hub and the OBS engine in their own
 * Node processes, supervised from this one, the UI on 127.0.0.1. Prints the URL to open; Ctrl+C ends the show, stops
 * OBS and leaves nothing running.
 */
export async function runHeadless(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<Studio> {
  const log = createLogger({ fields: { component: 'studio' } });
  installCrashHandlers(log, 'studio');
  const uiDir = resolve(argv[0] ?? join(__dirname, '..', 'renderer'));
  if (!existsSync(join(uiDir, 'index.html'))) {
    throw new Error(`The UI is not built (${uiDir}/index.html is missing). Run "npm run build" first.`);
  }
  const port = portFromEnv(env);
  const dataDir = defaultDataDir(env);
  const obs = obsSettingsFromEnv(env);
  const studio = await startStudio({
    dataDir,
    port,
    staticDir: uiDir,
    anchorToken: env.ANCHOR_ADMIN_TOKEN?.trim() || undefined,
    obs,
    spawn: nodeChildSpawner({ dir: __dirname }),
    log,
  });
  log.addSecret(studio.anchorToken);
  process.stdout.write(
    `\nAnchor Studio is running headless (no Electron window on this machine).\n` +
      `Data: ${dataDir}\n` +
      `Video: ${describeObs(obs, env)}\n` +
      `Open this in a browser:\n\n  ${studio.url}/?token=${studio.anchorToken}\n\n` +
      `Press Ctrl+C to stop.\n`,
  );
  installQuitSignals(studio, log);
  return studio;
}

/** One line on the studio's video: which OBS it runs, or how to get one. */
function describeObs(obs: EngineSettings | false, env: NodeJS.ProcessEnv): string {
  if (!obs) return 'off (ANCHOR_OBS=off): rehearsal without OBS.';
  const location = locateObs({ platform: process.platform, env, userPath: obs.locate?.userPath });
  return location.found ? `OBS Studio (${location.path}), started by the studio.` : location.message;
}

/** Ctrl+C or SIGTERM quits gracefully (the show ends, OBS stops); a second one forces the exit. */
function installQuitSignals(studio: Studio, log: Logger): void {
  let isQuitting = false;
  const quit = (signal: NodeJS.Signals) => {
    if (isQuitting) process.exit(130);
    isQuitting = true;
    log.info('quitting', { signal });
    studio
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('quitting failed', { err });
        process.exit(1);
      });
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
