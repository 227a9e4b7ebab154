import { DesiredStore } from '../../electron/core/engine/desired-state';
import { ObsClient } from '../../electron/core/engine/obs-client';
import { NotConnectedError, SILENT_LOGGER, type ObsSession } from '../../electron/core/engine/obs-session';
import { FakeObs } from './fake-obs';
import { makeTempDir } from './temp-dir';

/** An engine session on a {@link FakeObs}: what the supervisor hands each service, for unit tests of one service. */
export interface FakeSession extends ObsSession {
  obs: FakeObs;
  /** Marks OBS as connected and the show put back (as the supervisor does after the services' restore). */
  setRunning(isRunning: boolean): void;
  close(): Promise<void>;
}

/** Connects a real ObsClient to a fake OBS, with a desired-state store in a temp dir. */
export async function fakeSession(obs = new FakeObs()): Promise<FakeSession> {
  const dir = makeTempDir('anchor-fake-session-');
  const client = new ObsClient({ createSocket: () => obs, callTimeoutMs: 1000, outputSettleMs: 1000 });
  client.setEndpoint('ws://127.0.0.1:1', 'password');
  client.start();
  await client.waitIdentified(1000);
  let isRunning = true;
  return {
    obs,
    client,
    desired: new DesiredStore(dir.path, (err) => {
      throw err;
    }),
    log: SILENT_LOGGER,
    dataDir: dir.path,
    isRunning: () => isRunning,
    requireConnected: () => {
      if (!isRunning) throw new NotConnectedError('test: OBS is away');
    },
    setRunning: (value) => void (isRunning = value),
    async close() {
      await client.stop();
      dir.remove();
    },
  };
}

/** Resolves after pending fake OBS events were delivered (they arrive on a later tick, as OBS's do). */
export const settle = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
