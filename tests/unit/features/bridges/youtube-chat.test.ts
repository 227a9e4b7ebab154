import { describe, expect, it } from 'vitest';
import { activeLiveChatIdOf, explainYouTubeError, youtubeEventOf, youtubeVideoIdOf } from '../../../../electron/features/bridges/domain/youtube-chat';

// Message shapes as the liveChatMessages resource documents them (developers.google.com/youtube/v3/live/docs/liveChatMessages).
const author = { channelId: 'UCann', displayName: 'Ann' };
const text = (id: string, messageText: string) => ({
  kind: 'youtube#liveChatMessage',
  id,
  snippet: { type: 'textMessageEvent', liveChatId: 'chat1', authorChannelId: 'UCann', publishedAt: '2026-12-05T10:00:00.000Z', hasDisplayContent: true, displayMessage: messageText, textMessageDetails: { messageText } },
  authorDetails: author,
});

describe('YouTube video addresses', () => {
  it('finds the video id in an id or any YouTube address, and nothing in others', () => {
    const id = 'dQw4w9WgXcQ';
    for (const input of [id, `https://www.youtube.com/watch?v=${id}&t=10`, `youtube.com/watch?v=${id}`, `https://youtu.be/${id}`, `https://m.youtube.com/live/${id}?si=x`, ` https://www.youtube.com/shorts/${id} `]) {
      expect(youtubeVideoIdOf(input), input).toBe(id);
    }
    for (const input of ['', 'abc', `https://vimeo.com/watch?v=${id}`, 'https://www.youtube.com/@channel', 'not a url at all!']) expect(youtubeVideoIdOf(input), input).toBeNull();
  });

  it("reads a video's active live chat id, or none", () => {
    expect(activeLiveChatIdOf({ items: [{ id: 'v', liveStreamingDetails: { actualStartTime: 'x', activeLiveChatId: 'Cg0KC2RRdzR3OVdnWGNR' } }] })).toBe('Cg0KC2RRdzR3OVdnWGNR');
    expect(activeLiveChatIdOf({ items: [{ id: 'v', liveStreamingDetails: { actualEndTime: 'x' } }] })).toBeNull();
    expect(activeLiveChatIdOf({ items: [] })).toBeNull();
    expect(activeLiveChatIdOf(null)).toBeNull();
  });
});

describe('YouTube live chat messages', () => {
  it('a text message is a comment with YouTube id, channel and send time', () => {
    expect(youtubeEventOf(text('m1', 'How much is the teapot?'), 5)).toEqual({
      kind: 'message',
      message: { id: 'm1', platform: 'youtube', user: { id: 'UCann', name: 'Ann' }, text: 'How much is the teapot?', ts: Date.parse('2026-12-05T10:00:00.000Z'), kind: 'comment' },
    });
  });

  it('Super Chats, Super Stickers and fan funding are gifts leading with the amount shown; members are follows', () => {
    const superChat = { id: 's1', snippet: { type: 'superChatEvent', displayMessage: '$5.00 from Ann: Love it', superChatDetails: { amountMicros: 5_000_000, currency: 'USD', amountDisplayString: '$5.00', userComment: 'Love it', tier: 2 } }, authorDetails: author };
    expect(youtubeEventOf(superChat, 0)).toMatchObject({ kind: 'message', message: { kind: 'gift', text: '$5.00 · Love it' } });
    const sticker = { id: 's2', snippet: { type: 'superStickerEvent', superStickerDetails: { amountDisplayString: '¥100', superStickerMetadata: { altText: 'Teapot dance' } } }, authorDetails: author };
    expect(youtubeEventOf(sticker, 0)).toMatchObject({ message: { kind: 'gift', text: '¥100 · Teapot dance' } });
    const member = { id: 'n1', snippet: { type: 'newSponsorEvent', displayMessage: 'Welcome to Tea Club!', newSponsorDetails: { memberLevelName: 'Tea Club' } }, authorDetails: author };
    expect(youtubeEventOf(member, 0)).toMatchObject({ message: { kind: 'follow', text: 'Welcome to Tea Club!' } });
  });

  it("a moderator's deletion and ban reach the studio; polls and mode changes are skipped; a chat end says so", () => {
    expect(youtubeEventOf({ id: 'd', snippet: { type: 'messageDeletedEvent', messageDeletedDetails: { deletedMessageId: 'm1' } } }, 0)).toEqual({ kind: 'deleteMessage', id: 'm1' });
    expect(youtubeEventOf({ id: 'b', snippet: { type: 'userBannedEvent', userBannedDetails: { bannedUserDetails: { channelId: 'UCbob' }, banType: 'temporary', banDurationSeconds: 300 } } }, 0)).toEqual({ kind: 'clearUser', userId: 'UCbob' });
    expect(youtubeEventOf({ id: 'e', snippet: { type: 'chatEndedEvent' } }, 0)).toEqual({ kind: 'ended' });
    for (const type of ['pollEvent', 'sponsorOnlyModeStartedEvent', 'tombstone', 'somethingNew']) expect(youtubeEventOf({ id: 'x', snippet: { type }, authorDetails: author }, 0), type).toBeNull();
    for (const junk of [null, 42, 'text', {}, { snippet: { type: 'textMessageEvent' } }]) expect(youtubeEventOf(junk, 0)).toBeNull();
  });
});

describe('YouTube errors in plain words', () => {
  const error = (code: number, reason: string) => ({ error: { code, message: 'm', errors: [{ message: 'm', domain: 'youtube', reason }] } });
  it('says what happened and whether trying again helps', () => {
    expect(explainYouTubeError(403, error(403, 'quotaExceeded'), 1000)).toMatchObject({ retryInMs: 3_600_000, problem: { code: 'youtubeQuota', message: expect.stringContaining('quota') } });
    expect(explainYouTubeError(403, error(403, 'liveChatEnded'), 1000)).toMatchObject({ retryInMs: null, problem: { code: 'youtubeEnded', message: expect.stringContaining('ended') } });
    expect(explainYouTubeError(403, error(403, 'liveChatDisabled'), 1000)).toMatchObject({ retryInMs: null, problem: { code: 'youtubeChatOff' } });
    expect(explainYouTubeError(400, error(400, 'keyInvalid'), 1000)).toMatchObject({ retryInMs: null, problem: { code: 'youtubeKeyRejected', message: expect.stringContaining('API key') } });
    expect(explainYouTubeError(404, error(404, 'liveChatNotFound'), 1000)).toMatchObject({ retryInMs: 60_000, problem: { code: 'youtubeNoChat' } });
    expect(explainYouTubeError(429, error(429, 'rateLimitExceeded'), 8000)).toMatchObject({ retryInMs: 8000, problem: { code: 'youtubeSlowDown' } });
    expect(explainYouTubeError(503, 'not json', 2000)).toMatchObject({ retryInMs: 2000, problem: { code: 'youtubeHttp', message: 'YouTube answered 503. Retrying.' } });
    expect(explainYouTubeError(500, error(500, 'backendError'), 2000).problem.message).toBe('YouTube answered 500 (backendError). Retrying.');
  });
});
