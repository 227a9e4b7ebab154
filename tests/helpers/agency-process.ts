import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** An agency node running the built bundle as its own OS process (what `npm run agency` runs), so a test can kill -9 it. */
export interface AgencyProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The first admin's token when this node created it (printed once), else null. */
  adminToken: string | null;
  /** Everything it printed. */
  output(): string;
  /** SIGKILL (no shutdown code runs), and waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), and waits for the exit. */
  stop(): Promise<void>;
}

const BUNDLE = fileURLToPath(new URL('../../dist/agency/agency.cjs', import.meta.url));

/** Starts `node dist/agency/agency.cjs` with the given environment; resolves once it says it is ready. */
export function startAgencyProcess(env: { dataDir: string; databaseUrl?: string; redisUrl?: string; port?: number }, timeoutMs = 60_000): Promise<AgencyProcess> {
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      PATH: process.env.PATH,
      AGENCY_DATA_DIR: env.dataDir,
      AGENCY_PORT: String(env.port ?? 0),
      AGENCY_NAME: 'Cluster MCN',
      ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
      ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`agency node did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!ready) return;
      // The admin link follows the ready line in the same write when this node created the first admin.
      setTimeout(() => {
        clearTimeout(timer);
        resolve({
          url: ready[1]!,
          port: Number(ready[2]),
          child,
          adminToken: /#token=(agt_[\w-]+)/.exec(output)?.[1] ?? null,
          output: () => output,
          kill: () => waitExit('SIGKILL'),
          stop: () => waitExit('SIGTERM'),
        });
      }, 100);
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => (output += more.toString()));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`agency node exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}
