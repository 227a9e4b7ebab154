import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioState } from '../../electron/core/domain/studio-state';
import type { CommandResult } from '../../electron/core/protocol';
import { startTestEngine, StateRecorder, type TestEngine } from '../helpers/engine';
import { postCommand, startTestHub, type TestHub } from '../helpers/hub';
import { ffprobeStreams, startNginxRtmp, type NginxRtmpHandle } from '../helpers/nginx-rtmp';
import { makeTempDir } from '../helpers/temp-dir';
import { OBS_RECOVERY_MS, OBS_RESTART_MS, OBS_START_MS } from '../helpers/timeouts';

// Where another program of this computer could read a stream key: any process's arguments (/proc/<pid>/cmdline, what
// `ps` shows to every local user) and the files the studio and its OBS write. A real hub, the built engine, a real OBS
// under Xvfb and two nginx-rtmp servers as the platforms; keys planted and searched for byte by byte.

/** Every process's command line that holds one of the keys (pid: arguments), on this whole machine. */
function argvHolding(keys: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    if (keys.some((k) => cmdline.includes(k))) found.push(`${entry}: ${cmdline.split('\0').join(' ')}`);
  }
  return found;
}

/** Every regular file under the folders that holds one of the keys. */
function filesHolding(dirs: string[], keys: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) {
        const bytes = readFileSync(path);
        if (keys.some((k) => bytes.includes(Buffer.from(k)))) found.push(path);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return found;
}

describe('stream keys: never on a command line, never in a plain file', () => {
  let hub: TestHub;
  let engine: TestEngine;
  let states: StateRecorder;
  let serverA: NginxRtmpHandle;
  let serverB: NginxRtmpHandle;
  const keyA = 'KEYA-argv-7c1d93e2b0';
  const keyB = 'KEYB-argv-51fa0c8e64';
  const ids = { a: '', b: '' };
  const command = async (name: string, payload: object = {}): Promise<CommandResult> => (await postCommand(hub.url, hub.anchorToken, name, payload)).body;
  const liveEverywhere = (s: StudioState) => s.output.engine?.mode === 'relay' && s.output.engine.destinations.length === 2 && s.output.engine.destinations.every((d) => d.status === 'live');

  beforeAll(async () => {
    serverA = await startNginxRtmp();
    serverB = await startNginxRtmp();
    hub = await startTestHub();
    states = new StateRecorder(hub);
    engine = await startTestEngine(hub, { output: { fanout: { initialBackoffMs: 300, maxBackoffMs: 1000 } } });
    await states.waitFor((s) => s.obs.status === 'connected' && s.output.engine !== null, OBS_START_MS, 'OBS connected');
    for (const [id, server, key] of [['a', serverA, keyA], ['b', serverB, keyB]] as const) {
      const added = await command('destination.add', { name: `Server ${id}`, platform: 'custom', server: `rtmp://127.0.0.1:${server.port}/live`, key });
      ids[id] = (added as { data: { id: string } }).data.id;
    }
  }, 120_000);

  afterAll(async () => {
    states?.close();
    await engine?.cleanup();
    await hub?.stop();
    await serverA?.stop();
    await serverB?.stop();
  }, 60_000);

  it('live to two destinations: no argv and no file holds a key, also right after the engine is killed mid-show and once it is back', async () => {
    const live = await command('show.goLive');
    expect(live, JSON.stringify(live)).toMatchObject({ ok: true });
    for (const [server, key] of [[serverA, keyA], [serverB, keyB]] as const) {
      expect((await ffprobeStreams(server.url('live', key), 20_000)).some((s) => s.codec_type === 'video')).toBe(true);
    }
    await states.waitFor(liveEverywhere, 20_000, 'both destinations live');
    expect(argvHolding([keyA, keyB])).toEqual([]);
    expect(filesHolding([engine.dataDir, hub.dataDir], [keyA, keyB])).toEqual([]);

    const enginePid = engine.process.pid;
    engine.process.kill('SIGKILL');
    expect(filesHolding([engine.dataDir, hub.dataDir], [keyA, keyB])).toEqual([]);
    // The supervisor starts a new engine, which attaches to OBS and sends to both again.
    await states.waitFor((s) => s.output.engine === null || !liveEverywhere(s), OBS_RECOVERY_MS, 'the engine outage seen');
    await states.waitFor(liveEverywhere, OBS_RESTART_MS, 'both destinations live again');
    expect(engine.process.pid).not.toBe(enginePid);
    expect((await ffprobeStreams(serverB.url('live', keyB), 20_000)).some((s) => s.codec_type === 'video')).toBe(true);
    expect(argvHolding([keyA, keyB])).toEqual([]);
    expect(filesHolding([engine.dataDir, hub.dataDir], [keyA, keyB])).toEqual([]);
    expect(await command('show.end')).toMatchObject({ ok: true });
  }, 180_000);

  it("one destination goes through OBS's own output: the key is in OBS's memory and its profile while live, never in the engine's restore file", async () => {
    expect(await command('destination.enable', { id: ids.b, isEnabled: false })).toMatchObject({ ok: true });
    expect(await command('show.goLive')).toMatchObject({ ok: true });
    expect((await ffprobeStreams(serverA.url('live', keyA), 20_000)).some((s) => s.codec_type === 'video')).toBe(true);
    expect(hub.store.current.output.engine?.mode).toBe('direct');
    expect(readFileSync(join(engine.dataDir, 'engine-desired.json'), 'utf8')).toContain('"isLive":true');
    expect(filesHolding([engine.dataDir, hub.dataDir], [keyA]).map((f) => f.slice(engine.dataDir.length))).toEqual([
      '/obs-config/obs-studio/basic/profiles/AnchorTest/service.json',
    ]);
    expect(argvHolding([keyA])).toEqual([]);
    expect(await command('show.end')).toMatchObject({ ok: true });
    expect(filesHolding([engine.dataDir, hub.dataDir], [keyA])).toEqual([]);
  }, 120_000);
});

describe("a key OBS saved before a crash does not outlive the next launch", () => {
  const scratch = makeTempDir('anchor-keys-crash-');
  let hub: TestHub;
  let engine: TestEngine | null = null;
  afterAll(async () => {
    await engine?.cleanup();
    await hub?.stop();
    scratch.remove();
  }, 60_000);

  it("clears the studio's profiles' stream settings before OBS starts", async () => {
    // What a studio killed mid-show (power cut) leaves: OBS's profile with the key it was streaming with.
    const profile = join(scratch.path, 'obs-config/obs-studio/basic/profiles/AnchorTest');
    mkdirSync(profile, { recursive: true });
    const stale = 'KEY-left-by-a-crash-93ab17';
    for (const name of ['service.json', 'service.json.bak']) {
      writeFileSync(join(profile, name), JSON.stringify({ type: 'rtmp_custom', settings: { server: 'rtmp://example.com/live', key: stale } }));
    }
    hub = await startTestHub();
    const states = new StateRecorder(hub);
    engine = await startTestEngine(hub, { dataDir: scratch.path });
    await states.waitFor((s) => s.obs.status === 'connected', OBS_START_MS, 'OBS connected');
    states.close();
    expect(filesHolding([scratch.path], [stale])).toEqual([]);
    expect(JSON.parse(readFileSync(join(profile, 'service.json'), 'utf8'))).toMatchObject({ settings: { key: '' } });
  }, 120_000);
});
