import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A Data API key of the right shape, which the stand-in accepts (any other is refused as Google does). */
export const KEY = 'AIzaSyD-test-key-0123456789abcdefghijk';
/** The live video the stand-in knows. */
export const VIDEO = 'dQw4w9WgXcQ';
/** Its live chat's id. */
export const CHAT = 'Cg0KC2RRdzR3OVdnWGNRKicKGFVDX3Rlc3Q';

/**
 * A stand-in for the YouTube Data API v3 on loopback, answering videos.list and liveChatMessages.list as documented:
 * pages of liveChatMessage resources with nextPageToken and pollingIntervalMillis, and Google's error bodies.
 */
export class FakeYouTube {
  readonly server: Server;
  readonly requests: { path: string; params: URLSearchParams; key: string | undefined }[] = [];
  /** Pages to hand out in order, each after the page token of the one before; then empty pages. */
  pages: unknown[][] = [];
  /** An error to answer the next chat read with: status and reason. */
  error: { status: number; reason: string } | null = null;
  isLive = true;

  constructor() {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/youtube/v3`;
  }

  chatReads(): number {
    return this.requests.filter((r) => r.path.endsWith('/liveChat/messages')).length;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = req.headers['x-goog-api-key'] as string | undefined;
    this.requests.push({ path: url.pathname, params: url.searchParams, key });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    const googleError = (status: number, reason: string) =>
      json(status, { error: { code: status, message: reason, errors: [{ message: reason, domain: 'youtube.liveChat', reason }] } });
    if (key !== KEY) return googleError(400, 'keyInvalid');
    if (url.pathname === '/youtube/v3/videos') {
      const details = this.isLive ? { actualStartTime: '2026-12-05T09:00:00Z', activeLiveChatId: CHAT } : { actualEndTime: '2026-12-05T09:00:00Z' };
      return json(200, { kind: 'youtube#videoListResponse', items: [{ kind: 'youtube#video', id: url.searchParams.get('id'), liveStreamingDetails: details }] });
    }
    if (url.pathname === '/youtube/v3/liveChat/messages' && url.searchParams.get('liveChatId') === CHAT) {
      if (this.error) {
        const { status, reason } = this.error;
        this.error = null;
        return googleError(status, reason);
      }
      const token = Number(url.searchParams.get('pageToken') ?? '0');
      const items = this.pages[token] ?? [];
      return json(200, { kind: 'youtube#liveChatMessageListResponse', pollingIntervalMillis: 50, nextPageToken: String(token < this.pages.length ? token + 1 : token), pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items });
    }
    googleError(404, 'liveChatNotFound');
  }
}

/** A liveChatMessage's authorDetails. */
export const author = (id: string, name: string) => ({ channelId: id, displayName: name, isChatModerator: false, isChatOwner: false, isChatSponsor: false, isVerified: false });
/** A textMessageEvent liveChatMessage resource, as the API documents it. */
export const text = (id: string, who: [string, string], message: string) => ({
  kind: 'youtube#liveChatMessage',
  id,
  snippet: { type: 'textMessageEvent', liveChatId: CHAT, authorChannelId: who[0], publishedAt: '2026-12-05T10:00:00.000Z', hasDisplayContent: true, displayMessage: message, textMessageDetails: { messageText: message } },
  authorDetails: author(...who),
});
