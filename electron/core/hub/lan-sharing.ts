import { createServer, type Server, type Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Logger } from './logger';
import { isLanPeerAllowed, isPrivateIPv4 } from '../domain/network-address';

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

/**
 * This machine's private IPv4 addresses (where phones and laptops on the same Wi-Fi can reach it). A public address
 * is left out: sharing must never put the studio on the internet.
 */
export function lanIPv4Addresses(interfaces = networkInterfaces()): string[] {
  return Object.values(interfaces)
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal && isPrivateIPv4(a.address))
    .map((a) => a.address);
}

/**
 * LAN sharing by handing sockets accepted on the LAN addresses to the loopback HTTP server: one hub, one socket.io,
 * the same auth, and nothing bound beyond loopback while sharing is off.
 */
export function createLanSharing(
  httpServer: HttpServer,
  port: number,
  addresses: () => string[],
  log: Logger,
  /** Peers accepted; others are dropped before a byte is read (a router's port forward from the internet). */
  isPeerAllowed: (address: string | undefined) => boolean = isLanPeerAllowed,
): LanSharing {
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
        throw new Error('This computer has no private network address (a LAN\'s 192.168.x.x, 10.x.x.x or 172.16-31.x.x). Connect it to the same Wi-Fi or network as the co-host; the studio never shares on a public address.');
      }
      const started: Server[] = [];
      try {
        for (const address of wanted) {
          const server = createServer((socket) => {
            if (!isPeerAllowed(socket.remoteAddress)) {
              log.warn('LAN connection from outside the private network dropped', { peer: socket.remoteAddress ?? 'unknown' });
              socket.destroy();
              return;
            }
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
