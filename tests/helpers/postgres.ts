import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { isPidAlive } from '../../electron/core/engine/obs-process';
import { freePort } from './free-port';
import { stopChild } from './stop-child';
import { makeTempDir } from './temp-dir';
import { waitUntil, withTimeout } from './wait';

/** A throwaway PostgreSQL server on 127.0.0.1, trust auth, its data in a temp dir that stop() removes. */
export interface PostgresHandle {
  /** `postgres://anchor@127.0.0.1:PORT/anchor`: the database `database`, as the superuser `user`, no password. */
  readonly url: string;
  /** TCP port on 127.0.0.1 (kept across restart()). */
  readonly port: number;
  /** The database created at start. */
  readonly database: string;
  /** The superuser every URL logs in as (trust auth: no password). */
  readonly user: string;
  /** The data directory (inside the temp dir that stop() removes). */
  readonly dataDir: string;
  /** Pid of the running postmaster; undefined between kill() and restart(). */
  readonly pid: number | undefined;
  /** Pids of the postmaster and its children (backends, checkpointer, walwriter...) right now. */
  processIds(): number[];
  /** Creates another database on this server and returns its URL (a database is ~100 ms, a server ~2 s). */
  createDatabase(name: string): Promise<string>;
  /** SIGKILLs the postmaster and all its children at once (a crash: OOM killer, kill -9); committed rows stay for restart(). */
  kill(): Promise<void>;
  /** Stops the server if it runs (fast shutdown), starts it again on the same port and data; resolves when it answers. */
  restart(): Promise<void>;
  /** Fast shutdown (SIGINT, SIGKILL after 10 s), waits until every server process is gone, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** What startPostgres may be told; every field is optional. */
export interface PostgresOptions {
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Directory holding `initdb` and `postgres` (default: see findPostgresBinDir). */
  binDir?: string;
  /** Name of the database created at start (default `anchor`). */
  database?: string;
  /** Extra server settings, passed as `-c name=value` after the test defaults (so they win). */
  settings?: Record<string, string | number>;
}

const SYSTEM_DEPS_HINT = 'run npm run system-deps';
const USER = 'anchor';
/** initdb plus the first start: about 2 s on the 2-core test machine; the bound guards against a hang. */
const READY_TIMEOUT_MS = 30_000;
const INITDB_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
/** Debian installs each major version's binaries here, off PATH (postgresql-common wraps them). */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * Finds the directory with `initdb` and `postgres`: Debian's newest /usr/lib/postgresql/N/bin (what the install script
 * installs), else the directory of a `postgres` on PATH (other systems). Null when there is none.
 */
export function findPostgresBinDir(): string | null {
  const hasBoth = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  if (existsSync(DEBIAN_ROOT)) {
    const versions = readdirSync(DEBIAN_ROOT)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (hasBoth(join(DEBIAN_ROOT, version, 'bin'))) return join(DEBIAN_ROOT, version, 'bin');
  }
  return (process.env.PATH ?? '').split(delimiter).find((dir) => dir !== '' && hasBoth(dir)) ?? null;
}

