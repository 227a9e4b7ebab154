import { spawn, type ChildProcess } from 'node:child_process';
import { CHILD_V8_FLAGS } from '../../electron/studio/studio-child';

/** A hub running as its own OS process (`electron/studio/hub-cli.ts` under tsx), so a test can SIGKILL it. */
export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** Kills it with SIGKILL (no shutdown code runs) and waits for the exit. */
  kill(): Promise<void>;
  /** Asks it to stop (SIGTERM: graceful close) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx electron/studio/hub-cli.ts` directly (not through npx, whose wrapper would survive a SIGKILL of
 * the wrong pid) and resolves once it prints that it is ready.
 */
export function startHubProcess(options: {
  port: number;
  dataDir: string;
  anchorToken: string;
  /** The chat bridges' secret. */
  ingestSecret: string;
  /** The orders endpoint's secret. */
  ordersSecret: string;
  /** Built UI to serve (`--ui`). */
  uiDir?: string;
}): Promise<HubProcess> {
  // The V8 options the studio starts its hub with, so what is measured here is what ships.
  const args = [...CHILD_V8_FLAGS.hub, '--import', 'tsx', 'electron/studio/hub-cli.ts', '--port', String(options.port), '--data', options.dataDir];
  if (options.uiDir) args.push('--ui', options.uiDir);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ANCHOR_ADMIN_TOKEN: options.anchorToken, ANCHOR_INGEST_SECRET: options.ingestSecret, ANCHOR_ORDERS_SECRET: options.ordersSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Hub ready at (\S+)/.exec(output);
      if (ready) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: ready[1]!, child, kill: () => waitExit('SIGKILL'), stop: () => waitExit('SIGTERM') });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code, signal) => reject(new Error(`The hub process exited before it was ready (${code ?? signal}):\n${output.slice(-2000)}`)));
  });
}
