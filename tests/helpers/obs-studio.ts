import { join } from 'node:path';
import OBSWebSocket from 'obs-websocket-js';
import { readSession } from '../../electron/engine/obs-process';
import { createLogger } from '../../electron/hub/logger';
import { runStudio, type Studio } from '../../electron/studio/run-studio';
import { killSessionProcesses, obsPidsFor, StateRecorder } from './engine';
import { makeTempDir } from './temp-dir';

/** A whole studio (hub serving the UI + engine + a real OBS under its own Xvfb, 640x360) for UI tests. */
export interface ObsStudio {
  studio: Studio;
  /** The engine's data dir (OBS session file, config home). */
  engineDir: string;
  states: StateRecorder;
  logLines: string[];
  /**
   * A direct obs-websocket connection of the test's own, independent of the engine (reconnects to whichever OBS the
   * session file names now, e.g. after a relaunch).
   */
  obs(): Promise<OBSWebSocket>;
  /** Stops the studio and OBS, SIGKILLs whatever survived, removes the data dir. */
  close(): Promise<void>;
}

/** Starts the studio through its composition root with the engine on, and waits until OBS is connected. */
export async function startObsStudio(options: { staticDir: string; relaunchInitialMs?: number }): Promise<ObsStudio> {
  const temp = makeTempDir('anchor-obs-studio-');
  const engineDir = join(temp.path, 'engine');
  const logLines: string[] = [];
  const studio = await runStudio({
    dataDir: temp.path,
    staticDir: options.staticDir,
    logger: createLogger({ minLevel: 'info', sink: (line) => logLines.push(line) }),
    obs: { profile: 'test', env: { ...process.env, DISPLAY: '' }, relaunchInitialMs: options.relaunchInitialMs ?? 300 },
  });
  const states = new StateRecorder(studio.hub);
  let raw: { client: OBSWebSocket; pid: number } | null = null;
  const close = async () => {
    await raw?.client.disconnect().catch(() => undefined);
    states.close();
    await studio.close().catch(() => undefined);
    killSessionProcesses(engineDir);
    for (const pid of obsPidsFor(engineDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    temp.remove();
  };
  try {
    await states.waitFor((s) => s.obs.status === 'connected' && s.scenes.names.length > 1, 90_000, 'OBS connected with the show scenes');
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\nstudio log tail:\n${logLines.slice(-20).join('\n')}`);
  }
  return {
    studio,
    engineDir,
    states,
    logLines,
    async obs() {
      const session = readSession(engineDir);
      if (!session) throw new Error('no OBS session file: OBS is not running');
      if (raw && raw.pid === session.pid) return raw.client;
      await raw?.client.disconnect().catch(() => undefined);
      const client = new OBSWebSocket();
      await client.connect(`ws://127.0.0.1:${session.port}`, session.password);
      raw = { client, pid: session.pid };
      return client;
    },
    close,
  };
}
