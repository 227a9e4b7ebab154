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

/** The address blocks a LAN can use and the internet does not route (RFC 1918, link-local, carrier-grade NAT). */
const PRIVATE_BLOCKS: ReadonlyArray<readonly [prefix: number, bits: number]> = [
  [ipv4Number('10.0.0.0'), 8],
  [ipv4Number('172.16.0.0'), 12],
  [ipv4Number('192.168.0.0'), 16],
  [ipv4Number('169.254.0.0'), 16],
  // Carrier-grade NAT, also what Tailscale-style private networks hand out.
  [ipv4Number('100.64.0.0'), 10],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** A dotted IPv4 address (an IPv4-mapped IPv6 one too), or null. */
function plainIPv4(address: string | undefined): string | null {
  const plain = (address ?? '').replace(/^::ffff:/i, '');
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(plain) && plain.split('.').every((p) => Number(p) <= 255) ? plain : null;
}

/** True for an address in a private block (a LAN's), false for a public one, loopback or anything not IPv4. */
export function isPrivateIPv4(address: string | undefined): boolean {
  const plain = plainIPv4(address);
  if (!plain) return false;
  const n = ipv4Number(plain);
  return PRIVATE_BLOCKS.some(([prefix, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(prefix / 2 ** (32 - bits)));
}

/** Who may come in through the LAN listener: a peer on a private network, or a program on this computer. */
export function isLanPeerAllowed(address: string | undefined): boolean {
  const plain = plainIPv4(address);
  return isPrivateIPv4(address) || (plain !== null && plain.startsWith('127.')) || address === '::1';
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
