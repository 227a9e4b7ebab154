import { answerCors } from '../../../core/hub/http/cors';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, readBody } from '../../../core/hub/http/http-body';
import { openDatabase } from '../../../core/hub/storage';
import { failure, type CommandResult } from '../../../core/protocol';
import { chatKey, type ChatMessage } from '../../chat/domain/chat';
import { CHAT_INGEST } from '../../chat/protocol/chat-service';
import { BRIDGE_LIMITS, type BridgeKind, type BridgeStatus } from '../domain/bridges';
import { RepeatWindow, ssnMessages, ssnToChat } from '../domain/ssn-message';
import { twitchChannelOf } from '../domain/twitch-irc';
import { TWITCH_IRC_URL, TwitchConnection, type LinkState } from './twitch-connection';
import { BRIDGES_EVENT, type BridgeLink } from '../protocol/bridge-commands';
import { BRIDGE_MIGRATIONS, BridgeStore } from './bridge-store';

/** Where a bridge posts: `/api/v1/bridges/<kind>/<id>/<secret>`. */
const BRIDGE_PATH = /^\/api\/v1\/bridges\/(ssn)\/([A-Za-z0-9-]{1,64})\/([A-Za-z0-9_-]{16,128})$/;
/** Status goes to windows at most this often while messages flow. */
const STATUS_EVERY_MS = 1000;
const WHO_SEES = ['anchor', 'producer'] as const;

/**
 * The studio's own chat bridges. Social Stream Ninja posts to a link carrying the bridge's own secret (SSN cannot sign),
 * kept only as a hash and revocable on its own, able to post chat and nothing else (never orders); a Twitch bridge is a
 * connection the studio opens itself. Messages go through the chat feature's pipeline like any signed batch.
 */
export const bridgesFeature: HubFeatureFactory = (ctx) => {
  const store = new BridgeStore(openDatabase(ctx.dataDir, { file: 'bridges.db', migrations: BRIDGE_MIGRATIONS }));
  /** Arrival times of the last minute per bridge, and the last problem: live figures, not worth storing. */
  const recent = new Map<string, number[]>();
  const problems = new Map<string, string>();
  /** Repeats of a message across every SSN bridge (two bridges fed by one SSN post it twice). */
  const repeats = new RepeatWindow();
  /** The studio's own connections (Twitch), by bridge, with where each stands. */
  const connections = new Map<string, { connection: TwitchConnection | null; state: LinkState }>();
  const twitchUrl = process.env.ANCHOR_TWITCH_IRC_URL?.trim() || TWITCH_IRC_URL;
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

  /** Reads a Twitch bridge's channel until paused or removed; chat and the platform's own deletions reach the chat. */
  const connect = (id: string, channel: string) => {
    if (connections.has(id)) return;
    // In the map first: the connection reports its state while it is being built.
    const entry: { connection: TwitchConnection | null; state: LinkState } = { connection: null, state: 'connecting' };
    connections.set(id, entry);
    entry.connection = new TwitchConnection({
      url: twitchUrl,
      channel,
      onState(state, problem) {
        entry.state = state;
        if (problem) problems.set(id, problem);
        else if (state === 'connected') problems.delete(id);
        publishSoon();
      },
      onEvent(event) {
        const chat = ctx.use(CHAT_INGEST);
        if (event.kind === 'message') counted(id, chat.accept([event.message]).accepted, Date.now());
        else if (event.kind === 'deleteMessage') chat.remove({ key: chatKey('twitch', event.id) });
        else if (event.kind === 'clearUser') chat.remove({ platform: 'twitch', userId: event.userId });
        publishSoon();
      },
    });
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
      problems.set(id, 'A post was not JSON: check the link is pasted into the "POST to URL" setting of Social Stream Ninja.');
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
      for (const { status } of store.all()) if (status.kind === 'twitch' && status.channel && !status.isPaused) connect(status.id, status.channel);
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
        if (store.all().length >= BRIDGE_LIMITS.maxBridges) return failure('rejected', `The studio runs at most ${BRIDGE_LIMITS.maxBridges} bridges: remove one first.`);
        const channel = request.kind === 'twitch' ? twitchChannelOf(request.channel ?? '') : null;
        if (request.kind === 'twitch' && !channel) {
          return failure('rejected', `"${(request.channel ?? '').slice(0, 60)}" is not a Twitch channel: give its name (3 to 25 letters, digits or _) or its twitch.tv address.`);
        }
        const id = randomUUID();
        const secret = newSecret();
        store.add({ id, kind: request.kind, name: request.name, secretHash: hashOf(secret), createdAt: Date.now(), channel });
        if (channel) connect(id, channel);
        publish();
        const link: BridgeLink = { bridge: statuses().find((b) => b.id === id)!, url: request.kind === 'ssn' ? linkOf('ssn', id, secret) : null };
        return { ok: true, version: version(), data: link };
      },
      'bridge.pause': ({ id, paused }) => {
        if (!store.setPaused(id, paused)) return unknown(id);
        const { status } = store.get(id)!;
        if (paused) disconnect(id);
        else if (status.kind === 'twitch' && status.channel) connect(id, status.channel);
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
