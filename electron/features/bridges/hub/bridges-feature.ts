import { answerCors } from '../../../core/hub/http/cors';
import { bridgeProblem, type BridgeProblem } from '../domain/bridge-problems';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, readBody } from '../../../core/hub/http/http-body';
import { openDatabase } from '../../../core/hub/storage';
import { failure, type CommandResult } from '../../../core/protocol';
import { chatKey, type ChatMessage } from '../../chat/domain/chat';
import { CHAT_INGEST } from '../../chat/protocol/chat-service';
import { BRIDGE_LIMITS, type BridgeKind, type BridgeStatus, type ChatSourceEvent } from '../domain/bridges';
import { RepeatWindow, ssnMessages, ssnToChat } from '../domain/ssn-message';
import { twitchChannelOf } from '../domain/twitch-irc';
import { youtubeVideoIdOf } from '../domain/youtube-chat';
import { obaAddressOf } from '../domain/oba-message';
import { ObaConnection } from './oba-connection';
import type { LinkState } from './reconnecting-socket';
import { TWITCH_IRC_URL, TwitchConnection } from './twitch-connection';
import { YOUTUBE_API_BASE, YouTubeConnection } from './youtube-connection';
import { type BridgeLink } from '../protocol/bridge-commands';
import { BRIDGES_EVENT } from '../protocol/bridge-events';
import { BRIDGE_MIGRATIONS, BridgeStore, type BridgeConfig, type StoredBridge } from './bridge-store';

/** What a Google API key looks like (39 characters, `AIza...`); a little slack either way. */
const API_KEY = /^[A-Za-z0-9_-]{20,100}$/;
/** Where a bridge posts: `/api/v1/bridges/<kind>/<id>/<secret>`. */
const BRIDGE_PATH = /^\/api\/v1\/bridges\/(ssn)\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9_-]{16,128})$/;
/** Status goes to windows at most this often while messages flow. */
const STATUS_EVERY_MS = 1000;
const WHO_SEES = ['anchor', 'producer'] as const;

/**
 * The studio's own chat bridges. Social Stream Ninja posts to a link carrying the bridge's own secret (SSN cannot sign),
 * kept only as a hash and revocable on its own, able to post chat and nothing else (never orders); Twitch, YouTube and
 * oba bridges are connections the studio opens itself (oba's order signals are chat kinds, never ledger entries). Messages go through the chat feature's pipeline like any signed
 * batch.
 */
