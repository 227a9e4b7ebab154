import { WebSocketServer } from 'ws';

/**
 * One of oba-live-tool's messages as its WebSocket service sends it: the `LiveMessage` fields (shared/types.d.ts in
 * qiutongxue/oba-live-tool) with `time` (epoch ms) added by its broadcaster, as in CommentListenerTask.ts.
 */
export function obaFrame(fields: Record<string, unknown>): Record<string, unknown> {
  return { time: Date.now(), ...fields };
}

/**
 * A stand-in for oba-live-tool's WebSocket service on loopback (`new WebSocketServer({ port })`, no auth, one JSON
 * message per frame broadcast to every client), so the studio meets the protocol it really speaks.
 */
export class FakeOba {
  readonly server: WebSocketServer;
  connections = 0;

  constructor(port = 0) {
    this.server = new WebSocketServer({ host: '127.0.0.1', port });
    this.server.on('connection', () => (this.connections += 1));
  }

  /** Resolves once the server listens. */
  listening(): Promise<void> {
    return new Promise((resolve) => (this.server.address() ? resolve() : this.server.once('listening', () => resolve())));
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  get address(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Sends each message to every connected client, as oba's `broadcast` does. */
  broadcast(...messages: Record<string, unknown>[]): void {
    for (const m of messages) this.sendRaw(JSON.stringify(obaFrame(m)));
  }

  /** A frame as given (for malformed ones). */
  sendRaw(frame: string): void {
    for (const client of this.server.clients) client.send(frame);
  }

  /** Drops every client, as when oba's listener stops. */
  dropConnections(): void {
    for (const client of this.server.clients) client.terminate();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
