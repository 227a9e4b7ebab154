import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudioState } from '../../electron/domain/studio-state';
import { readSession } from '../../electron/engine/obs-process';
import { createLogger } from '../../electron/hub/logger';
import { runStudio, type Studio } from '../../electron/studio/run-studio';
import { killSessionProcesses, obsPidsFor } from '../helpers/engine';
import { makeTempDir } from '../helpers/temp-dir';

// The composition root with a real OBS: the whole studio (hub + engine) restarts while OBS keeps running.
describe('studio restart with OBS running (runStudio, real OBS 29)', () => {
  const dataDir = makeTempDir('anchor-studio-restart-');
  const engineDir = join(dataDir.path, 'engine');
  const studios: Studio[] = [];
  const logLines: string[] = [];

  async function start(): Promise<Studio> {
    const studio = await runStudio({
      dataDir: dataDir.path,
      logger: createLogger({ minLevel: 'debug', sink: (l) => logLines.push(l) }),
      obs: { profile: 'test', env: { ...process.env, DISPLAY: '' } },
    });
    studios.push(studio);
    return studio;
  }

  function connected(studio: Studio, timeoutMs: number): Promise<StudioState> {
    return new Promise((resolve, reject) => {
      const check = (s: StudioState) => {
        if (s.obs.status !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve(s);
      };
      const timer = setTimeout(() => reject(new Error(`not connected: ${JSON.stringify(studio.hub.store.current.obs)}`)), timeoutMs);
      const off = studio.hub.store.subscribe(check);
      check(studio.hub.store.current);
    });
  }

  afterAll(async () => {
    for (const s of studios) await s.close().catch(() => undefined);
    killSessionProcesses(engineDir);
    for (const pid of obsPidsFor(engineDir)) process.kill(pid, 'SIGKILL');
    dataDir.remove();
  }, 30_000);

  it('runs no engine unless asked, so OBS-less runs stay quick', async () => {
    const dir = makeTempDir('anchor-studio-noobs-');
    const studio = await runStudio({ dataDir: dir.path, obs: false, logger: createLogger({ sink: () => {} }) });
    expect(studio.engine).toBeNull();
    expect(studio.hub.store.current.obs.status).toBe('unavailable');
    await studio.close();
    dir.remove();
  });

  it('a restarted studio attaches to the OBS the previous run left running, and stops it on a normal close', async () => {
    const first = await start();
    const firstState = await connected(first, 60_000);
    expect(firstState.scenes.names.length).toBe(7);
    const pid = readSession(engineDir)!.pid;
    await first.close({ keepObsRunning: true });
    expect(obsPidsFor(engineDir)).toEqual([pid]);

    const second = await start();
    await connected(second, 20_000);
    expect(second.engine!.supervisor.isAttached).toBe(true);
    expect(obsPidsFor(engineDir)).toEqual([pid]);
    expect(logLines.join('\n')).not.toContain(readSession(engineDir)!.password);

    await second.close();
    expect(obsPidsFor(engineDir)).toEqual([]);
    expect(readSession(engineDir)).toBeNull();
  }, 90_000);
});
