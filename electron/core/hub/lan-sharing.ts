import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Logger } from './logger';
import { isLanPeerAllowed, isPrivateIPv4 } from '../domain/network-address';
import type { LanCertificate } from './lan-certificate';

/** The hub's optional LAN listener (HTTPS): off until the anchor turns it on; closing it drops every LAN connection. */
export interface LanSharing {
  /** Starts listening on the LAN addresses (same port as loopback); returns the base URLs co-hosts use. */
  enable(): Promise<string[]>;
  /** Stops listening on the LAN and drops the connections that came through it. */
  disable(): Promise<void>;
  readonly urls: string[];
  /** SHA-256 fingerprint of the certificate the LAN addresses answer with, while sharing (`AB:CD:…`); null when off. */
  readonly fingerprint: string | null;
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

/** Options of the LAN listener. */
export interface LanSharingOptions {
  /** The private addresses to share on (this computer's, found when sharing is turned on). */
  addresses: () => string[];
  /** The studio's certificate for those addresses (made once, kept; see lan-certificate.ts). */
  certificate: (addresses: readonly string[]) => Promise<LanCertificate>;
  log: Logger;
  /** Peers accepted; others are dropped before a byte is read (a router's port forward from the internet). */
  isPeerAllowed?: (address: string | undefined) => boolean;
}

/** First byte of a TLS connection (a handshake record); anything else on the LAN port is plain HTTP. */
const TLS_HANDSHAKE = 0x16;

/**
 * LAN sharing by handing connections accepted on the LAN addresses to the loopback HTTP server: one hub, one socket.io,
 * the same auth, and nothing bound beyond loopback while sharing is off. On the LAN everything goes over TLS with the
 * studio's own certificate (co-hosts check its fingerprint once); a plain HTTP request there is sent to the https://
 * address, never answered in clear text.
 */
export function createLanSharing(httpServer: HttpServer, port: number, options: LanSharingOptions): LanSharing {
  const { log, isPeerAllowed = isLanPeerAllowed } = options;
  let listeners: Server[] = [];
  let urls: string[] = [];
  let fingerprint: string | null = null;
  /** Every LAN connection: the accepted sockets and the TLS sockets over them (what HTTP requests arrive on). */
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  /** Reads the first bytes of a LAN connection and hands it on: TLS to the hub, plain HTTP to a redirect. */
  const accept = (socket: Socket, context: SecureContext) => {
    track(socket);
    socket.setTimeout(FIRST_BYTE_MS, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      if (first[0] !== TLS_HANDSHAKE) return redirectToHttps(socket, port);
      // TLS over the socket's handle would not see the byte already read; over a stream that starts with it, it does.
      const secure = new TLSSocket(streamFrom(socket), { isServer: true, secureContext: context });
      track(secure);
      secure.on('error', () => secure.destroy());
      httpServer.emit('connection', secure);
      socket.resume();
    });
  };

  return {
    get urls() {
      return urls;
    },
    get fingerprint() {
      return fingerprint;
    },
    carries: (connection) => sockets.has(connection),
    async enable() {
      if (listeners.length) return urls;
      const wanted = options.addresses();
      if (wanted.length === 0) {
        throw new Error('This computer has no private network address (a LAN\'s 192.168.x.x, 10.x.x.x or 172.16-31.x.x). Connect it to the same Wi-Fi or network as the co-host; the studio never shares on a public address.');
      }
      const certificate = await options.certificate(wanted);
      const context = createSecureContext({ cert: certificate.cert, key: certificate.key, minVersion: 'TLSv1.2' });
      const started: Server[] = [];
      try {
        for (const address of wanted) {
          const server = createServer((socket) => {
            if (!isPeerAllowed(socket.remoteAddress)) {
              log.warn('LAN connection from outside the private network dropped', { peer: socket.remoteAddress ?? 'unknown' });
              socket.destroy();
              return;
            }
            socket.on('error', () => socket.destroy());
            accept(socket, context);
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
      urls = wanted.map((a) => `https://${a}:${port}`);
      fingerprint = certificate.fingerprint;
      log.info('LAN sharing on', { urls, fingerprint });
      return urls;
    },
    async disable() {
      const closing = listeners;
      listeners = [];
      urls = [];
      fingerprint = null;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await Promise.all(closing.map((s) => new Promise((r) => s.close(r))));
      if (closing.length) log.info('LAN sharing off');
    },
  };
}

/** A duplex stream over a socket (reads what it has buffered first): what TLS runs over on the LAN. */
function streamFrom(socket: Socket): Duplex {
  const stream = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, done) => void socket.write(chunk, done),
    final: (done) => void socket.end(done),
    destroy: (err, done) => {
      socket.destroy();
      done(err);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.once('end', () => stream.push(null));
  socket.once('close', () => stream.destroy());
  return stream;
}

/** How long a LAN connection may stay silent before its first byte (a half-open probe holds nothing for long). */
const FIRST_BYTE_MS = 10_000;

/** Answers a plain HTTP request on the LAN port with a redirect to the same path over https, then closes. */
function redirectToHttps(socket: Socket, port: number): void {
  let head = '';
  const onData = (chunk: Buffer) => {
    head += chunk.toString('latin1');
    if (!head.includes('\r\n') && head.length < 8192) return;
    socket.off('data', onData);
    const path = /^[A-Z]+ (\/[^\s]*) HTTP\//.exec(head)?.[1] ?? '/';
    const location = `https://${socket.localAddress}:${port}${path}`;
    const body = `This studio shares over HTTPS: ${location}\n`;
    socket.end(`HTTP/1.1 301 Moved Permanently\r\nLocation: ${location}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  };
  socket.on('data', onData);
  socket.resume();
}
