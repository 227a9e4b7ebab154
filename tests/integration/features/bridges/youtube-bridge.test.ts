import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeLink } from '../../../../electron/features/bridges/protocol/bridge-commands';
import type { BridgesEvent } from '../../../../electron/features/bridges/protocol/bridge-events';
import { platformTexts, recordBridgeStatuses } from '../../../helpers/bridges';
import { connectClient, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { author, CHAT, FakeYouTube, KEY, text, VIDEO } from '../../../helpers/fake-youtube';
import { waitUntil } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

const ANN: [string, string] = ['UCann', 'Ann'];
const BOB: [string, string] = ['UCbob', 'Bob'];

describe('a YouTube bridge on a real hub, against the Data API as documented', () => {
  let hub: TestHub;
  let youtube: FakeYouTube;
  let anchor: ConnectedClient;
  const statuses: BridgesEvent[] = [];
  const bridge = () => statuses.at(-1)?.bridges[0];
  const texts = () => platformTexts(hub.url, hub.anchorToken, 'youtube');

  beforeEach(async () => {
    youtube = new FakeYouTube();
    process.env.ANCHOR_YOUTUBE_API_BASE = await youtube.listen();
    process.env.ANCHOR_YOUTUBE_MIN_POLL_MS = '50';
    hub = await startTestHub();
    anchor = await connectClient(hub.url, hub.anchorToken);
    statuses.length = 0;
    recordBridgeStatuses(anchor, statuses);
  });
  afterEach(async () => {
    anchor?.close();
    await hub?.stop();
    await new Promise((resolve) => youtube.server.close(resolve));
    delete process.env.ANCHOR_YOUTUBE_API_BASE;
    delete process.env.ANCHOR_YOUTUBE_MIN_POLL_MS;
  });

  it("reads the video's live chat page after page, Super Chats as gifts, and follows YouTube's deletions and bans; the key stays secret", async () => {
    youtube.pages = [
      [text('m1', ANN, 'How much is the teapot?'), text('m2', BOB, 'hello from Bob')],
      [
        { kind: 'youtube#liveChatMessage', id: 's1', snippet: { type: 'superChatEvent', liveChatId: CHAT, publishedAt: '2026-12-05T10:00:05Z', displayMessage: '$5.00 from Bob', superChatDetails: { amountMicros: 5_000_000, currency: 'USD', amountDisplayString: '$5.00', userComment: 'for the tea', tier: 2 } }, authorDetails: author(...BOB) },
        text('m1', ANN, 'How much is the teapot?'),
      ],
    ];
    const added = (await sendOk(anchor, 'bridge.add', { kind: 'youtube', name: 'YouTube live', video: `https://www.youtube.com/watch?v=${VIDEO}`, apiKey: KEY })).data as BridgeLink;
    expect(added.url).toBeNull();
    expect(added.bridge).toMatchObject({ kind: 'youtube', video: VIDEO, channel: null });
    await waitUntil(async () => (await texts()).length === 3, QUICK_MS, 'three YouTube messages in the chat');
    // The page repeated m1: counted once.
    expect((await texts()).sort()).toEqual(['$5.00 · for the tea', 'How much is the teapot?', 'hello from Bob']);
    await waitUntil(() => bridge()?.link === 'connected' && bridge()?.accepted === 3, QUICK_MS, 'connected, three counted');
    // Asked as documented: the video's chat id first, then pages from where the last one ended; the key in its header.
    const reads = youtube.requests.filter((r) => r.path.endsWith('/liveChat/messages'));
    expect(youtube.requests[0]).toMatchObject({ path: '/youtube/v3/videos' });
    expect(youtube.requests[0]!.params.get('part')).toBe('liveStreamingDetails');
    expect(reads[0]!.params.get('pageToken')).toBeNull();
    expect(reads[1]!.params.get('pageToken')).toBe('1');
    expect(reads[0]!.params.get('part')).toBe('snippet,authorDetails');
    expect(youtube.requests.every((r) => r.key === KEY && ![...r.params.values()].includes(KEY))).toBe(true);

    // A YouTube moderator deletes Ann's message, then bans Bob: their messages leave the studio's chat.
    youtube.pages.push([{ kind: 'youtube#liveChatMessage', id: 'd1', snippet: { type: 'messageDeletedEvent', liveChatId: CHAT, messageDeletedDetails: { deletedMessageId: 'm1' } } }]);
    await waitUntil(async () => !(await texts()).includes('How much is the teapot?'), QUICK_MS, "Ann's message gone");
    youtube.pages.push([{ kind: 'youtube#liveChatMessage', id: 'b1', snippet: { type: 'userBannedEvent', liveChatId: CHAT, userBannedDetails: { bannedUserDetails: { channelId: 'UCbob', displayName: 'Bob' }, banType: 'permanent' } } }]);
    await waitUntil(async () => (await texts()).length === 0, QUICK_MS, "Bob's messages gone");

    // The key is in no status, no state and no log line.
    expect(JSON.stringify(statuses)).not.toContain(KEY);
    expect(JSON.stringify(hub.store.current)).not.toContain(KEY);
    expect(hub.logLines.join('\n')).not.toContain(KEY);
    expect(JSON.stringify(hub.db.prepare('SELECT * FROM audit_log').all())).not.toContain(KEY);
  });

  it('says the quota is used up and waits; says a chat ended and stops; waits for a video not live yet', async () => {
    youtube.isLive = false;
    const { bridge: added } = (await sendOk(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: VIDEO, apiKey: KEY })).data as BridgeLink;
    await waitUntil(() => bridge()?.link === 'retrying' && /not live now/.test(bridge()?.lastProblem?.message ?? ''), QUICK_MS, 'waiting for the stream to start');
    expect(youtube.chatReads()).toBe(0);
    await sendOk(anchor, 'bridge.remove', { id: added.id });

    youtube.isLive = true;
    youtube.error = { status: 403, reason: 'quotaExceeded' };
    await sendOk(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: VIDEO, apiKey: KEY });
    await waitUntil(() => bridge()?.link === 'retrying' && /quota is used up/.test(bridge()?.lastProblem?.message ?? ''), QUICK_MS, 'the quota said in words');
    const readsAfterQuota = youtube.chatReads();
    // Six times the poll interval the test set: a loop would have read again by now; the bridge waits an hour instead
    // of burning what the quota has left. (A check that nothing happens needs a span of time.)
    await new Promise((r) => setTimeout(r, 300));
    expect(youtube.chatReads()).toBe(readsAfterQuota);
    await sendOk(anchor, 'bridge.remove', { id: bridge()!.id });

    youtube.error = { status: 403, reason: 'liveChatEnded' };
    await sendOk(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: VIDEO, apiKey: KEY });
    await waitUntil(() => bridge()?.link === 'stopped' && /has ended/.test(bridge()?.lastProblem?.message ?? ''), QUICK_MS, 'the end said, and stopped');
  });

  it('refuses a video that is not one and a missing key, saving nothing; a key YouTube refuses stops the bridge with why', async () => {
    const notVideo = await sendCommand(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: 'https://vimeo.com/123', apiKey: KEY });
    expect(notVideo).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringContaining('is not a YouTube video') } });
    const noKey = await sendCommand(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: VIDEO });
    expect(noKey).toMatchObject({ ok: false, error: { code: 'rejected', message: expect.stringContaining('Data API v3 key') } });
    // A round trip: any status the refusals had sent would have arrived before its answer.
    await sendOk(anchor, 'chat.sync', { afterSeq: 0 });
    expect(statuses.at(-1)?.bridges ?? []).toHaveLength(0);
    await sendOk(anchor, 'bridge.add', { kind: 'youtube', name: 'Y', video: VIDEO, apiKey: 'AIzaSy-this-key-is-not-the-right-one-00' });
    await waitUntil(() => bridge()?.link === 'stopped' && /does not accept this API key/.test(bridge()?.lastProblem?.message ?? ''), QUICK_MS, 'a refused key said, and stopped');
  });
});
