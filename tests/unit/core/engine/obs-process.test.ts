import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSession, explainStartupExit, readLogTail, readSession, writeSession } from '../../../../electron/core/engine/obs-process';
import { displayProblem } from '../../../../electron/core/engine/virtual-display';
import { makeTempDir } from '../../../helpers/temp-dir';

describe('OBS process helpers', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const temp = () => {
    const d = makeTempDir('anchor-engine-unit-');
    dirs.push(d);
    return d.path;
  };

  it('keeps the session (with the websocket password) in a 0600 file, and forgets it', () => {
    const dir = temp();
    const session = { pid: 42, port: 4455, password: 'pw', binary: '/usr/bin/obs', version: { major: 29, minor: 0, patch: 2 }, display: null, startedAt: 1 };
    writeSession(dir, session);
    expect(statSync(join(dir, 'obs-session.json')).mode & 0o777).toBe(0o600);
    expect(readSession(dir)).toEqual(session);
    clearSession(dir);
    expect(readSession(dir)).toBeNull();
    writeFileSync(join(dir, 'obs-session.json'), '{"pid":"x"}');
    expect(readSession(dir)).toBeNull();
  });

  it('reads the end of OBS log with secrets removed', () => {
    const dir = temp();
    const log = join(dir, 'obs.log');
    writeFileSync(log, `${'x'.repeat(20_000)}\nServerPassword=hunter2-secret\nlast line\n`);
    const tail = readLogTail(log, ['hunter2-secret'], 100);
    expect(tail).toContain('last line');
    expect(tail).not.toContain('hunter2-secret');
    expect(tail.length).toBeLessThanOrEqual(100);
  });

  it('explains startup exits in plain words', () => {
    expect(explainStartupExit('info: Unable to open X display\n', ':97')).toMatch(/could not open the screen \(DISPLAY=:97\)/);
    expect(explainStartupExit('warning: something odd\nerror: boom\n', ':0')).toMatch(/stopped while starting \(last log line: error: boom\)/);
  });

  it('needs a display only on Linux, and says what to install when there is none', () => {
    expect(displayProblem('win32', {}, null)).toBeNull();
    expect(displayProblem('linux', { DISPLAY: ':0' }, null)).toBeNull();
    expect(displayProblem('linux', {}, '/usr/bin/Xvfb')).toBeNull();
    expect(displayProblem('linux', {}, null)).toMatch(/apt install xvfb/);
  });
});
