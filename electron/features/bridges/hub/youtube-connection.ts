import { activeLiveChatIdOf, explainYouTubeError, youtubeEventOf } from '../domain/youtube-chat';
import { bridgeProblem, type BridgeProblem } from '../domain/bridge-problems';
import type { LinkCallbacks, LinkState } from './reconnecting-socket';

/** The YouTube Data API v3. */
export const YOUTUBE_API_BASE = 'https://www.googleapis.com/youtube/v3';

/**
 * The shortest wait between two reads of the chat. YouTube often says 1-3 s, but each read costs 5 units of a key's
 * default 10,000 a day: every 10 s that is 1,800 units an hour, five and a half hours of chat a day on one key.
 */
export const YOUTUBE_MIN_POLL_MS = 10_000;

/** How long one request may take. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What the reader needs: the API, the key, the video, what to do with events and state changes. */
export interface YouTubeConnectionOptions extends LinkCallbacks {
  apiBase: string;
  apiKey: string;
  videoId: string;
  /** Shortest wait between reads; default {@link YOUTUBE_MIN_POLL_MS}. */
  minPollMs?: number;
}

type Answer = { ok: true; body: unknown } | { ok: false; status: number; body: unknown };

/**
 * One reader of a YouTube video's live chat: finds the video's live chat, then reads new messages at YouTube's pace
 * (never faster than every 10 s, for the quota), from where it left off. Errors are said in plain words and retried
 * when that can help (a video not live yet, the quota, YouTube failing), or end the reading (the chat ended, a key
 * refused). The key goes in a header, never in an address that could be logged.
 */
export class YouTubeConnection {
  private timer: NodeJS.Timeout | null = null;
  private request: AbortController | null = null;
  private chatId: string | null = null;
  private pageToken: string | null = null;
  private delayMs: number;
  private isClosed = false;

  constructor(private readonly options: YouTubeConnectionOptions) {
    this.delayMs = options.backoff?.initialMs ?? 1000;
    this.options.onState('connecting', null);
    void this.read();
  }

  /** Stops for good (bridge paused or removed, hub closing). */
  close(): void {
    this.isClosed = true;
    if (this.timer) clearTimeout(this.timer);
    this.request?.abort();
  }

  private async read(): Promise<void> {
    if (this.isClosed) return;
    if (!this.chatId) {
      const video = await this.get('/videos', { part: 'liveStreamingDetails', id: this.options.videoId });
      if (!video) return;
      if (!video.ok) return this.failed(video);
      this.chatId = activeLiveChatIdOf(video.body);
      if (!this.chatId) return this.later(60_000, 'retrying', bridgeProblem('youtubeNotLive'));
    }
    const params: Record<string, string> = { liveChatId: this.chatId, part: 'snippet,authorDetails', maxResults: '2000' };
    if (this.pageToken) params.pageToken = this.pageToken;
    const page = await this.get('/liveChat/messages', params);
    if (!page) return;
    if (!page.ok) {
      // The chat id may have changed (a new stream on the same video): look it up again.
      if (page.status === 404) this.chatId = null;
      return this.failed(page);
    }
    const body = (page.body ?? {}) as { items?: unknown[]; nextPageToken?: unknown; pollingIntervalMillis?: unknown };
    this.delayMs = this.options.backoff?.initialMs ?? 1000;
    this.options.onState('connected', null);
    for (const item of Array.isArray(body.items) ? body.items : []) {
      const event = youtubeEventOf(item, Date.now());
      if (event?.kind === 'ended') return this.stop(bridgeProblem('youtubeEnded'));
      if (event) this.options.onEvent(event);
    }
    if (typeof body.nextPageToken === 'string' && body.nextPageToken) this.pageToken = body.nextPageToken;
    const asked = typeof body.pollingIntervalMillis === 'number' ? body.pollingIntervalMillis : 0;
    this.later(Math.max(asked, this.options.minPollMs ?? YOUTUBE_MIN_POLL_MS));
  }

  /** A GET on the API; null when closed meanwhile. Network failures are retried from here. */
  private async get(path: string, params: Record<string, string>): Promise<Answer | null> {
    const controller = new AbortController();
    this.request = controller;
    const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(`${this.options.apiBase}${path}?${new URLSearchParams(params).toString()}`, {
        headers: { 'X-Goog-Api-Key': this.options.apiKey, Accept: 'application/json' },
        signal: controller.signal,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (a proxy's page): kept as text for the error's words.
      }
      return res.ok ? { ok: true, body } : { ok: false, status: res.status, body };
    } catch (err) {
      if (this.isClosed) return null;
      const cause = (err as { cause?: { code?: unknown } }).cause?.code;
      const reason = typeof cause === 'string' ? cause : controller.signal.aborted ? 'no answer in 10 s' : 'network error';
      this.later(this.backoff(), 'retrying', bridgeProblem('youtubeUnreachable', { reason }));
      return null;
    } finally {
      clearTimeout(timeout);
      if (this.request === controller) this.request = null;
    }
  }

  private failed(answer: Extract<Answer, { ok: false }>): void {
    const problem = explainYouTubeError(answer.status, answer.body, this.backoff());
    if (problem.retryInMs === null) this.stop(problem.problem);
    else this.later(problem.retryInMs, 'retrying', problem.problem);
  }

  /** The next wait after a failure: doubling from 1 s to at most 5 min. */
  private backoff(): number {
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 300_000);
    return delay;
  }

  private later(delayMs: number, state?: LinkState, problem?: BridgeProblem): void {
    if (this.isClosed) return;
    if (state) this.options.onState(state, problem ?? null);
    this.timer = setTimeout(() => void this.read(), delayMs);
    this.timer.unref();
  }

  private stop(problem: BridgeProblem): void {
    this.isClosed = true;
    this.options.onState('stopped', problem);
  }
}
