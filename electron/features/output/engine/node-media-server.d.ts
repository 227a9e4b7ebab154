// The two parts of node-media-server the relay uses (its RTMP session and its logger); the package ships JavaScript
// with JSDoc only. Only what node-rtmp-relay.ts touches is declared.

declare module 'node-media-server/src/session/rtmp_session.js' {
  import type { Socket } from 'node:net';
  /** One RTMP connection: handshake, publish or play, and the shared broadcast of its stream path. */
  class RtmpSession {
    constructor(socket: Socket);
    run(): void;
  }
  export = RtmpSession;
}

declare module 'node-media-server/src/core/logger.js' {
  /** node-media-server's process-wide logger (console by default). */
  const logger: { level: string; log(message: string, level?: string): void };
  export = logger;
}
