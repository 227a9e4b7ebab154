import { createServer, type Server, type Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Logger } from './logger';

/** The hub's optional LAN listener: off until the anchor turns it on; closing it drops every LAN connection. */
export interface LanSharing {
  /** Starts listening on the LAN addresses (same port as loopback); returns the base URLs co-hosts use. */
  enable(): Promise<string[]>;
  /** Stops listening on the LAN and drops the connections that came through it. */
  disable(): Promise<void>;
  readonly urls: string[];
  /** True for a connection accepted on a LAN address (the hub sends such windows fewer monitor frames). */
  carries(connection: Socket): boolean;
}

/** Non-internal IPv4 addresses of this machine (where phones and laptops on the same Wi-Fi can reach it). */
export function lanIPv4Addresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

/**
 * LAN sharing by handing sockets accepted on the LAN addresses to the loopback HTTP server: one hub, one socket.io,
 * the same auth, and nothing bound beyond loopback while sharing is off.
 */
export function createLanSharing(httpServer: HttpServer, port: number, addresses: () => string[], log: Logger): LanSharing {
  let listeners: Server[] = [];
  let urls: string[] = [];
  const sockets = new Set<Socket>();

  return {
    get urls() {
      return urls;
    },
    carries: (connection) => sockets.has(connection),
    async enable() {
      if (listeners.length) return urls;
      const wanted = addresses();
      if (wanted.length === 0) {
        throw new Error('This computer has no network address on a LAN. Connect it to the same Wi-Fi or network as the co-host.');
      }
      const started: Server[] = [];
      try {
        for (const address of wanted) {
          const server = createServer((socket) => {
            sockets.add(socket);
            socket.once('close', () => sockets.delete(socket));
            httpServer.emit('connection', socket);
          });
          await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, address, () => {
              server.off('error', reject);
              resolve();
            });
          });
          started.push(server);
        }
      } catch (err) {
        await Promise.all(started.map((s) => new Promise((r) => s.close(r))));
        throw new Error(`Could not listen on the LAN (port ${port}): ${(err as Error).message}. Check that no other program uses that port.`);
      }
      listeners = started;
      urls = wanted.map((a) => `http://${a}:${port}`);
      log.info('LAN sharing on', { urls });
      return urls;
    },
    async disable() {
      const closing = listeners;
      listeners = [];
      urls = [];
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await Promise.all(closing.map((s) => new Promise((r) => s.close(r))));
      if (closing.length) log.info('LAN sharing off');
    },
  };
}
