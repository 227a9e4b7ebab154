import type { OBSWebSocket } from 'obs-websocket-js';
import { rawObs } from './engine';
import { OBS_START_MS } from './timeouts';
import { SocketStateRecorder, startBuiltStudio, type BuiltStudio, type BuiltStudioOptions } from './built-studio';

/** A whole built studio (hub serving the UI, engine, a real OBS under its own Xvfb at 640x360) for UI tests. */
export interface ObsStudio extends BuiltStudio {
  /** Every state the anchor's socket saw. */
  states: SocketStateRecorder;
  /**
   * A direct obs-websocket connection of the test's own, independent of the engine (reconnects to whichever OBS the
   * session file names now, e.g. after a relaunch).
   */
  obs(): Promise<OBSWebSocket>;
  /** Stops the studio and OBS, SIGKILLs whatever survived, removes the data dir. */
  close(): Promise<void>;
}

/** Starts the built studio with OBS on and waits until OBS is connected with the show's scenes. */
export async function startObsStudio(options: Omit<BuiltStudioOptions, 'obs'> & { obs?: BuiltStudioOptions['obs'] } = {}): Promise<ObsStudio> {
  const built = await startBuiltStudio({ ...options, obs: options.obs ?? true });
  let states: SocketStateRecorder | null = null;
  const raw = rawObs(built.engineDir);
  const close = async () => {
    await raw.close();
    states?.close();
    await built.stop();
  };
  try {
    states = await SocketStateRecorder.connect(built);
    await states.waitFor((s) => s.obs.status === 'connected' && s.scenes.names.length > 1, OBS_START_MS, 'OBS connected with the show scenes');
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\nstudio log tail:\n${built.logLines.slice(-20).join('\n')}`);
  }
  return {
    ...built,
    states,
    obs: () => raw.get(),
    close,
  };
}
