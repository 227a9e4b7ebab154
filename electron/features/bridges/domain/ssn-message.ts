import { CHAT_LIMITS, type ChatKind, type ChatMessage } from '../../chat/domain/chat';
import { clip, fieldText } from './source-text';
import { htmlToText } from './html-text';

/**
 * Social Stream Ninja's message, as its api.md describes the fields the studio reads (everything else is ignored):
 * `chatname`, `chatmessage` (HTML unless `textonly`), `type` (the source site: `youtube`, `twitch`, `tiktok`...),
 * `userid`, `hasDonation` (display text such as "$5.00" or "3 roses"), `membership`, `event` (`follow`, `joined`...,
 * or false for chat), `id` (a per-run counter, not a global id), `meta.webhookId`.
 */
export interface SsnMessage {
  chatname?: unknown;
  chatmessage?: unknown;
  textonly?: unknown;
  type?: unknown;
  userid?: unknown;
  hasDonation?: unknown;
  membership?: unknown;
  event?: unknown;
  meta?: unknown;
}

/**
 * The same viewer saying the same thing again within this long of the last time is one message (SSN resends on a
 * reload, two SSN tabs post twice); the window slides with every repeat.
 */
export const SSN_DEDUPE_WINDOW_MS = 10_000;

/**
 * Remembers when each message content was last seen, to give repeats inside the window the id of the first: the chat
 * store then counts them as duplicates. Pure bookkeeping, pruned as it goes.
 */
export class RepeatWindow {
  private readonly seen = new Map<string, { firstAt: number; lastAt: number }>();

  /** The id for content `hash` seen at `now`: the first sighting's, while repeats keep coming within the window. */
  idFor(hash: string, now: number): string {
    const entry = this.seen.get(hash);
    if (entry && now - entry.lastAt <= SSN_DEDUPE_WINDOW_MS) {
      entry.lastAt = now;
      return `h-${hash}-${entry.firstAt}`;
    }
    if (this.seen.size >= 10_000) for (const [k, e] of this.seen) if (now - e.lastAt > SSN_DEDUPE_WINDOW_MS) this.seen.delete(k);
    this.seen.set(hash, { firstAt: now, lastAt: now });
    return `h-${hash}-${now}`;
  }
}

/** SSN's `event` names that map onto the studio's chat kinds; other events are left out of the chat. */
const EVENT_KINDS: Record<string, ChatKind> = { follow: 'follow', followed: 'follow', joined: 'join', join: 'join', like: 'like', liked: 'like' };

/** An SSN body as messages: SSN posts one message object; a list, or `{messages: [...]}`, is taken too. */
export function ssnMessages(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { messages?: unknown }).messages)) return (body as { messages: unknown[] }).messages;
  return [body];
}

/**
 * One SSN message as a studio chat message, or why it is left out. The id comes from the source, the viewer and the
 * text, through `repeats` (SSN's own `id` restarts with every run), or from SSN's webhook id when given. A donation is
 * a `gift` whose text leads with the amount as SSN wrote it: it is chat, never money in the ledger.
 */
export function ssnToChat(raw: unknown, receivedAt: number, repeats: RepeatWindow): { message: ChatMessage } | { skipped: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { skipped: 'not a message object' };
  const m = raw as SsnMessage;
  const name = clip(fieldText(m.chatname), CHAT_LIMITS.userNameLength);
  const body = typeof m.chatmessage === 'string' ? (m.textonly === true ? m.chatmessage.replace(/\s+/g, ' ').trim() : htmlToText(m.chatmessage)) : '';
  const donation = clip(fieldText(m.hasDonation), 64);
  const event = typeof m.event === 'string' && m.event !== '' ? m.event.toLowerCase() : null;
  let kind: ChatKind = 'comment';
  if (donation) kind = 'gift';
  else if (event) {
    const mapped = EVENT_KINDS[event];
    if (!mapped) return { skipped: `event "${event.slice(0, 32)}" is not shown in chat` };
    kind = mapped;
  }
  if (!name && !body) return { skipped: 'no chatname and no chatmessage' };
  if (kind === 'comment' && !body) return { skipped: 'empty message' };
  const platform = platformOf(m.type);
  const userId = clip(fieldText(m.userid) || name || 'anonymous', CHAT_LIMITS.idLength);
  const shown = clip(donation ? `${donation}${body ? ` · ${body}` : ''}` : body, CHAT_LIMITS.textLength);
  const webhookId = m.meta && typeof m.meta === 'object' ? fieldText((m.meta as { webhookId?: unknown }).webhookId) : '';
  const id = webhookId
    ? clip(`w-${webhookId}`, CHAT_LIMITS.idLength)
    : repeats.idFor(hash53([platform, userId, kind, shown].join('\u0000')), receivedAt);
  return { message: { id, platform, user: { id: userId, name: name || userId }, text: shown, ts: receivedAt, kind } };
}

/** SSN's `type` as a studio platform id (lower-case letters, digits, `-`, `_`); `ssn` when it gives none. */
function platformOf(type: unknown): string {
  const cleaned = fieldText(type)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[-_]+/, '')
    .slice(0, CHAT_LIMITS.platformLength);
  return cleaned || 'ssn';
}

/**
 * A 53-bit hash of a string as hex (cyrb53): a dedupe key, not a secret, so no crypto module (the domain runs anywhere);
 * two different messages of one viewer in one window colliding is a one-in-2^53 event.
 */
function hash53(value: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
