import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, createServer, isIP, type AddressInfo, type Server, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { checkServerUrl, type ServerAddress } from '../domain/destinations';
import { RejectedError } from '../../../core/engine/obs-session';
import { amfString, decodeAmf0, encodeAmf0, type Amf0Value } from './amf0';
import { ChunkReader, DEFAULT_CHUNK_SIZE, MESSAGE_TYPE, writeChunks, type RtmpMessage } from './rtmp-chunks';

/** C0 + C1 + C2: the client's part of the RTMP handshake, passed through unchanged (it carries no address or key). */
const CLIENT_HANDSHAKE_BYTES = 1 + 1536 + 1536;
/** How long the destination may take to accept the connection (ffmpeg's own timeout for the rest is 10 s too). */
const CONNECT_TIMEOUT_MS = 10_000;

/** Where a route sends, and with which key (a secret: it exists only in this process's memory). */
export interface PublishTarget {
  /** The destination's name, for a refusal. */
  name: string;
  server: string;
  key: string;
  /** Certificates to trust for rtmps:// besides the system's (PEM; tests: a local TLS ingest). */
  trustedCa?: string;
}

/** A target with its server address checked. */
interface CheckedTarget {
  address: ServerAddress;
  key: string;
  trustedCa?: string;
}

/**
 * A loopback door to one destination, so that no command line and no file ever holds its stream key: ffmpeg (or OBS)
 * publishes to {@link localUrl}, which names a random token instead of the destination; the route connects to the
 * real server (TLS for rtmps://), passes the handshake and the media through unchanged, and rewrites only the names in
 * the commands: the application and address in `connect`, the stream name (the key) in `releaseStream`, `FCPublish`,
 * `publish` and `FCUnpublish`. Anything else knocking (a wrong token, a command before `connect`) is dropped before
 * the key is ever sent. One publisher at a time.
 */
export class PublishRoute {
  /** The local address to publish to, e.g. `rtmp://127.0.0.1:41234/<token>/<stream>` (no secret in it). */
  readonly localUrl: string;
  /** The same split as OBS wants it: server and stream name. */
  readonly localServer: string;
  readonly localStreamName: string;
  private readonly token = randomBytes(12).toString('hex');
  private active: Socket | null = null;
  private problem: string | null = null;

  private constructor(
    private readonly server: Server,
    private readonly target: CheckedTarget,
    port: number,
  ) {
    this.localServer = `rtmp://127.0.0.1:${port}/${this.token}`;
    this.localStreamName = `stream-${this.token}`;
    this.localUrl = `${this.localServer}/${this.localStreamName}`;
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Opens a route on a free loopback port; a server URL that is not one is refused in plain words. */
  static async open(target: PublishTarget): Promise<PublishRoute> {
    const checked = checkServerUrl(target.server);
    if (!checked.ok) throw new RejectedError(`${target.name}: ${checked.message}`);
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new PublishRoute(server, { address: checked.address, key: target.key, trustedCa: target.trustedCa }, (server.address() as AddressInfo).port);
  }

  /** Why the last connection to the destination failed (node's words, e.g. `connect ECONNREFUSED ...`), then forgets it. */
  takeProblem(): string | null {
    const problem = this.problem;
    this.problem = null;
    return problem;
  }

  /** Stops listening and drops the publisher. */
  async close(): Promise<void> {
    this.active?.destroy();
    this.active = null;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    // The listener is bound to 127.0.0.1: every peer is on this computer. One publisher at a time.
    if (this.active) {
      client.destroy();
      return;
    }
    this.active = client;
    client.once('close', () => {
      if (this.active === client) this.active = null;
    });
    new PublishSession(client, this.target, { app: this.token, streamName: this.localStreamName }, (problem) => (this.problem = problem));
  }
}

/** What the publisher says in place of the destination's application and key. */
interface LocalNames {
  app: string;
  streamName: string;
}

/** One publisher's connection and its twin to the destination. */
class PublishSession {
  private readonly upstream: Socket | TLSSocket;
  private handshakeLeft = CLIENT_HANDSHAKE_BYTES;
  private readonly reader = new ChunkReader();
  private outChunkSize = DEFAULT_CHUNK_SIZE;
  private isConnectSeen = false;

