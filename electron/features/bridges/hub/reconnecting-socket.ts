import WebSocket from 'ws';
import type { BridgeLinkState, ChatSourceEvent } from '../domain/bridges';
import type { BridgeProblem } from '../domain/bridge-problems';

/** Where a connection the studio opens stands, for the bridge's status. */
export type LinkState = BridgeLinkState;

/** What every connection a bridge opens is given: what to do with the source's events and with its state changes. */
export interface LinkCallbacks {
  onEvent(event: ChatSourceEvent): void;
  onState(state: LinkState, problem: BridgeProblem | null): void;
  backoff?: { initialMs: number; maxMs: number };
}

/** A reconnecting WebSocket client's hooks and words. */
export interface ReconnectingSocketOptions extends Pick<LinkCallbacks, 'onState' | 'backoff'> {
  url: string;
  /** Runs once each socket is open (a handshake to send, or `connected()` when open is enough). */
  onOpen(socket: WebSocket): void;
  /** One text frame from the source. */
  onFrame(text: string, socket: WebSocket): void;
  /** The problem to show when the source cannot be reached (`reason`: the error's message) and when it closes. */
  problems: { unreachable(reason: string): BridgeProblem; closed: BridgeProblem };
}

/**
 * A WebSocket client that keeps coming back: after any loss it reports `retrying` with the problem in words and
 * connects again after a doubling delay (first 1 s, at most 30 s), reset once the source says it is `connected()`.
 * The connections of the Twitch and oba bridges are built on it.
 */
export class ReconnectingSocket {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private isClosed = false;

  constructor(private readonly options: ReconnectingSocketOptions) {
    this.delayMs = options.backoff?.initialMs ?? 1000;
    this.connect();
  }

  /** The source accepted the studio (open, joined): the next loss starts the delays from the beginning. */
  connected(): void {
    this.delayMs = this.options.backoff?.initialMs ?? 1000;
    this.options.onState('connected', null);
  }

  /** Drops this socket and connects again after the current delay (or `delayMs`: 0 for a source asking to reconnect). */
  retry(problem: BridgeProblem | null, delayMs = this.delayMs): void {
    if (this.isClosed || !this.socket) return;
    this.drop();
    this.options.onState('retrying', problem);
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 30_000);
    this.timer = setTimeout(() => this.connect(), delayMs);
    this.timer.unref();
  }

  /** Stops for good (bridge paused or removed, hub closing). */
  close(): void {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.drop();
  }

  private connect(): void {
    if (this.isClosed) return;
    this.options.onState('connecting', null);
    const socket = new WebSocket(this.options.url, { handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => this.options.onOpen(socket));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.options.onFrame(data.toString(), socket);
    });
    socket.on('error', (err) => this.retry(this.options.problems.unreachable(err.message)));
    socket.on('close', () => this.retry(this.options.problems.closed));
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.removeAllListeners();
    // A socket still connecting throws on terminate's late error: keep a listener so it cannot crash the hub.
    socket.on('error', () => undefined);
    socket.terminate();
  }
}
