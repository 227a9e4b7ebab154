import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

/** Waits until the child's stdout matches, or fails with what it printed. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no match for ${pattern} in:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${out}`)));
  });
}

describe('npm start without an Electron binary (this machine)', () => {
  let child: ChildProcess | null = null;
  const data = makeTempDir('anchor-start-');
  afterEach(() => {
    child?.kill('SIGKILL');
    data.remove();
  });

  it('runs the studio headless, prints the URL with a token, serves the UI, and stops cleanly on SIGINT', async () => {
    // `npm test` builds the UI and the shell before the tests run.
    expect(existsSync('dist/main/headless.cjs')).toBe(true);
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, ANCHOR_DATA_DIR: data.path, ANCHOR_ADMIN_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, base, token] = await waitForOutput(child, /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{20,})/, 20_000);
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const state = await fetch(`${base}/api/v1/state`, { headers: { Authorization: `Bearer ${token}` } });
    expect(state.status).toBe(200);
    expect(existsSync(`${data.path}/studio.db`)).toBe(true);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    child = null;
  });
});