/**
 * Starts a PostgreSQL server for one test file: initdb into a temp dir, trust auth for the superuser `anchor`, listening
 * on 127.0.0.1 only (its unix socket inside the temp dir, never /var/run/postgresql), no fsync (committed rows survive
 * a killed server, not a crashed machine), a database created. Resolves once that database answers a query; rejects
 * with the server's log otherwise. As root, the server runs as the `postgres` system user (postgres refuses root).
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresHandle> {
  const binDir = options.binDir ?? findPostgresBinDir();
  if (!binDir || !existsSync(join(binDir, 'initdb')) || !existsSync(join(binDir, 'postgres'))) {
    throw new Error(`PostgreSQL (initdb, postgres) not found${options.binDir ? ` in ${options.binDir}` : ''}: ${SYSTEM_DEPS_HINT} (Debian package postgresql).`);
  }
  const owner = serverUser();
  const port = options.port ?? (await freePort());
  const database = options.database ?? USER;
  const dir = makeTempDir('anchor-pg-');
  const dataDir = join(dir.path, 'data');
  const socketDir = join(dir.path, 'socket');
  // The server user must be able to write its data and socket; root can remove them all the same.
  mkdirSync(socketDir);
  if (owner) for (const path of [dir.path, socketDir]) chownSync(path, owner.uid, owner.gid);

  let log = '';
  const appendLog = (chunk: string) => {
    log = (log + chunk).slice(-8000);
  };
  const serverLog = () => log || '(empty)';
  const spawnAs = (bin: string, args: string[]) => {
    const child = spawn(join(binDir, bin), args, {
      // cwd the server user can read: initdb resolves paths from it ("could not identify current directory").
      cwd: dir.path,
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(owner ?? {}),
    });
    child.stdout?.setEncoding('utf8').on('data', appendLog);
    child.stderr?.setEncoding('utf8').on('data', appendLog);
    return child;
  };

  const hostUrl = (db: string) => `postgres://${USER}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  let server: ChildProcess | undefined;

  const startServer = async (): Promise<void> => {
    const args = ['-D', dataDir, '-p', String(port), '-k', socketDir];
    for (const [name, value] of Object.entries({ ...TEST_SETTINGS, ...options.settings })) args.push('-c', `${name}=${value}`);
    // Run in the foreground as our child (no pg_ctl): its pid is the postmaster's, and its exit is an event.
    const child = spawnAs('postgres', args);
    server = child;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`postgres exited before it answered (code ${code}, signal ${signal}).\nserver log:\n${serverLog()}`)));
    });
    exited.catch(() => undefined);
    try {
      const ours = async () => (await dataDirectoryAt(hostUrl('postgres'))) === dataDir;
      await Promise.race([exited, waitUntil(ours, READY_TIMEOUT_MS, `postgres on 127.0.0.1:${port} to answer a query`, 100)]);
    } catch (err) {
      await stopServer();
      if (err instanceof Error && err.message.startsWith('timed out')) throw new Error(`${err.message}\nserver log:\n${serverLog()}`);
      throw err;
    }
  };

  // SIGINT is postgres's fast shutdown: it disconnects clients instead of waiting for them (SIGTERM, smart shutdown,
  // would wait for every pool a test forgot to end).
  const stopServer = async (): Promise<void> => {
    const child = server;
    server = undefined;
    if (!child) return;
    const pids = serverProcessIds(child.pid);
    await stopChild(child, 'SIGINT', STOP_GRACE_MS);
    await waitGone(pids);
  };

  const killServer = async (): Promise<void> => {
    const child = server;
    server = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    // Freeze the postmaster first so it forks nothing between listing its children and killing them. Each child is its
    // own process group (postgres calls setsid), so a group kill would not reach them.
    killQuietly(child.pid, 'SIGSTOP');
    const pids = serverProcessIds(child.pid);
    for (const pid of pids) killQuietly(pid);
    await waitGone(pids);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await stopServer();
    // After kill() nobody removed the small System V segment postgres keeps as an interlock; a restart would have.
    removeOrphanedSharedMemory(dataDir);
    dir.remove();
  };

  try {
    const initdb = spawnAs('initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions']);
    const done = new Promise<number | null>((resolve, reject) => {
      initdb.once('error', reject);
      initdb.once('exit', (c) => resolve(c));
    });
    const code = await withTimeout(done, INITDB_TIMEOUT_MS, 'initdb').catch(async (err: unknown) => {
      await stopChild(initdb, 'SIGKILL', STOP_GRACE_MS);
      throw err;
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}); is ${dir.path} reachable by the server user?\n${serverLog()}`);
    await startServer();
    await createDatabase(hostUrl('postgres'), database);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url: hostUrl(database),
    port,
    database,
    user: USER,
    dataDir,
    get pid() {
      return server?.pid;
    },
    processIds: () => serverProcessIds(server?.pid),
    createDatabase: async (name: string) => {
      await createDatabase(hostUrl('postgres'), name);
      return hostUrl(name);
    },
    kill: killServer,
    restart: async () => {
      if (stopped) throw new Error('postgres: restart() after stop() (the data dir is gone)');
      await stopServer();
      await startServer();
    },
    stop,
  };
}

/** Test settings: disk durability traded for speed, memory kept small (2 cores, many servers in one run). */
const TEST_SETTINGS: Record<string, string | number> = {
  listen_addresses: '127.0.0.1',
  // Writes still reach the OS at commit, only never its disk: a killed server keeps every committed row (kill() tests
  // depend on that), only a machine crash would lose them. synchronous_commit stays on for the same reason.
  fsync: 'off',
  full_page_writes: 'off',
  shared_buffers: '16MB',
  huge_pages: 'off',
  // Dynamic shared memory as files in the data dir, not /dev/shm: a killed server leaves nothing there.
  dynamic_shared_memory_type: 'mmap',
  // The log goes to our pipe (shown when start fails), not to files in the data dir.
  logging_collector: 'off',
};

/** The uid/gid to run the server as when we are root (postgres refuses root), or null to run as ourselves. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`Running as root, but there is no postgres user to run the server as (postgres refuses root): ${SYSTEM_DEPS_HINT} (Debian package postgresql creates it).`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Our environment without PG* variables (PGDATA, PGPORT... would steer initdb and the server elsewhere). */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

/**
 * The data directory of the server answering at `url`, or null when none answers right now. A real query, not only a
 * TCP connect; and the directory tells our server from another one already on the port.
 */
async function dataDirectoryAt(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  // A server going down mid-check emits 'error' on the client; the failed query says so already.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return rows[0]?.dir ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (name !== 'postgres') await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The postmaster `pid` and its children (from /proc: the children are not in its process group). */
function serverProcessIds(pid: number | undefined): number[] {
  if (pid === undefined || !isPidAlive(pid)) return [];
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while we listed it.
    }
  }
  return [pid, ...children];
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resolves once none of `pids` runs (zombies count as gone: our container's init may never reap them). */
async function waitGone(pids: number[]): Promise<void> {
  if (pids.length === 0) return;
  await waitUntil(() => pids.every((pid) => !isPidAlive(pid)), STOP_GRACE_MS, `postgres processes ${pids.join(', ')} to exit`);
}

/**
 * A server that did not shut down cleanly leaves its interlock System V segment (postmaster.pid's 7th line: key and
 * id). Removes it, or the host collects one per kill() test run.
 */
function removeOrphanedSharedMemory(dataDir: string): void {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return; // A clean shutdown removes the file along with the segment.
  }
  const shmId = lines[6]?.trim().split(/\s+/)[1];
  if (shmId && /^\d+$/.test(shmId)) spawnSync('ipcrm', ['-m', shmId], { stdio: 'ignore' });
}
