// Entry of the OBS engine's own process (bundled to dist/main/engine-process.cjs): started by the studio as an Electron
// utility process or a Node child after the hub is up, restarted by the studio if it crashes. A restarted engine
// attaches to the OBS the last one left running, so a live show stays on air.
import { startEngine, type Engine } from './engine-composition';
import { createLogger } from '../core/hub/logger';
import { installCrashHandlers } from './crash-handlers';
import { connectParent } from './parent-link';
import { engineProcessConfigSchema } from './process-messages';

const log = createLogger({ fields: { component: 'engine' } });
installCrashHandlers(log, 'engine');
const parent = connectParent((reason) => log.warn('ignored a malformed message from the studio', { reason }));
let engine: Engine | null = null;
let stopping: Promise<void> | null = null;

function start(raw: unknown): void {
  const parsed = engineProcessConfigSchema.safeParse(raw);
  if (!parsed.success) {
    parent.post({ type: 'fatal', message: `The OBS engine was started with invalid options: ${parsed.error.message}` });
    process.exit(2);
  }
  const { env, logLevel, ...config } = parsed.data;
  const engineLog = logLevel ? createLogger({ minLevel: logLevel, fields: { component: 'engine' } }) : log;
  engine = startEngine({ ...config, env: { ...process.env, ...env }, log: engineLog });
  parent.post({ type: 'ready' });
}

/** Stops once, however many ways ask; `keepObsRunning` leaves OBS (and its stream) for the next engine to attach to. */
function stop(keepObsRunning: boolean): Promise<void> {
  stopping ??= (engine?.stop({ keepObsRunning }) ?? Promise.resolve()).catch((err: unknown) => log.error('engine shutdown failed', { err }));
  return stopping;
}

parent.onMessage((message) => {
  switch (message.type) {
    case 'start':
      start(message.config);
      break;
    case 'stop':
      void stop(message.keepObsRunning ?? false).then(() => {
        parent.post({ type: 'stopped' });
        process.exit(0);
      });
      break;
    case 'end-show':
      break;
  }
});
// The studio orchestrates Ctrl+C (it reaches the whole process group): it ends the show through the hub first.
process.on('SIGINT', () => undefined);
// Killed by someone else, or orphaned by a studio that crashed: OBS keeps the show on air for the next start.
process.on('SIGTERM', () => void stop(true).then(() => process.exit(0)));
parent.onParentGone(() => void stop(true).then(() => process.exit(0)));