export const bridgesFeature: HubFeatureFactory = (ctx) => {
  const store = new BridgeStore(openDatabase(ctx.dataDir, { file: 'bridges.db', migrations: BRIDGE_MIGRATIONS }));
  /** Arrival times of the last minute per bridge, and the last problem: live figures, not worth storing. */
  const recent = new Map<string, number[]>();
  const problems = new Map<string, BridgeProblem>();
  /** Repeats of a message across every SSN bridge (two bridges fed by one SSN post it twice). */
  const repeats = new RepeatWindow();
  /** The studio's own connections (Twitch, YouTube, oba), by bridge, with where each stands. */
  const connections = new Map<string, { connection: { close(): void } | null; state: LinkState }>();
  const twitchUrl = process.env.ANCHOR_TWITCH_IRC_URL?.trim() || TWITCH_IRC_URL;
  // Tests point these at a local server speaking the Data API as documented, and poll faster than the quota allows.
  const youtubeApi = process.env.ANCHOR_YOUTUBE_API_BASE?.trim() || YOUTUBE_API_BASE;
  const youtubeMinPollMs = Number(process.env.ANCHOR_YOUTUBE_MIN_POLL_MS) || undefined;
  let statusTimer: NodeJS.Timeout | null = null;

  const statuses = (now = Date.now()): BridgeStatus[] =>
    store.all().map(({ status }) => {
      const times = (recent.get(status.id) ?? []).filter((t) => now - t < 60_000);
      recent.set(status.id, times);
      return { ...status, perMinute: times.length, lastProblem: problems.get(status.id) ?? null, link: connections.get(status.id)?.state ?? null };
    });
  const publish = () => {
    if (statusTimer) clearTimeout(statusTimer);
    statusTimer = null;
    ctx.broadcast(BRIDGES_EVENT, { bridges: statuses() }, [...WHO_SEES]);
  };
  const publishSoon = () => {
    statusTimer ??= setTimeout(publish, STATUS_EVERY_MS);
    statusTimer.unref();
  };
  const version = () => ctx.store.current.version;
  const linkOf = (kind: BridgeKind, id: string, secret: string) => `${ctx.localUrl()}/api/v1/bridges/${kind}/${id}/${secret}`;
  const newSecret = () => randomBytes(24).toString('base64url');
  const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
  const unknown = (id: string): CommandResult => failure('rejected', `There is no bridge "${id.slice(0, 64)}": it may have been removed in another window.`);

  /** Counts what a bridge brought (figures for its status). */
  const counted = (id: string, accepted: number, now: number) => {
    if (accepted === 0) return;
    store.recordMessages(id, accepted, now);
    const times = recent.get(id) ?? [];
    for (let i = 0; i < accepted; i++) times.push(now);
    recent.set(id, times);
    problems.delete(id);
  };

  /**
   * Reads a Twitch channel, a YouTube video's live chat or oba-live-tool until the bridge is paused or removed: chat,
   * and the platform's own deletions and bans, reach the studio's chat.
   */
  const connect = ({ status, sealedKey }: StoredBridge) => {
    const { id, kind } = status;
    // Social Stream Ninja posts to the studio: nothing to open.
    if (kind === 'ssn' || connections.has(id) || status.isPaused) return;
    // In the map first: the connection reports its state while it is being built.
    const entry: { connection: { close(): void } | null; state: LinkState } = { connection: null, state: 'connecting' };
    connections.set(id, entry);
    const onState = (state: LinkState, problem: BridgeProblem | null) => {
      entry.state = state;
      if (problem) problems.set(id, problem);
      else if (state === 'connected') problems.delete(id);
      publishSoon();
    };
    const onEvent = (event: ChatSourceEvent) => {
      const chat = ctx.use(CHAT_INGEST);
      if (event.kind === 'message') counted(id, chat.accept([event.message]).accepted, Date.now());
      else if (event.kind === 'deleteMessage') chat.remove({ key: chatKey(kind, event.id) });
      else chat.remove({ platform: kind, userId: event.userId });
      publishSoon();
    };
    if (kind === 'twitch' && status.channel) {
      entry.connection = new TwitchConnection({ url: twitchUrl, channel: status.channel, onState, onEvent });
    } else if (kind === 'oba' && status.address) {
      const onInvalid = (problem: BridgeProblem) => {
        problems.set(id, problem);
        publishSoon();
      };
      entry.connection = new ObaConnection({ address: status.address, console: status.commentPlatform ?? 'douyin', onState, onEvent, onInvalid });
    } else if (kind === 'youtube' && status.video && sealedKey) {
      let apiKey: string;
      try {
        apiKey = ctx.secrets.open(sealedKey);
      } catch {
        return onState('stopped', bridgeProblem('youtubeKeyUnreadable'));
      }
      ctx.log.addSecret(apiKey);
      entry.connection = new YouTubeConnection({ apiBase: youtubeApi, apiKey, videoId: status.video, minPollMs: youtubeMinPollMs, onState, onEvent });
    }
  };
  const disconnect = (id: string) => {
    connections.get(id)?.connection?.close();
    connections.delete(id);
  };

  /** A post from a bridge: its link checked, its body read as the source's messages, the chat fed. */
  async function receive(req: IncomingMessage, res: ServerResponse, kind: string, id: string, secret: string): Promise<void> {
    const bridge = store.get(id);
    const given = Buffer.from(hashOf(secret), 'hex');
    // The same answer for an unknown bridge and a wrong secret: the link reveals nothing about which part was wrong.
    if (!bridge || bridge.status.kind !== kind || !timingSafeEqual(given, Buffer.from(bridge.secretHash, 'hex'))) {
      return sendError(res, 404, 'unauthorized', 'Unknown bridge link: copy the link again from the studio (Chat bridges), it may have been renewed or removed.');
    }
    let body: Buffer;
    try {
      body = await readBody(req, BRIDGE_LIMITS.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return sendError(res, 413, 'payload_too_large', `A bridge post is at most ${BRIDGE_LIMITS.maxBodyBytes / 1024} KiB.`);
      throw err;
    }
    if (bridge.status.isPaused) return sendJson(res, 200, { ok: true, accepted: 0, paused: true });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      problems.set(id, bridgeProblem('ssnNotJson'));
      publishSoon();
      return sendError(res, 400, 'invalid', 'The body is not JSON: Social Stream Ninja posts each message as a JSON object.');
    }
    const now = Date.now();
    const messages: ChatMessage[] = [];
    let skipped = 0;
    for (const raw of ssnMessages(json).slice(0, 1000)) {
      const mapped = ssnToChat(raw, now, repeats);
      if ('message' in mapped) messages.push(mapped.message);
      else skipped += 1;
    }
    const intake = ctx.use(CHAT_INGEST).accept(messages);
    counted(id, intake.accepted, now);
    publishSoon();
    sendJson(res, 200, { ok: true, ...intake, skipped });
  }

  return {
    name: 'bridges',
    start() {
      for (const bridge of store.all()) connect(bridge);
    },
    onConnect(send, principal) {
      if ((WHO_SEES as readonly string[]).includes(principal.role)) send(BRIDGES_EVENT, { bridges: statuses() });
    },
    // The link carries the bridge's own secret.
    anyHostPaths: [BRIDGE_PATH],
    async route(req, res, url) {
      const match = BRIDGE_PATH.exec(url.pathname);
      if (!match) return false;
      // Sources post from wherever they run (an extension, a page): the secret in the link is the credential.
      if (answerCors(req, res, { origins: '*', methods: 'POST', headers: 'Content-Type' })) return true;
      if (req.method !== 'POST') return sendError(res, 405, 'invalid', 'Bridges POST their messages to this link.'), true;
      await receive(req, res, match[1]!, match[2]!, match[3]!);
      return true;
    },
    commands: {
      'bridge.add': (request) => {
        if (store.all().length >= BRIDGE_LIMITS.maxBridges) return failure('rejected', `The studio runs at most ${BRIDGE_LIMITS.maxBridges} bridges: remove one first.`, { key: 'bridgeLimit', params: { max: BRIDGE_LIMITS.maxBridges } });
        const config: BridgeConfig = {};
        if (request.kind === 'twitch') {
          const channel = twitchChannelOf(request.channel ?? '');
          const given = (request.channel ?? '').slice(0, 60);
          if (!channel) return failure('rejected', `"${given}" is not a Twitch channel: give its name (3 to 25 letters, digits or _) or its twitch.tv address.`, { key: 'notTwitchChannel', params: { given } });
          config.channel = channel;
        } else if (request.kind === 'youtube') {
          const video = youtubeVideoIdOf(request.video ?? '');
          const given = (request.video ?? '').slice(0, 80);
          if (!video) {
            return failure('rejected', `"${given}" is not a YouTube video: paste the live video's address (youtube.com/watch?v=..., youtube.com/live/... or youtu.be/...).`, { key: 'notYouTubeVideo', params: { given } });
          }
          const apiKey = request.apiKey ?? '';
          if (!API_KEY.test(apiKey)) {
            return failure('rejected', 'Give a YouTube Data API v3 key (Google Cloud Console > APIs & Services > Credentials; it starts with "AIza"). Nothing was saved.', { key: 'youtubeKeyNeeded' });
          }
          ctx.log.addSecret(apiKey);
          config.video = video;
          config.sealedKey = ctx.secrets.seal(apiKey);
        } else if (request.kind === 'oba') {
          const where = obaAddressOf(request.address ?? '');
          if ('problem' in where) return failure('rejected', `${where.problem} Nothing was saved.`, where.refusal);
          config.address = where.address;
          config.commentPlatform = request.commentPlatform ?? 'douyin';
        }
        const id = randomUUID();
        const secret = newSecret();
        store.add({ id, kind: request.kind, name: request.name, secretHash: hashOf(secret), createdAt: Date.now(), config });
        connect(store.get(id)!);
        publish();
        const link: BridgeLink = { bridge: statuses().find((b) => b.id === id)!, url: request.kind === 'ssn' ? linkOf('ssn', id, secret) : null };
        return { ok: true, version: version(), data: link };
      },
      'bridge.pause': ({ id, paused }) => {
        if (!store.setPaused(id, paused)) return unknown(id);
        const bridge = store.get(id)!;
        if (paused) disconnect(id);
        else connect(bridge);
        publish();
        return { ok: true, version: version() };
      },
      'bridge.rotate': ({ id }) => {
        const bridge = store.get(id);
        if (!bridge) return unknown(id);
        if (bridge.status.kind !== 'ssn') return failure('rejected', 'This bridge connects out to its source: it has no link to renew.');
        const secret = newSecret();
        store.setSecretHash(id, hashOf(secret));
        const link: BridgeLink = { bridge: statuses().find((b) => b.id === id)!, url: linkOf(bridge.status.kind, id, secret) };
        return { ok: true, version: version(), data: link };
      },
      'bridge.remove': ({ id }) => {
        if (!store.remove(id)) return unknown(id);
        disconnect(id);
        recent.delete(id);
        problems.delete(id);
        publish();
        return { ok: true, version: version() };
      },
    },
    close() {
      if (statusTimer) clearTimeout(statusTimer);
      for (const id of [...connections.keys()]) disconnect(id);
    },
  };
};
