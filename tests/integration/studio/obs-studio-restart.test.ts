import { afterAll, describe, expect, it } from 'vitest';
import { readSession } from '../../../electron/core/engine/obs-process';
import { SocketStateRecorder, startBuiltStudio, type BuiltStudio } from '../../helpers/built-studio';
import { killSessionProcesses, obsPidsFor } from '../../helpers/engine';
import { makeTempDir } from '../../helpers/temp-dir';

// The built studio with a real OBS: the whole studio (hub and engine processes) restarts while OBS keeps running.
describe('studio restart with OBS running (built studio, real OBS 29)', () => {
  const dataDir = makeTempDir('anchor-studio-restart-');
  const studios: BuiltStudio[] = [];

  async function start(): Promise<{ studio: BuiltStudio; states: SocketStateRecorder }> {
    const studio = await startBuiltStudio({ dataDir: dataDir.path, obs: true });
    studios.push(studio);
    const states = await SocketStateRecorder.connect(studio);
    await states.waitFor((s) => s.obs.status === 'connected', 60_000, 'OBS connected');
    return { studio, states };
  }

  afterAll(async () => {
    for (const s of studios) await s.stop({ keepData: true });
    const engineDir = `${dataDir.path}/engine`;
    killSessionProcesses(engineDir);
    for (const pid of obsPidsFor(engineDir)) process.kill(pid, 'SIGKILL');
    dataDir.remove();
  }, 30_000);

  it('a restarted studio attaches to the OBS the previous run left running, and stops it on a normal close', async () => {
    const first = await start();
    expect(first.states.state.scenes.names.length).toBe(7);
    const engineDir = first.studio.engineDir;
    const pid = readSession(engineDir)!.pid;
    first.states.close();
    await first.studio.stop({ keepObsRunning: true, keepData: true });
    expect(obsPidsFor(engineDir)).toEqual([pid]);

    const second = await start();
    expect(second.studio.logLines.some((l) => l.includes('attaching to running OBS'))).toBe(true);
    expect(obsPidsFor(engineDir)).toEqual([pid]);
    expect(second.studio.logLines.join('\n')).not.toContain(readSession(engineDir)!.password);

    second.states.close();
    await second.studio.stop({ keepData: true });
    expect(obsPidsFor(engineDir)).toEqual([]);
    expect(readSession(engineDir)).toBeNull();
  }, 120_000);
});
