import WebSocket from 'ws';
import type { BridgeLinkState, ChatSourceEvent } from '../domain/bridges';
import { parseIrcLine, twitchEventOf, twitchHandshake } from '../domain/twitch-irc';

/** Twitch's IRC endpoint for WebSocket clients (TLS only). */
export const TWITCH_IRC_URL = 'wss://irc-ws.chat.twitch.tv:443';

/** Where the connection stands, for the bridge's status. */
export type LinkState = BridgeLinkState;

/** What the connection needs: where to connect, which channel, what to do with events and state changes. */
export interface TwitchConnectionOptions {
  url: string;
  channel: string;
  onEvent(event: ChatSourceEvent): void;
  onState(state: LinkState, problem: string | null): void;
  backoff?: { initialMs: number; maxMs: number };
}

/**
 * One anonymous reader of a Twitch channel's chat: connects, joins, answers PING, follows RECONNECT, and reconnects
 * with a doubling delay after any loss (first 1 s, at most 30 s) until closed.
 */
export class TwitchConnection {
  private socket: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private isClosed = false;

  constructor(private readonly options: TwitchConnectionOptions) {
    this.delayMs = options.backoff?.initialMs ?? 1000;
    this.connect();
  }

  /** Stops for good (bridge paused or removed, hub closing). */
  close(): void {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    if (this.isClosed) return;
    this.options.onState('connecting', null);
    const socket = new WebSocket(this.options.url, { handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      for (const line of twitchHandshake(this.options.channel, 10_000 + Math.floor(Math.random() * 89_999))) socket.send(line);
    });
    socket.on('message', (data) => {
      for (const raw of data.toString('utf8').split('\r\n')) {
        if (raw === '') continue;
        const line = parseIrcLine(raw);
        if (!line) continue;
        // Joined: the server echoes our JOIN (or says 366 End of /NAMES list).
        if (line.command === 'JOIN' || line.command === '366') this.joined();
        if (line.command === 'NOTICE' && /login|authentication/i.test(line.params.at(-1) ?? '')) this.retry(`Twitch refused the login: ${line.params.at(-1)}`);
        const event = twitchEventOf(line, Date.now());
        if (!event) continue;
        if (event.kind === 'ping') socket.send(`PONG :${event.token}`);
        else if (event.kind === 'reconnect') this.retry(null, 0);
        else this.options.onEvent(event);
      }
    });
    socket.on('error', (err) => this.retry(`Cannot reach Twitch chat (${err.message}). Retrying.`));
    socket.on('close', () => this.retry('The connection to Twitch chat closed. Retrying.'));
  }

  private joined(): void {
    this.delayMs = this.options.backoff?.initialMs ?? 1000;
    this.options.onState('connected', null);
  }

  /** Drops this socket and connects again after the current delay (`now`: at once, for RECONNECT). */
  private retry(problem: string | null, delayMs = this.delayMs): void {
    if (this.isClosed || !this.socket) return;
    const socket = this.socket;
    this.socket = null;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.terminate();
    this.options.onState('retrying', problem);
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 30_000);
    this.timer = setTimeout(() => this.connect(), delayMs);
    this.timer.unref();
  }
}
