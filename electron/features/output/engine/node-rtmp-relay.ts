import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import RtmpSession from 'node-media-server/src/session/rtmp_session.js';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type { EngineLogger } from '../../../core/engine/obs-session';

/**
 * The local RTMP relay for multistreaming, inside the engine: OBS publishes once to it on 127.0.0.1, and one ffmpeg
 * per destination (and per derived picture) plays from it. The RTMP protocol is node-media-server's (Apache-2.0,
 * pure JavaScript, so the same relay ships on Windows, macOS and Linux with nothing to install); the listener is
 * ours, on loopback only, so a refused port never ends the process. When OBS reconnects within node-media-server's
 * grace window its readers stay attached and the timeline continues. Why not nginx-rtmp any more, with the figures:
 * docs/going-live.md.
 */

/** What the outputs need of a local relay. */
export interface LocalRelay {
  /** Name of the stream OBS publishes (random per relay, so no other local program guesses it). */
  readonly streamName: string;
  /** Where OBS publishes: server part (the stream name is the key). */
  readonly publishServer: string;
  /** Where a fan-out reads OBS's show. */
  readonly playUrl: string;
  /** Where a stream of the relay is published and played (OBS's show, or a picture derived from it). */
  urlOf(streamName: string): string;
}

/** What the relay writes to the engine's log. */
export type RelayLog = Pick<EngineLogger, 'info' | 'warn'>;

let isLoggerRouted = false;

/** node-media-server logs to the console; its warnings and errors go to the engine's log instead, the rest nowhere. */
function routeLibraryLog(log: RelayLog): void {
  if (isLoggerRouted) return;
  isLoggerRouted = true;
  nmsLogger.log = (message: string, level = 'info') => {
    if (level === 'warn' || level === 'error') log.warn('relay', { detail: message });
  };
}

/** The in-process relay; started for a relay show and stopped at its end. */
export class NodeRtmpRelay implements LocalRelay {
  private server: Server | null = null;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  readonly streamName = `show-${randomBytes(9).toString('base64url')}`;

  constructor(private readonly log: RelayLog) {
    routeLibraryLog(log);
  }

  get publishServer(): string {
    return `rtmp://127.0.0.1:${this.port}/live`;
  }

  get playUrl(): string {
    return this.urlOf(this.streamName);
  }

  urlOf(streamName: string): string {
    return `${this.publishServer}/${streamName}`;
  }

  /** Listens on a free loopback port; resolves once connections are accepted. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log.warn('relay listener error', { reason: err.message }));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    this.log.info('relay listening', { port: this.port });
  }

  /** Closes the listener and every connection (publisher and readers). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The address the listener is bound to (null when stopped). */
  get listenAddress(): string | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.address : null;
  }

  /** Every active RTMP connection (OBS, the fan-outs, the derived pictures' encoders). */
  get connectionCount(): number {
    return this.sockets.size;
  }

  private accept(socket: Socket): void {
    // Loopback only: the listener is bound to 127.0.0.1, and this says so again should that ever change.
    if (socket.remoteAddress !== '127.0.0.1' && socket.remoteAddress !== '::ffff:127.0.0.1') {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    new RtmpSession(socket).run();
  }
}
