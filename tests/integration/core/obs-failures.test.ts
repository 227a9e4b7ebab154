import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, sendCommand, startTestHub, type TestHub } from '../../helpers/hub';
import { isPidAlive } from '../../../electron/core/engine/obs-process';
import { obsPidsFor, startTestEngine, StateRecorder, type TestEngine } from '../../helpers/engine';
import { QUICK_MS } from '../../helpers/timeouts';
import { waitUntil } from '../../helpers/wait';

// Each case gets a clear obs.message in the hub state, and the studio keeps running.
describe('OBS engine: missing OBS, no display, unusable display (real OBS 29 where it starts)', () => {
  let hub: TestHub;
  let states: StateRecorder;
  let current: TestEngine | null = null;

  beforeAll(async () => {
    hub = await startTestHub();
    states = new StateRecorder(hub);
  });

  afterEach(async () => {
    if (!current) return;
    await current.cleanup();
    current = null;
  }, 30_000);

  afterAll(async () => {
    states?.close();
    await hub?.stop();
  });

  it('no OBS installed: a first-run message saying what to install; scene commands answer, the hub keeps working', async () => {
    current = await startTestEngine(hub, { locate: { userPath: '/nonexistent/obs', systemCandidates: [] } });
    const state = await states.waitFor((s) => s.obs.status === 'unavailable' && !!s.obs.message, QUICK_MS, 'unavailable');
    expect(state.obs.message).toMatch(/OBS Studio was not found/);
    expect(state.obs.message).toMatch(/apt install obs-studio/);
    expect(state.obs.message).toMatch(/\/nonexistent\/obs/);
    expect(state.obs.message).toMatch(/rehearsal mode/);
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const result = await sendCommand(anchor, 'scene.switch', { scene: 'Opening' });
    expect(result).toMatchObject({ ok: false });
    expect(await sendCommand(anchor, 'studio-mode.set', { enabled: true })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await sendCommand(anchor, 'show.rename', { title: 'Rehearsal' })).toMatchObject({ ok: true });
    anchor.close();
  });

  it('no display and no Xvfb: says so in plain words and does not start OBS', async () => {
    current = await startTestEngine(hub, { xvfbPath: null, env: { DISPLAY: '' } });
    const state = await states.waitFor((s) => s.obs.status === 'error', QUICK_MS, 'error');
    expect(state.obs.message).toMatch(/no screen \(no DISPLAY\) and Xvfb is not installed/);
    expect(obsPidsFor(current.dataDir)).toEqual([]);
  });

  it('stopping while OBS is still starting (frozen before its websocket is up) ends it and leaves no OBS behind', async () => {
    const engine = await startTestEngine(hub);
    current = engine;
    const mark = states.history.length;
    // The OBS process exists; SIGSTOP keeps it from ever getting its websocket up, so it is still starting when the
    // stop arrives however fast or slow this machine is (and it cannot even take the polite SIGINT).
    const pid = await waitUntil(() => obsPidsFor(engine.dataDir)[0], QUICK_MS, 'an OBS process');
    process.kill(pid, 'SIGSTOP');
    await states.waitFor((s) => s.obs.status === 'starting', QUICK_MS, 'starting');
    await engine.stop();
    const seen = states.history.slice(mark).map((s) => s.obs.status);
    expect(seen, 'OBS got as far as connected: the stop did not come while it was starting').not.toContain('connected');
    expect(isPidAlive(pid)).toBe(false);
    expect(obsPidsFor(engine.dataDir)).toEqual([]);
    expect(hub.store.current.obs.status).toBe('unavailable');
  });

  it('a display OBS cannot open: OBS exits at startup, the message says why, and the engine keeps retrying quietly', async () => {
    current = await startTestEngine(hub, { env: { DISPLAY: ':97' }, relaunchInitialMs: 2000 });
    const state = await states.waitFor(
      (s) => s.obs.status === 'error' && /could not open the screen/.test(s.obs.message ?? ''),
      QUICK_MS,
      'display error',
    );
    expect(state.obs.message).toMatch(/DISPLAY=:97/);
    expect(hub.store.current.obs.status).toBe('error');
  }, 40_000);
});
