import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { canConnect } from '../../helpers/nginx-rtmp';
import { startPostgres, type PostgresHandle } from '../../helpers/postgres';
import { startRedis, type RedisHandle } from '../../helpers/redis';

// The agency server runs on PostgreSQL and Redis; its integration tests start real ones through these helpers. Here
// the helpers themselves: a real round trip, and "stopped" meaning gone (no process in `ps`, the port closed, the temp
// dir removed), not "asked to go": a server left behind would hold its port and memory for the rest of the run.

/** Those of `pids` that `ps` still lists as running (a zombie waiting for init to reap it holds nothing). */
function runningPids(pids: readonly number[]): number[] {
  if (pids.length === 0) return [];
  const ps = spawnSync('ps', ['-o', 'pid=,stat=', '-p', pids.join(',')], { encoding: 'utf8' });
  if (ps.error) throw new Error(`ps failed (${ps.error.message}): run npm run system-deps (Debian package procps).`);
  return ps.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

/** True when `ipcs` lists a System V shared memory segment with this id (`ipcs -m -i` exits 0 either way). */
function shmExists(id: string): boolean {
  const ipcs = spawnSync('ipcs', ['-m'], { encoding: 'utf8' });
  return ipcs.stdout.split('\n').some((line) => line.trim().split(/\s+/)[1] === id);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

// No reconnecting: a test talks to a server it knows is up, and should fail at once if it is not.
const redisClient = (url: string) => createClient({ url, socket: { reconnectStrategy: false } });

async function withRedis<T>(url: string, fn: (client: ReturnType<typeof redisClient>) => Promise<T>): Promise<T> {
  const client = redisClient(url);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    client.destroy();
  }
}

describe('real PostgreSQL (tests/helpers/postgres.ts)', () => {
  let server: PostgresHandle | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('names npm run system-deps when the binaries are absent', async () => {
    await expect(startPostgres({ binDir: '/nonexistent' })).rejects.toThrow('not found in /nonexistent: run npm run system-deps');
  });

  it("fails at once with the server's log when its port is taken (not fooled by the server already there)", async () => {
    server = await startPostgres();
    await expect(startPostgres({ port: server.port })).rejects.toThrow(/postgres exited before it answered[\s\S]*server log:[\s\S]*Address already in use/);
  });

  it('round-trips rows over TCP on 127.0.0.1, then is gone after stop()', async () => {
    server = await startPostgres();
    expect(server.url).toBe(`postgres://anchor@127.0.0.1:${server.port}/anchor`);
    await query(server.url, 'CREATE TABLE studios (id serial PRIMARY KEY, name text NOT NULL)');
    await query(server.url, 'INSERT INTO studios (name) VALUES ($1), ($2)', ['north', '北']);
    const rows = await query<{ name: string }>(server.url, 'SELECT name FROM studios ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(['north', '北']);
    const [settings] = await query<{ listen: string; fsync: string; user: string }>(
      server.url,
      "SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync, current_user AS user",
    );
    expect(settings).toEqual({ listen: '127.0.0.1', fsync: 'off', user: 'anchor' });

    // Another database on the same server: how tests isolate without paying for another initdb.
    const other = await server.createDatabase('agency_two');
    expect(other).toBe(`postgres://anchor@127.0.0.1:${server.port}/agency_two`);
    expect(await query(other, "SELECT to_regclass('studios') AS t")).toEqual([{ t: null }]);

    const pids = server.processIds();
    // The postmaster plus its helpers (checkpointer, background writer, walwriter...).
    expect(pids.length).toBeGreaterThan(3);
    expect(pids[0]).toBe(server.pid);
    expect(runningPids([server.pid!])).toEqual([server.pid]);
    const { port, dataDir } = server;
    await server.stop();
    server = undefined;
    expect(runningPids(pids)).toEqual([]);
    expect(await canConnect(port)).toBe(false);
    expect(existsSync(dirname(dataDir))).toBe(false);
  });

  it('kill() takes every server process down at once; restart() brings the committed rows back on the same port', async () => {
    server = await startPostgres();
    await query(server.url, 'CREATE TABLE orders (id int PRIMARY KEY)');
    await query(server.url, 'INSERT INTO orders VALUES (1), (2), (3)');
    // A client still connected when the server dies, as the agency server's pool would be.
    const client = new pg.Client({ connectionString: server.url });
    const clientError = new Promise<Error>((resolve) => client.on('error', resolve));
    await client.connect();

    const pids = server.processIds();
    await server.kill();
    expect(server.pid).toBeUndefined();
    expect(runningPids(pids)).toEqual([]);
    expect(await canConnect(server.port)).toBe(false);
    expect((await clientError).message).toMatch(/terminated|ECONNRESET|Connection/i);
    await client.end().catch(() => undefined);

    await server.restart();
    expect(server.pid).toBeDefined();
    expect(await query(server.url, 'SELECT id FROM orders ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('kill() then stop() leaves nothing running, no directory and no shared memory', async () => {
    server = await startPostgres();
    const pids = server.processIds();
    const dir = dirname(server.dataDir);
    // postmaster.pid's 7th line: the key and id of the System V segment postgres keeps as an interlock. A killed server
    // cannot remove it; stop() must.
    const shmId = readFileSync(join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[6]!.trim().split(/\s+/)[1]!;
    expect(shmExists(shmId)).toBe(true);
    await server.kill();
    expect(shmExists(shmId)).toBe(true);
    await server.stop();
    server = undefined;
    expect(runningPids(pids)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(shmExists(shmId)).toBe(false);
  });
});

describe('real Redis (tests/helpers/redis.ts)', () => {
  let server: RedisHandle | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('names npm run system-deps when redis-server is absent', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedis()).rejects.toThrow('redis-server not found: run npm run system-deps');
    } finally {
      process.env.PATH = saved;
    }
  });

  it("fails at once with redis-server's log when its port is taken (not fooled by the server already there)", async () => {
    server = await startRedis();
    await expect(startRedis({ port: server.port })).rejects.toThrow(/redis-server exited before it answered[\s\S]*Address already in use/);
  });

  it('round-trips a key on 127.0.0.1 with nothing persisted, then is gone after stop()', async () => {
    server = await startRedis();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    await withRedis(server.url, async (client) => {
      await client.set('studio:north', 'on air');
      expect(await client.get('studio:north')).toBe('on air');
      expect(await client.configGet('save')).toEqual({ save: '' });
      expect(await client.configGet('appendonly')).toEqual({ appendonly: 'no' });
      expect(await client.configGet('bind')).toEqual({ bind: '127.0.0.1' });
    });

    const pid = server.pid!;
    expect(runningPids([pid])).toEqual([pid]);
    const { port } = server;
    await server.stop();
    server = undefined;
    expect(runningPids([pid])).toEqual([]);
    expect(await canConnect(port)).toBe(false);
  });

  it('kill() drops every key; restart() answers again, empty, on the same port', async () => {
    server = await startRedis();
    await withRedis(server.url, (client) => client.set('k', 'v'));
    const pid = server.pid!;
    await server.kill();
    expect(server.pid).toBeUndefined();
    expect(runningPids([pid])).toEqual([]);
    expect(await canConnect(server.port)).toBe(false);

    await server.restart();
    expect(server.pid).not.toBe(pid);
    expect(await withRedis(server.url, (client) => client.get('k'))).toBeNull();
  });
});
