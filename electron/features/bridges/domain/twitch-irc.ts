import { CHAT_LIMITS } from '../../chat/domain/chat';
import type { ChatSourceEvent } from './bridges';

/**
 * Twitch chat as its IRC interface sends it (dev.twitch.tv/docs/chat/irc): one line per message, IRCv3 tags first.
 * The studio reads anonymously (`justinfan` login), so it only ever receives: chat (PRIVMSG, with `bits` for cheers),
 * a moderator deleting one message (CLEARMSG) or a viewer's messages (CLEARCHAT), PING, and RECONNECT.
 */
export interface IrcLine {
  tags: Record<string, string>;
  /** `nick!user@host` or `tmi.twitch.tv`; empty when absent. */
  prefix: string;
  command: string;
  params: string[];
}

/** What a Twitch line means to the studio. */
export type TwitchEvent =
  /** `clearUser`: a viewer timed out or banned (their messages go), or the whole chat cleared (`userId` null). */
  | ChatSourceEvent
  | { kind: 'ping'; token: string }
  | { kind: 'reconnect' };

/** One IRC line into its parts; null for a line that is not IRC. */
export function parseIrcLine(raw: string): IrcLine | null {
  let rest = raw.replace(/\r?\n$/, '');
  const tags: Record<string, string> = {};
  if (rest.startsWith('@')) {
    const end = rest.indexOf(' ');
    if (end < 0) return null;
    for (const pair of rest.slice(1, end).split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0) tags[pair] = '';
      else tags[pair.slice(0, eq)] = unescapeTag(pair.slice(eq + 1));
    }
    rest = rest.slice(end + 1);
  }
  let prefix = '';
  if (rest.startsWith(':')) {
    const end = rest.indexOf(' ');
    if (end < 0) return null;
    prefix = rest.slice(1, end);
    rest = rest.slice(end + 1);
  }
  const trailingAt = rest.indexOf(' :');
  const head = trailingAt >= 0 ? rest.slice(0, trailingAt) : rest;
  const params = head.split(' ').filter((p) => p !== '');
  const command = params.shift();
  if (!command || !/^[A-Z]+$|^\d{3}$/.test(command)) return null;
  if (trailingAt >= 0) params.push(rest.slice(trailingAt + 2));
  return { tags, prefix, command, params };
}

/** A line as a studio event, or null for what the studio does not use (JOIN, ROOMSTATE, numerics...). */
export function twitchEventOf(line: IrcLine, receivedAt: number): TwitchEvent | null {
  switch (line.command) {
    case 'PING':
      return { kind: 'ping', token: line.params[0] ?? 'tmi.twitch.tv' };
    case 'RECONNECT':
      return { kind: 'reconnect' };
    case 'CLEARMSG':
      return line.tags['target-msg-id'] ? { kind: 'deleteMessage', id: line.tags['target-msg-id'] } : null;
    case 'CLEARCHAT':
      return { kind: 'clearUser', userId: line.tags['target-user-id'] || null };
    case 'PRIVMSG':
      return privmsg(line, receivedAt);
    default:
      return null;
  }
}

function privmsg(line: IrcLine, receivedAt: number): TwitchEvent | null {
  const id = line.tags.id;
  const login = line.prefix.split('!')[0] ?? '';
  const userId = line.tags['user-id'] || login;
  if (!id || !userId) return null;
  let text = (line.params[1] ?? '').replace(/[\r\n]+/g, ' ');
  // "/me" actions arrive wrapped in CTCP ACTION.
  const action = /^\u0001ACTION (.*)\u0001$/.exec(text);
  if (action) text = action[1]!;
  const bits = Number(line.tags.bits ?? '0');
  const sentAt = Number(line.tags['tmi-sent-ts']);
  return {
    kind: 'message',
    message: {
      id: id.slice(0, CHAT_LIMITS.idLength),
      platform: 'twitch',
      user: { id: userId.slice(0, CHAT_LIMITS.idLength), name: (line.tags['display-name'] || login).slice(0, CHAT_LIMITS.userNameLength) },
      text: (bits > 0 ? `${bits} bits · ${text}` : text).slice(0, CHAT_LIMITS.textLength),
      ts: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : receivedAt,
      kind: bits > 0 ? 'gift' : 'comment',
    },
  };
}

/** IRCv3 tag values escape `;`, space, `\`, CR and LF. */
function unescapeTag(value: string): string {
  return value.replace(/\\(.?)/g, (_m, c: string) => ({ ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' })[c] ?? c);
}

/** The lines an anonymous reader sends after connecting: tags and commands capabilities, the justinfan login, the channel. */
export function twitchHandshake(channel: string, nickSuffix: number): string[] {
  return ['CAP REQ :twitch.tv/tags twitch.tv/commands', 'PASS SCHMOOPIIE', `NICK justinfan${nickSuffix}`, `JOIN #${channel.toLowerCase()}`];
}

/** A Twitch channel name as the user may type it (with #, a URL, capitals) reduced to the login, or null. */
export function twitchChannelOf(input: string): string | null {
  const trimmed = input.trim().replace(/^https?:\/\/(www\.)?twitch\.tv\//i, '').replace(/^#/, '').split(/[/?#]/)[0]!.toLowerCase();
  return /^[a-z0-9_]{3,25}$/.test(trimmed) ? trimmed : null;
}
