// YouTube live chat as the YouTube Data API v3 documents it (developers.google.com/youtube/v3/live/docs): a video's
// `liveStreamingDetails.activeLiveChatId` (videos.list), then liveChatMessages.list polled with `pageToken` after
// `pollingIntervalMillis`. Pure: the hub's connection does the requests.
import type { ChatMessage } from '../../chat/domain/chat';
import { bridgeProblem, type BridgeProblem } from './bridge-problems';
import type { ChatSourceEvent } from './bridges';

/** What one liveChatMessage means for the studio's chat, or that the chat ended. */
export type YouTubeEvent = ChatSourceEvent | { kind: 'ended' };

/** The parts of a liveChatMessage resource the studio reads. */
interface LiveChatMessage {
  id?: unknown;
  snippet?: {
    type?: unknown;
    publishedAt?: unknown;
    authorChannelId?: unknown;
    displayMessage?: unknown;
    textMessageDetails?: { messageText?: unknown };
    superChatDetails?: { amountDisplayString?: unknown; userComment?: unknown };
    superStickerDetails?: { amountDisplayString?: unknown; superStickerMetadata?: { altText?: unknown } };
    fanFundingEventDetails?: { amountDisplayString?: unknown; userComment?: unknown };
    newSponsorDetails?: { memberLevelName?: unknown };
    memberMilestoneChatDetails?: { userComment?: unknown };
    messageDeletedDetails?: { deletedMessageId?: unknown };
    userBannedDetails?: { bannedUserDetails?: { channelId?: unknown } };
  };
  authorDetails?: { channelId?: unknown; displayName?: unknown };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The 11-character id of a YouTube video from its id or any of its addresses (watch, youtu.be, live, shorts); null if none. */
export function youtubeVideoIdOf(input: string): string | null {
  const text = input.trim();
  if (/^[A-Za-z0-9_-]{11}$/.test(text)) return text;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(www|m|music)\./, '');
  const candidate =
    host === 'youtu.be'
      ? url.pathname.slice(1)
      : host === 'youtube.com'
        ? (url.searchParams.get('v') ?? /^\/(?:live|shorts|embed)\/([^/]+)/.exec(url.pathname)?.[1] ?? '')
        : '';
  return /^[A-Za-z0-9_-]{11}$/.test(candidate) ? candidate : null;
}

/** The live chat id of a videos.list answer (`part=liveStreamingDetails`), or null when the video has none now. */
export function activeLiveChatIdOf(answer: unknown): string | null {
  const items = (answer as { items?: Array<{ liveStreamingDetails?: { activeLiveChatId?: unknown } }> } | null)?.items;
  const id = Array.isArray(items) ? items[0]?.liveStreamingDetails?.activeLiveChatId : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * One liveChatMessage for the studio: chat as a comment; Super Chats, Super Stickers and fan funding as gifts leading
 * with the amount YouTube displays (chat, never money in the ledger); new and milestone members as follows; a message a
 * YouTube moderator deleted, and a viewer they banned, leave the studio's chat too. Other kinds (polls, mode changes,
 * tombstones) are skipped: null.
 */
export function youtubeEventOf(raw: unknown, now: number): YouTubeEvent | null {
  const item = (raw ?? {}) as LiveChatMessage;
  const s = item.snippet ?? {};
  const type = str(s.type);
  if (type === 'messageDeletedEvent') {
    const id = str(s.messageDeletedDetails?.deletedMessageId);
    return id ? { kind: 'deleteMessage', id } : null;
  }
  if (type === 'userBannedEvent') {
    const userId = str(s.userBannedDetails?.bannedUserDetails?.channelId);
    return userId ? { kind: 'clearUser', userId } : null;
  }
  if (type === 'chatEndedEvent') return { kind: 'ended' };
  const id = str(item.id);
  const userId = str(item.authorDetails?.channelId) || str(s.authorChannelId);
  if (!id || !userId) return null;
  const display = str(s.displayMessage);
  const amountAnd = (amount: unknown, rest: string) => [str(amount), rest].filter(Boolean).join(' · ');
  let kind: ChatMessage['kind'];
  let text: string;
  switch (type) {
    case 'textMessageEvent':
      kind = 'comment';
      text = str(s.textMessageDetails?.messageText) || display;
      break;
    case 'superChatEvent':
      kind = 'gift';
      text = amountAnd(s.superChatDetails?.amountDisplayString, str(s.superChatDetails?.userComment));
      break;
    case 'superStickerEvent':
      kind = 'gift';
      text = amountAnd(s.superStickerDetails?.amountDisplayString, str(s.superStickerDetails?.superStickerMetadata?.altText));
      break;
    case 'fanFundingEvent':
      kind = 'gift';
      text = amountAnd(s.fanFundingEventDetails?.amountDisplayString, str(s.fanFundingEventDetails?.userComment));
      break;
    case 'newSponsorEvent':
    case 'memberMilestoneChatEvent':
      kind = 'follow';
      text = display || str(s.memberMilestoneChatDetails?.userComment) || str(s.newSponsorDetails?.memberLevelName);
      break;
    default:
      return null;
  }
  const published = Date.parse(str(s.publishedAt));
  return {
    kind: 'message',
    message: {
      id,
      platform: 'youtube',
      user: { id: userId, name: str(item.authorDetails?.displayName) || userId },
      text: text || display,
      ts: Number.isFinite(published) ? published : now,
      kind,
    },
  };
}

/** What to do after an error answer: say `problem`, and try again after `retryInMs`, or stop for good (null). */
export interface YouTubeProblem {
  problem: BridgeProblem;
  retryInMs: number | null;
}

/** The `reason` of a Google API error body (`{"error": {"errors": [{"reason"}]}}`), or ''. */
function reasonOf(body: unknown): string {
  const errors = (body as { error?: { errors?: Array<{ reason?: unknown }> } } | null)?.error?.errors;
  return Array.isArray(errors) ? str(errors[0]?.reason) : '';
}

/**
 * An error answer of the Data API in plain words, and whether trying again can help: the daily quota (an hour, it
 * resets at midnight Pacific time), a chat that ended or was turned off (stop), a video not live yet (a minute), a
 * key Google refuses (stop), too many requests or YouTube failing (`backoffMs`).
 */
export function explainYouTubeError(status: number, body: unknown, backoffMs: number): YouTubeProblem {
  const reason = reasonOf(body);
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
    return { problem: bridgeProblem('youtubeQuota'), retryInMs: 3_600_000 };
  }
  if (reason === 'liveChatEnded') return { problem: bridgeProblem('youtubeEnded'), retryInMs: null };
  if (reason === 'liveChatDisabled') return { problem: bridgeProblem('youtubeChatOff'), retryInMs: null };
  if (reason === 'keyInvalid' || reason === 'keyExpired' || (status === 400 && /api key/i.test(JSON.stringify(body ?? '')))) {
    return { problem: bridgeProblem('youtubeKeyRejected'), retryInMs: null };
  }
  if (reason === 'forbidden' || reason === 'accessNotConfigured' || status === 401) {
    return { problem: bridgeProblem('youtubeKeyForbidden'), retryInMs: null };
  }
  if (status === 404 || reason === 'liveChatNotFound' || reason === 'videoNotFound') {
    return { problem: bridgeProblem('youtubeNoChat'), retryInMs: 60_000 };
  }
  if (reason === 'rateLimitExceeded' || status === 429) return { problem: bridgeProblem('youtubeSlowDown'), retryInMs: backoffMs };
  return { problem: bridgeProblem('youtubeHttp', { status, detail: reason ? ` (${reason})` : '' }), retryInMs: backoffMs };
}
