import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';
import { stopChild } from './stop-child';
import { makeTempDir } from './temp-dir';
import { waitUntil } from './wait';

/** A throwaway redis-server on 127.0.0.1, nothing persisted, its working dir a temp dir that stop() removes. */
export interface RedisHandle {
  /** `redis://127.0.0.1:PORT` (no password, database 0). */
  readonly url: string;
  /** TCP port on 127.0.0.1 (kept across restart()). */
  readonly port: number;
  /** Pid of the running redis-server; undefined between kill() and restart(). */
  readonly pid: number | undefined;
  /** SIGKILLs redis-server (a crash: OOM killer, kill -9) and waits for it to exit; every key is lost. */
  kill(): Promise<void>;
  /** Stops redis-server if it runs and starts an empty one on the same port; resolves when it answers. */
  restart(): Promise<void>;
  /** SIGTERM (SIGKILL after 5 s), waits for the exit, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const SYSTEM_DEPS_HINT = 'run npm run system-deps';
/** redis-server answers within ~50 ms; the bound guards against a hang. */
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const INFO_TIMEOUT_MS = 1_000;

/**
 * Starts redis-server on a free loopback port (or `options.port`, to bring a server back where its clients expect it),
 * with no persistence (no RDB snapshots, no AOF). Resolves once it answers a command; rejects with its log otherwise.
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisHandle> {
  const port = options.port ?? (await freePort());
  const dir = makeTempDir('anchor-redis-');
  let log = '';
  let server: ChildProcess | undefined;

  const startServer = async (): Promise<void> => {
    // By full path, found on the test's own PATH (as nginx-rtmp does): a process under test may run with another PATH.
    const bin = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'redis-server')).find((p) => existsSync(p)) ?? 'redis-server';
    const child = spawn(
      bin,
      [
        ...['--port', String(port), '--bind', '127.0.0.1'],
        // No snapshot on SIGTERM or on a schedule, no AOF: nothing outlives the process. No config file: Debian's
        // /etc/redis/redis.conf (daemonize, pidfile, /var/log) is for the system service, not for us.
        ...['--save', '', '--appendonly', 'no'],
        // The log stays on stdout (shown when start fails); the dir is where redis would write anything at all.
        ...['--dir', dir.path, '--daemonize', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    const appendLog = (chunk: string) => {
      log = (log + chunk).slice(-8000);
    };
    child.stdout?.setEncoding('utf8').on('data', appendLog);
    child.stderr?.setEncoding('utf8').on('data', appendLog);
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'ENOENT' ? new Error(`redis-server not found: ${SYSTEM_DEPS_HINT} (Debian package redis-server).`) : err),
      );
      child.once('exit', (code, signal) => reject(new Error(`redis-server exited before it answered (code ${code}, signal ${signal}).\nlog:\n${log}`)));
    });
    exited.catch(() => undefined);
    try {
      const ours = async () => (await redisPid(port)) === child.pid;
      await Promise.race([exited, waitUntil(ours, READY_TIMEOUT_MS, `redis-server on 127.0.0.1:${port} to answer INFO`)]);
    } catch (err) {
      await stopServer();
      if (err instanceof Error && err.message.startsWith('timed out')) throw new Error(`${err.message}\nlog:\n${log}`);
      throw err;
    }
  };

  // SIGTERM is redis's clean shutdown; with no save points configured it writes nothing and exits at once.
  const stopServer = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const child = server;
    server = undefined;
    if (child) await stopChild(child, signal, STOP_GRACE_MS);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await stopServer();
    dir.remove();
  };

  try {
    await startServer();
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return server?.pid;
    },
    kill: () => stopServer('SIGKILL'),
    restart: async () => {
      if (stopped) throw new Error('redis: restart() after stop()');
      await stopServer();
      await startServer();
    },
    stop,
  };
}

/**
 * The pid of the redis-server answering on 127.0.0.1:port (from `INFO server`), or null when none answers right now. A
 * real command, not only a TCP connect; and the pid tells our server from another one already on the port.
 */
function redisPid(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (pid: number | null) => {
      socket.destroy();
      resolve(pid);
    };
    socket.setTimeout(INFO_TIMEOUT_MS, () => done(null));
    socket.once('connect', () => socket.write('INFO server\r\n'));
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk;
      // An error reply (-LOADING, -ERR) ends at its first line; the bulk reply holds "process_id:N" among its lines.
      if (reply.startsWith('-')) done(null);
      const match = /\r\nprocess_id:(\d+)\r\n/.exec(reply);
      if (match) done(Number(match[1]));
    });
    socket.once('error', () => done(null));
    socket.once('close', () => done(null));
  });
}
