import { statfs } from 'node:fs/promises';
import { connect } from 'node:net';
import type { ReachProbe } from '../domain/preflight';

/** How long a reachability probe waits for the server to accept TCP. */
export const REACH_TIMEOUT_MS = 3000;

/**
 * Opens a TCP connection to host:port and closes it at once: proves DNS, routing and a listening server without
 * speaking RTMP (and without sending the key anywhere). The reason is plain words.
 */
export function probeTcp(host: string, port: number, timeoutMs = REACH_TIMEOUT_MS): Promise<ReachProbe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (probe: ReachProbe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: `no answer from ${host}:${port} within ${timeoutMs / 1000} s (a firewall, or the wrong host or port).` }),
      timeoutMs,
    );
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, reason: explainSocketError(err, host, port) }));
  });
}

/** Plain words for a socket error code. */
export function explainSocketError(err: NodeJS.ErrnoException, host: string, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `${host}:${port} refused the connection (nothing listens there: wrong port, or the server is down).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name ${host} was not found (check the spelling and the internet connection).`;
    case 'ETIMEDOUT':
      return `no answer from ${host}:${port} (a firewall, or the wrong host or port).`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `there is no network route to ${host} (check the internet connection).`;
    default:
      return `could not connect to ${host}:${port} (${err.code ?? err.message}).`;
  }
}

/** Free bytes on the disk holding `dir` (for the backup recording), or null when unknown. */
export async function freeDiskBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
