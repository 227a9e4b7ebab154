import { parseIrcLine, twitchEventOf, twitchHandshake } from '../domain/twitch-irc';
import { bridgeProblem } from '../domain/bridge-problems';
import { ReconnectingSocket, type LinkCallbacks } from './reconnecting-socket';

/** Twitch's IRC endpoint for WebSocket clients (TLS only). */
export const TWITCH_IRC_URL = 'wss://irc-ws.chat.twitch.tv:443';

/** What the connection needs: where to connect, which channel, what to do with events and state changes. */
export interface TwitchConnectionOptions extends LinkCallbacks {
  url: string;
  channel: string;
}

/**
 * One anonymous reader of a Twitch channel's chat: connects, joins, answers PING, follows RECONNECT, and reconnects
 * with a doubling delay after any loss (first 1 s, at most 30 s) until closed.
 */
export class TwitchConnection {
  private readonly link: ReconnectingSocket;

  constructor(options: TwitchConnectionOptions) {
    this.link = new ReconnectingSocket({
      url: options.url,
      onState: options.onState,
      backoff: options.backoff,
      problems: { unreachable: (reason) => bridgeProblem('twitchUnreachable', { reason }), closed: bridgeProblem('twitchClosed') },
      onOpen: (socket) => {
        for (const line of twitchHandshake(options.channel, 10_000 + Math.floor(Math.random() * 89_999))) socket.send(line);
      },
      onFrame: (text, socket) => {
        for (const raw of text.split('\r\n')) {
          if (raw === '') continue;
          const line = parseIrcLine(raw);
          if (!line) continue;
          // Joined: the server echoes our JOIN (or says 366 End of /NAMES list).
          if (line.command === 'JOIN' || line.command === '366') this.link.connected();
          if (line.command === 'NOTICE' && /login|authentication/i.test(line.params.at(-1) ?? '')) this.link.retry(bridgeProblem('twitchLoginRefused', { detail: line.params.at(-1) ?? '' }));
          const event = twitchEventOf(line, Date.now());
          if (!event) continue;
          if (event.kind === 'ping') socket.send(`PONG :${event.token}`);
          else if (event.kind === 'reconnect') this.link.retry(null, 0);
          else options.onEvent(event);
        }
      },
    });
  }

  /** Stops for good (bridge paused or removed, hub closing). */
  close(): void {
    this.link.close();
  }
}