  constructor(
    private readonly client: Socket,
    private readonly target: CheckedTarget,
    private readonly local: LocalNames,
    private readonly onProblem: (message: string) => void,
  ) {
    const { scheme, host, port } = target.address;
    client.pause();
    this.upstream =
      scheme === 'rtmps'
        ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host, ...(target.trustedCa ? { ca: [...rootCertificates, target.trustedCa] } : {}) })
        : tcpConnect({ host, port });
    this.upstream.setNoDelay(true);
    this.upstream.setTimeout(CONNECT_TIMEOUT_MS, () => this.fail(`connect ETIMEDOUT ${host}:${port}`));
    this.upstream.once(scheme === 'rtmps' ? 'secureConnect' : 'connect', () => {
      this.upstream.setTimeout(0);
      client.resume();
    });
    this.upstream.on('error', (err) => this.fail(err.message));
    this.upstream.on('close', () => client.destroy());
    client.on('error', () => this.upstream.destroy());
    client.on('close', () => this.upstream.destroy());
    client.on('data', (bytes: Buffer) => this.fromClient(bytes));
    this.upstream.on('data', (bytes: Buffer) => this.send(client, this.upstream, bytes));
  }

  private fail(message: string): void {
    this.onProblem(message);
    this.upstream.destroy();
    this.client.destroy();
  }

  private fromClient(bytes: Buffer): void {
    let rest = bytes;
    if (this.handshakeLeft > 0) {
      const raw = rest.subarray(0, this.handshakeLeft);
      this.handshakeLeft -= raw.length;
      this.send(this.upstream, this.client, raw);
      rest = rest.subarray(raw.length);
      if (rest.length === 0) return;
    }
    let messages: RtmpMessage[];
    try {
      messages = this.reader.push(rest);
    } catch (err) {
      this.fail(`the publisher broke the RTMP chunk stream: ${(err as Error).message}`);
      return;
    }
    for (const message of messages) {
      if (message.typeId === MESSAGE_TYPE.abort) continue; // whole messages are written, nothing to abort
      const out = message.typeId === MESSAGE_TYPE.amf0Command ? this.rewriteCommand(message) : message;
      if (!out) return;
      this.send(this.upstream, this.client, writeChunks(out, this.outChunkSize));
      if (message.typeId === MESSAGE_TYPE.setChunkSize && message.payload.length >= 4) this.outChunkSize = message.payload.readUInt32BE(0) & 0x7fffffff;
    }
  }

  /** The command with the destination's names in place of the local ones; null drops the connection. */
  private rewriteCommand(message: RtmpMessage): RtmpMessage | null {
    let values: Amf0Value[];
    try {
      values = decodeAmf0(message.payload);
    } catch (err) {
      this.fail(`the publisher sent a command the studio cannot read: ${(err as Error).message}`);
      return null;
    }
    const name = values[0]?.type === 'string' ? values[0].value : '';
    if (name === 'connect') {
      const params = values[2];
      const app = params?.type === 'object' ? params.entries.find(([k]) => k === 'app')?.[1] : undefined;
      if (params?.type !== 'object' || app?.type !== 'string' || app.value !== this.local.app) {
        this.fail('a program on this computer tried to publish through a destination route without its token');
        return null;
      }
      this.isConnectSeen = true;
      const { path, normalized } = this.target.address;
      params.entries = params.entries.map(([k, v]) => [k, k === 'app' ? amfString(path) : k === 'tcUrl' || k === 'swfUrl' ? amfString(normalized) : v]);
    } else if (!this.isConnectSeen) {
      this.fail(`the publisher sent "${name}" before connecting`);
      return null;
    } else {
      values = values.map((v) => (v.type === 'string' && v.value === this.local.streamName ? amfString(this.target.key) : v));
    }
    return { ...message, payload: encodeAmf0(values) };
  }

  /** Writes with backpressure: a slow side pauses the other, so nothing piles up in memory. */
  private send(to: Socket, from: Socket, bytes: Buffer): void {
    if (bytes.length === 0 || to.destroyed) return;
    if (!to.write(bytes) && !from.isPaused()) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  }
}
