import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StudioState } from '../../../electron/core/domain/studio-state';
import { isPidAlive, readSession } from '../../../electron/core/engine/obs-process';
import { killSessionProcesses, obsPidsFor } from '../../helpers/engine';
import { postCommand } from '../../helpers/hub';
import { ffprobeStreams, startNginxRtmp, type NginxRtmpHandle } from '../../helpers/nginx-rtmp';
import { makeTempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait';

// What a user does, with the product as it ships: `npm start` (it builds, then runs the built studio headless here,
// OBS on by default), open the URL, switch a scene, go live, end the show, Ctrl+C. Nothing of the studio's is left.
describe('npm start, as a user runs it (built studio, real OBS, nginx-rtmp)', () => {
  const data = makeTempDir('anchor-product-');
  let child: ChildProcess | null = null;
  let nginx: NginxRtmpHandle | null = null;
  let output = '';

  afterAll(async () => {
    if (child?.pid) for (const pid of processGroup(child.pid)) process.kill(pid, 'SIGKILL');
    killSessionProcesses(join(data.path, 'engine'));
    for (const pid of obsPidsFor(join(data.path, 'engine'))) process.kill(pid, 'SIGKILL');
    await nginx?.stop();
    data.remove();
  }, 30_000);

  it('starts with OBS, switches a scene, goes live and ends the show, and leaves nothing running after Ctrl+C', async () => {
    nginx = await startNginxRtmp();
    // Its own process group, as a terminal gives it: Ctrl+C is SIGINT to the whole group.
    child = spawn('npm', ['start'], {
      env: { ...process.env, ANCHOR_DATA_DIR: data.path, ANCHOR_ADMIN_TOKEN: '', ANCHOR_OBS: '', ANCHOR_OBS_PROFILE: 'test', DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const [, base, token] = await waitUntil(() => /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{20,})/.exec(output), 120_000, `the URL in:\n${output}`);
    expect(output).toContain('Video: OBS Studio (');

    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const state = async () => (await (await fetch(`${base}/api/v1/state`, { headers: { Authorization: `Bearer ${token}` } })).json()) as StudioState;
    const connected = await waitUntil(async () => {
      // A studio process that crashes is restarted forever; the test says so at once instead of waiting.
      const crash = /"msg":"[^"]*process crashed[^"]*"[^\n]*/.exec(output);
      if (crash) throw new Error(`a studio process crashed: ${crash[0].slice(0, 600)}`);
      const s = await state();
      return s.obs.status === 'connected' && s.scenes.names.length > 1 && s;
    }, 90_000, 'OBS connected');
    const scene = connected.scenes.names.find((n) => n !== connected.scenes.program)!;
    expect((await postCommand(base!, token!, 'scene.switch', { scene })).status).toBe(200);
    expect((await state()).scenes.program).toBe(scene);

    const key = 'KEY-product-test-4d2a9c';
    expect((await postCommand(base!, token!, 'destination.add', { name: 'Platform', platform: 'custom', server: `rtmp://127.0.0.1:${nginx.port}/live`, key })).status).toBe(200);
    const live = await postCommand(base!, token!, 'show.goLive', {});
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    const probed = await ffprobeStreams(nginx.url('live', key), 20_000);
    expect(probed.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect((await postCommand(base!, token!, 'show.end', {})).status).toBe(200);
    expect((await state()).output.show.phase).toBe('off-air');

    // Everything the studio runs: its own processes (one group), OBS and its virtual screen (their own groups).
    const session = readSession(join(data.path, 'engine'))!;
    const group = processGroup(child.pid!);
    expect(group.length).toBeGreaterThanOrEqual(3); // npm, the studio, its hub and engine (and a shell between)
    process.kill(-child.pid!, 'SIGINT');
    // npm itself ends on the signal at once; the studio takes a moment to end the show and stop OBS.
    await waitUntil(() => processGroup(child!.pid!).length === 0, 30_000, 'every process of the studio to exit');
    child = null;
    for (const pid of [...group, session.pid, session.display!.pid]) expect(isPidAlive(pid), `pid ${pid} still runs`).toBe(false);
    expect(output).toContain('"msg":"hub stopped"');
    expect(obsPidsFor(join(data.path, 'engine'))).toEqual([]);
    expect(output).not.toContain(key);
  }, 180_000);
});

/** Pids of the processes in a process group (Linux /proc). */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}
