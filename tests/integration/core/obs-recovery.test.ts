import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession, SESSION_FILE } from '../../../electron/core/engine/obs-process';
import { SHOW_SCENE_NAMES } from '../../../electron/features/scenes/engine/show-scenes';
import { connectClient, sendCommand, startTestHub, type ConnectedClient, type TestHub } from '../../helpers/hub';
import { killSessionProcesses, obsPidsFor, rawObs, startTestEngine, StateRecorder, type TestEngine } from '../../helpers/engine';
import { OBS_RECOVERY_MS, OBS_REPLACE_MS, OBS_START_MS, QUICK_MS } from '../../helpers/timeouts';
import { makeTempDir } from '../../helpers/temp-dir';

// One OBS life after another in the same data dir: crash, app restart (attach), a password OBS no longer accepts.
describe('OBS engine: crash recovery and attaching after a restart (real OBS 29)', () => {
  let hub: TestHub;
  let states: StateRecorder;
  let anchor: ConnectedClient;
  let current: TestEngine | null = null;
  /** Every engine started here: afterAll stops them all, whatever failed. */
  const engines: TestEngine[] = [];
  const start = async () => {
    const e = await startTestEngine(hub, { dataDir: dataDir.path, relaunchInitialMs: 300 });
    engines.push(e);
    return e;
  };
  let raw: ReturnType<typeof rawObs>;
  const dataDir = makeTempDir('anchor-engine-recovery-');
  const extraPids: number[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    states = new StateRecorder(hub);
    anchor = await connectClient(hub.url, hub.anchorToken);
    current = await start();
    raw = rawObs(dataDir.path);
    await states.waitFor((s) => s.obs.status === 'connected', OBS_START_MS, 'OBS connected');
  }, 90_000);

  afterAll(async () => {
    anchor?.close();
    states?.close();
    await raw?.close();
    for (const e of engines) await e.stop().catch(() => undefined);
    killSessionProcesses(dataDir.path);
    for (const pid of [...extraPids, ...obsPidsFor(dataDir.path)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await hub?.stop();
    dataDir.remove();
  }, 30_000);

  it('kill -9 of OBS: relaunches and restores the scenes and the program scene, and the hub shows it (bench/obs-recovery.ts times it)', async () => {
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Workshop wide' })).toMatchObject({ ok: true });
    const before = readSession(dataDir.path)!;
    const mark = states.history.length;
    process.kill(before.pid, 'SIGKILL');

    // The control connection drops first ("reconnecting"), then the engine sees the exit and says so.
    const outage = await states.waitFor(
      (s) => s.obs.status === 'reconnecting' && /stopped unexpectedly/.test(s.obs.message ?? ''),
      QUICK_MS,
      'outage reported',
    );
    expect(outage.obs.message).toMatch(/stopped unexpectedly \(signal SIGKILL\)\. Restarting/);
    const recovered = await states.waitFor(
      (s) => s.obs.status === 'connected' && s.scenes.program === 'Workshop wide' && s.version > outage.version,
      OBS_RECOVERY_MS,
      'recovered',
    );
    expect(recovered.scenes.names).toEqual([...SHOW_SCENE_NAMES]);
    const after = readSession(dataDir.path)!;
    expect(after.pid).not.toBe(before.pid);
    expect(after.password).not.toBe(before.password);
    const { currentProgramSceneName } = await (await raw.get()).call('GetCurrentProgramScene');
    expect(currentProgramSceneName).toBe('Workshop wide');
    // What a UI saw, in order: connected, the outage, then connected again.
    const statuses = states.history.slice(mark).map((s) => s.obs.status);
    expect(statuses.indexOf('reconnecting')).toBeGreaterThanOrEqual(0);
    expect(statuses.lastIndexOf('connected')).toBeGreaterThan(statuses.indexOf('reconnecting'));
  }, 30_000);

  it('a dropped control connection (OBS still running) reconnects to the same OBS and resyncs', async () => {
    const pid = readSession(dataDir.path)!.pid;
    const mark = hub.store.current.version;
    // Cut the engine's websocket to OBS, as a network hiccup would (the engine is another process: the kernel does it).
    await raw.close();
    execFileSync('ss', ['-K', 'dst', '127.0.0.1', 'dport', '=', `:${readSession(dataDir.path)!.port}`]);
    const dropped = await states.waitFor((s) => s.obs.status === 'reconnecting' && s.version > mark, QUICK_MS, 'reconnecting');
    expect(dropped.obs.message).toMatch(/Lost the control connection/);
    await states.waitFor((s) => s.obs.status === 'connected' && s.version > dropped.version, QUICK_MS, 'reconnected');
    expect(readSession(dataDir.path)!.pid).toBe(pid);
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Q&A' })).toMatchObject({ ok: true });
  }, 30_000);

  it('restarting the engine while OBS runs attaches to it instead of starting a second OBS', async () => {
    const running = readSession(dataDir.path)!;
    const program = hub.store.current.scenes.program;
    await current!.stop({ keepObsRunning: true });
    current = null;
    expect(obsPidsFor(dataDir.path)).toEqual([running.pid]);
    // The engine said it was going and OBS stays; the hub says the engine is restarting.
    expect(hub.store.current.obs.status).toBe('engine-restarting');

    current = await start();
    const mark = hub.store.current.version;
    await states.waitFor((s) => s.obs.status === 'connected' && s.version > mark, QUICK_MS, 'attached');
    expect(current.logLines.some((l) => l.includes('attaching to running OBS') && l.includes(String(running.pid)))).toBe(true);
    expect(readSession(dataDir.path)!.pid).toBe(running.pid);
    expect(obsPidsFor(dataDir.path)).toEqual([running.pid]);
    expect(hub.store.current.scenes.program).toBe(program);
    expect(await sendCommand(anchor, 'scene.switch', { scene: 'Opening' })).toMatchObject({ ok: true });
  }, 30_000);

  it('a websocket password OBS refuses: clear message, no crash, and the engine takes its OBS back', async () => {
    const running = readSession(dataDir.path)!;
    await current!.stop({ keepObsRunning: true });
    current = null;
    extraPids.push(running.pid);
    writeFileSync(join(dataDir.path, SESSION_FILE), JSON.stringify({ ...running, password: 'not-the-password-obs-has' }), { mode: 0o600 });

    const mark = states.history.length;
    current = await start();
    const refused = await states.waitFor((s) => s.obs.status === 'error', QUICK_MS, 'password refused');
    expect(refused.obs.message).toMatch(/refused the studio's websocket password/);
    expect(refused.obs.message).not.toContain('not-the-password-obs-has');
    await states.waitFor((s) => s.obs.status === 'connected' && s.version > refused.version, OBS_REPLACE_MS, 'connected again');
    const fresh = readSession(dataDir.path)!;
    expect(fresh.pid).not.toBe(running.pid);
    expect(obsPidsFor(dataDir.path)).toEqual([fresh.pid]);
    expect(states.history.slice(mark).some((s) => s.obs.status === 'error')).toBe(true);
    expect(current.logLines.join('\n')).not.toContain(fresh.password);
  }, 60_000);
});
