import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from '../../electron/core/engine/child-env';
import { readSession } from '../../electron/core/engine/obs-process';
import { startTestEngine, StateRecorder, type TestEngine } from '../helpers/engine';
import { startTestHub, type TestHub } from '../helpers/hub';
import { OBS_START_MS } from '../helpers/timeouts';

const PLANTED = { ANCHOR_TIKTOK_APP_SECRET: 'planted-app-secret-51c0', SHOP_API_TOKEN: 'planted-shop-token-77aa' };

/** A process's environment as the kernel holds it (what any program of the same user can read). */
function environOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
}

describe("helper programs never inherit the studio's secrets", () => {
  it('keeps the user environment and drops ANCHOR_* and secret-named variables', () => {
    const env = childEnv({ PATH: '/usr/bin', HOME: '/home/a', DISPLAY: ':1', ANCHOR_ADMIN_TOKEN: 't', ANCHOR_FFMPEG: '/x', GITHUB_TOKEN: 'g', MY_PASSWORD: 'p', AWS_ACCESS_KEY_ID: 'k' }, { XDG_CONFIG_HOME: '/c' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/a', DISPLAY: ':1', XDG_CONFIG_HOME: '/c' });
  });

  describe('a real OBS and its Xvfb, started by the built engine', () => {
    let hub: TestHub;
    let engine: TestEngine;
    let states: StateRecorder;
    beforeAll(async () => {
      Object.assign(process.env, PLANTED);
      hub = await startTestHub();
      states = new StateRecorder(hub);
      engine = await startTestEngine(hub);
      await states.waitFor((s) => s.obs.status === 'connected', OBS_START_MS, 'OBS connected');
    }, 90_000);
    afterAll(async () => {
      for (const name of Object.keys(PLANTED)) delete process.env[name];
      states?.close();
      await engine?.cleanup();
      await hub?.stop();
    }, 60_000);

    it('the engine has the planted variables; OBS and Xvfb do not', () => {
      const session = readSession(engine.dataDir)!;
      const enginePid = engine.process.pid!;
      expect(environOf(enginePid)).toContain(`SHOP_API_TOKEN=${PLANTED.SHOP_API_TOKEN}`);
      for (const [what, pid] of [['OBS', session.pid], ['Xvfb', session.display!.pid]] as const) {
        const environ = environOf(pid);
        expect(environ.some((v) => v.startsWith('PATH=')), `${what} keeps PATH`).toBe(true);
        for (const value of Object.values(PLANTED)) expect(environ.join('\n'), `${what} (pid ${pid})`).not.toContain(value);
      }
    });
  });
});
