import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLaneEntry, type ChatEntry, type ChatMessage } from '../domain/chat';
import { readQuestion } from '../domain/buyer-intent';
import { createChatFilter, type ChatFilterSettings } from '../domain/chat-filter';
import { SIMULATOR_PLATFORM } from '../domain/chat-simulation';
import { createMentionMatcher, type ProductRef } from '../domain/product-mentions';
import { isBeforeCut, owedCutAt, type RehearsalCut } from '../domain/rehearsal-cut';
import {
  EMPTY_LANE,
  LANE_LIMITS,
  findLaneQuestion,
  nextExpiry,
  offerToLane,
  rankLane,
  removeFromLane,
  updateLaneEntries,
  type LaneContext,
  type QuestionLane,
} from '../domain/question-lane';
import { currentCueOf } from '../../rundown/domain/rundown';
import { countChatKinds } from '../../sales/domain/show-timeline';
import { failure, type CommandResult } from '../../../core/protocol';
import {
  CHAT_EVENTS,
  chatIngestSchema,
  type ChatBatchEvent,
  type ChatChangedEvent,
  type ChatIngestInfo,
  type ChatLaneQuestion,
  type ChatSnapshotEvent,
  type ChatStatus,
  type ChatEvents,
  type ChatSyncData,
} from '../protocol/chat-events';
import { CHAT_INGEST, type ChatIntake } from '../protocol/chat-service';
import { ChatSimulator } from './chat-simulator';
import { CHAT_MIGRATIONS, CHAT_SETTING_DEFAULTS, ChatStore, type ChatInsert, type ChatRowStatus } from './chat-store';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { FeatureEventName, FeatureEvents } from '../../../core/protocol';
import { sendError, sendJson } from '../../../core/hub/http/http-api';
import { BodyTooLargeError, headerOf, readBody } from '../../../core/hub/http/http-body';
import { openDatabase } from '../../../core/hub/storage';
import { bearerToken, type Principal } from '../../../core/hub/auth/tokens';
import { verifyWebhook } from '../../../core/hub/auth/webhook-auth';

/** Largest ingest body. */
export const MAX_CHAT_BODY = 1024 * 1024;
/** How long the hub gathers chat before one `chat.batch` goes out (the notes ask for 50-100 ms). */
export const CHAT_FLUSH_MS = 50;
/** Most messages in one batch: clients keep about this many anyway, so older ones in a flood are dropped here. */
export const CHAT_BATCH_MAX = 500;
/** What a new client gets on connect. */
export const CHAT_SNAPSHOT_MESSAGES = 500;
/**
 * Least time between two `chat.lane` events driven by incoming chat: the lane is small but changes with nearly every
 * batch in a flood, and nobody reads faster. Moderation (answer, dismiss, hide) sends it at once.
 */
export const LANE_PUBLISH_MS = 250;
/** Open questions read back to rebuild the lane after a restart (far more than a lane's age limit holds at 20 msg/s). */
const LANE_REBUILD_ROWS = 5000;
/** Largest `limit` for `GET /api/v1/chat/recent`. */
export const CHAT_RECENT_MAX = 500;

/** Blocked users listed in the status (newest first); the rest stay blocked, the status just stays small. */
const STATUS_BLOCKED_MAX = 200;

/** Who the moderation log names for what the studio did by itself (the go-live cut). */
const STUDIO_ACTOR = { id: 'studio', role: 'hub' } as const;

/** Roles that see chat (the engine process does not need it). */
const CHAT_AUDIENCE = ['anchor', 'producer', 'moderator', 'viewer'] as const;

interface Queued {
  entry: ChatEntry;
  isLane: boolean;
}

/** Keeps a flood batch bounded: every lane entry (questions must not be lost to chatter), then the newest others. */
export function trimBatch(queue: readonly Queued[], max: number): ChatEntry[] {
  if (queue.length <= max) return queue.map((q) => q.entry);
  const lane = queue.filter((q) => q.isLane).slice(-max);
  const room = max - lane.length;
  const others = room > 0 ? queue.filter((q) => !q.isLane).slice(-room) : [];
  return [...lane, ...others].map((q) => q.entry).sort((a, b) => a.seq - b.seq);
}

/** Live chat: signed ingest from platform bridges, dedupe, filters, buyer questions, batching, moderation, simulator. */
export const chatFeature: HubFeatureFactory = (ctx) => {
  const db = openDatabase(ctx.dataDir, { file: 'chat.db', migrations: CHAT_MIGRATIONS });
  const store = new ChatStore(db);

  let filters = store.setting('filters', CHAT_SETTING_DEFAULTS.filters);
  let products = store.setting('products', CHAT_SETTING_DEFAULTS.products);
  let pinnedKey = store.setting('pinned', CHAT_SETTING_DEFAULTS.pinned);
  let rehearsalCleared = store.setting('rehearsalCleared', CHAT_SETTING_DEFAULTS.rehearsalCleared);
  let unsubscribePhase: (() => void) | null = null;
  let filter = createChatFilter(filters);
  let mentions = createMentionMatcher(products);
  const blocked = new Set(store.blockedUsers().map((u) => `${u.platform}\u0000${u.userId}`));
  const simulator = new ChatSimulator({ url: ctx.localUrl, secret: ctx.ingestSecret, products: () => products, log: ctx.log });

  let queue: Queued[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  let batchNo = 0;

  // The buyer-questions lane: one for every window, ranked here (domain/question-lane.ts), sent whole as `chat.lane`.
  const liveProductId = () => currentCueOf(ctx.store.current.rundown)?.sku ?? null;
  const laneContext = (): LaneContext => ({ now: Date.now(), liveProductId: liveProductId() });
  let lane: QuestionLane = EMPTY_LANE;
  let laneTimer: NodeJS.Timeout | null = null;
  let expiryTimer: NodeJS.Timeout | null = null;
  let unsubscribeCue: (() => void) | null = null;
  const laneView = (): ChatLaneQuestion[] => lane.questions.map((q) => ({ entry: q.entry, askCount: q.askCount }));
  const publishLane = () => {
    if (laneTimer) clearTimeout(laneTimer);
    laneTimer = null;
    toAudience(CHAT_EVENTS.lane, { questions: laneView() });
  };
  /** Takes a new lane; sends it now (moderation: the click should show) or within LANE_PUBLISH_MS (chat flowing). */
  const setLane = (next: QuestionLane, isUrgent = false) => {
    if (next === lane) return;
    lane = next;
    if (isUrgent) publishLane();
    else laneTimer ??= setTimeout(publishLane, LANE_PUBLISH_MS);
    // Questions expire by age even when chat stops: wake up for the next one.
    if (expiryTimer) clearTimeout(expiryTimer);
    const expiresAt = nextExpiry(lane);
    expiryTimer = expiresAt === null ? null : setTimeout(() => setLane(rankLane(lane, laneContext())), Math.max(0, expiresAt - Date.now()) + 10);
    expiryTimer?.unref();
  };

  const version = () => ctx.store.current.version;
  const ok = (data?: unknown): CommandResult => (data === undefined ? { ok: true, version: version() } : { ok: true, version: version(), data });
  const toAudience = <E extends keyof ChatEvents & FeatureEventName>(event: E, payload: FeatureEvents[E], volatile = false) => {
    ctx.broadcast(event, payload, CHAT_AUDIENCE, { volatile });
  };

  const status = (): ChatStatus => ({
    pinned: pinnedKey ? store.visible(pinnedKey) : null,
    filters,
    blockedUsers: store.blockedUsers().slice(0, STATUS_BLOCKED_MAX),
    products,
    simulator: simulator.settings,
    rehearsalCleared,
  });
  const publishStatus = () => toAudience(CHAT_EVENTS.status, status());
  const publishChange = (change: ChatChangedEvent) => toAudience(CHAT_EVENTS.changed, change);

  const flush = () => {
    flushTimer = null;
    if (queue.length === 0) return;
    const messages = trimBatch(queue, CHAT_BATCH_MAX);
    queue = [];
    batchNo += 1;
    // Volatile: a client whose socket is still busy skips this batch and catches up with chat.sync (seq gap).
    toAudience(CHAT_EVENTS.batch, { batch: batchNo, messages } satisfies ChatBatchEvent, true);
  };

  const enqueue = (items: Queued[]) => {
    if (items.length === 0) return;
    queue.push(...items);
    flushTimer ??= setTimeout(flush, CHAT_FLUSH_MS);
  };

  const moderated = (principal: Principal, action: string, target: string) => store.logModeration(principal, action, target);
  /**
   * Moderation also edits messages still waiting for the next flush: otherwise a message hidden (or a user blocked)
   * in the same 50 ms would go out in the batch after the `chat.changed` that removed it, and stay on screen.
   */
  const editQueue = (drop: (e: ChatEntry) => boolean, replace?: ChatEntry) => {
    queue = queue.filter((q) => !drop(q.entry));
    if (replace) queue = queue.map((q) => (q.entry.key === replace.key ? { ...q, entry: replace } : q));
  };

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req, MAX_CHAT_BODY);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        return sendError(res, 413, 'payload_too_large', `Chat batch is over ${MAX_CHAT_BODY} bytes (1 MiB): send smaller batches.`);
      }
      throw err;
    }
    const refusal = verifyWebhook(
      ctx.ingestSecret,
      { timestamp: headerOf(req, 'x-anchor-timestamp'), signature: headerOf(req, 'x-anchor-signature') },
      body,
      Date.now(),
    );
    if (refusal) {
      ctx.log.info('chat ingest refused', { status: 401, reason: refusal.message });
      return sendError(res, 401, 'unauthorized', refusal.message);
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, 'invalid', 'Body is not valid JSON: send {"messages":[{"id","platform","user":{"id","name"},"text","ts","kind"}]}.');
    }
    const parsed = chatIngestSchema.safeParse(json);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
        .join('; ');
      return sendError(res, 400, 'invalid', `Chat batch breaks the schema (nothing was stored): ${reason}. See docs/api.md.`);
    }
    sendJson(res, 200, { ok: true, ...accept(parsed.data.messages) });
  }

  /** Takes validated messages through the pipeline: dedupe, block list, filters, mentions, the lane, the next batch. */
  function accept(incoming: readonly ChatMessage[]): ChatIntake {
    const receivedAt = Date.now();
    // Simulator posts still in flight when the show went live would land after the cut, on air: they go.
    const isLive = ctx.store.current.live.isLive;
    const messages = isLive ? incoming.filter((m) => m.platform !== SIMULATOR_PLATFORM) : incoming;
    const droppedRehearsal = incoming.length - messages.length;
    if (droppedRehearsal > 0) ctx.log.info('simulated chat dropped: the show is live', { count: droppedRehearsal });
    const inserts: ChatInsert[] = messages.map((message) => {
      const isComment = message.kind === 'comment';
      const { intents, isQuestion } = isComment ? readQuestion(message.text) : { intents: [], isQuestion: false };
      const productIds = isComment ? mentions.find(message.text) : [];
      let rowStatus: ChatRowStatus = 'visible';
      if (blocked.has(`${message.platform}\u0000${message.user.id}`)) rowStatus = 'blocked';
      else if (filter.find(`${message.text}\n${message.user.name}`).length > 0) rowStatus = 'filtered';
      const isLane = isLaneEntry({ kind: message.kind, isQuestion, isAnswered: false, isDismissed: false });
      return { message, receivedAt, intents, productIds, status: rowStatus, isLane };
    });
    const fresh = store.insertBatch(inserts);
    // Chat volume for the post-show timeline: every accepted message (filtered and blocked too), counted in memory.
    if (fresh.length) ctx.history.countChat(receivedAt, countChatKinds(fresh.map((f) => f.entry.kind)));
    const visible = fresh.filter((f) => f.status === 'visible');
    enqueue(visible.map((f) => ({ entry: f.entry, isLane: f.isLane })));
    setLane(offerToLane(lane, visible.filter((f) => f.isLane).map((f) => f.entry), laneContext()));
    return {
      accepted: fresh.length,
      duplicates: inserts.length - fresh.length,
      filtered: fresh.filter((f) => f.status === 'filtered').length,
      blocked: fresh.filter((f) => f.status === 'blocked').length,
      droppedRehearsal,
    };
  }
  /** Takes hidden messages off every screen: the batch still waiting, windows, the lane, the pin. */
  function takeOff(keys: string[]): void {
    if (keys.length === 0) return;
    const gone = new Set(keys);
    editQueue((e) => gone.has(e.key));
    publishChange({ removed: keys, updated: [] });
    setLane(removeFromLane(lane, keys), true);
    if (pinnedKey !== null && gone.has(pinnedKey)) {
      pinnedKey = null;
      store.saveSetting('pinned', null);
      publishStatus();
    }
  }

  ctx.provide(CHAT_INGEST, {
    accept,
    remove(target) {
      const keys = 'key' in target ? (store.hide(target.key) ? [target.key] : []) : store.hideFrom(target.platform, target.userId);
      if (keys.length > 0) store.logModeration(STUDIO_ACTOR, 'platformRemoved', keys.length === 1 ? keys[0]! : `${keys.length} messages`);
      takeOff(keys);
      return keys;
    },
  });

  function recent(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!ctx.tokens.resolve(bearerToken(req.headers.authorization))) {
      return sendError(res, 401, 'unauthorized', 'Missing or unknown token. Send "Authorization: Bearer <token>" with a token from the studio.');
    }
    const raw = url.searchParams.get('limit') ?? '100';
    const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= CHAT_RECENT_MAX)) {
      return sendError(res, 400, 'invalid', `limit must be a whole number from 1 to ${CHAT_RECENT_MAX}, got "${raw.slice(0, 20)}".`);
    }
    sendJson(res, 200, { ok: true, messages: store.recent(limit) });
  }

  /**
   * The show went live at `at`: what chat made before goes from the stream (unpin), from every window (the status
   * carries the cut; windows drop what they hold up to it), from the batch still waiting, and from storage (a restart
   * or a late window cannot bring it back). The simulator stops: simulated chat must never reach a live show.
   */
  const clearRehearsal = (at: number, throughSeq: number) => {
    const count = store.clearThrough(throughSeq, (cleared) => {
      rehearsalCleared = { at, throughSeq, count: cleared } satisfies RehearsalCut;
      pinnedKey = null;
      store.saveSetting('rehearsalCleared', rehearsalCleared);
      store.saveSetting('pinned', null);
    });
    editQueue((e) => isBeforeCut(e.seq, rehearsalCleared));
    setLane(EMPTY_LANE, true);
    simulator.stop();
    store.logModeration(STUDIO_ACTOR, 'clearRehearsal', `went live at ${at}: ${count} messages through seq ${throughSeq} cleared, unpinned`);
    ctx.log.info('rehearsal chat cleared', { count, throughSeq });
    publishStatus();
  };

  const setFlag = (principal: Principal, key: string, flag: 'is_highlighted' | 'is_answered', value: boolean, action: string) => {
    const entry = store.setFlag(key, flag, value);
    if (!entry) return notOnScreen(key);
    editQueue(() => false, entry);
    moderated(principal, action, key);
    publishChange({ removed: [], updated: [entry] });
    // A highlight moves a question up; a question marked unanswered again comes back (if it is still recent).
    const updated = updateLaneEntries(lane, [entry]).lane;
    setLane(updated === lane ? offerToLane(lane, [entry], laneContext()) : rankLane(updated, laneContext()), true);
    if (pinnedKey === key) publishStatus();
    return ok();
  };

  /** Answers or dismisses a question: every viewer's ask of it closes (in storage too) and it leaves the lane. */
  const closeQuestion = (principal: Principal, key: string, flag: 'is_answered' | 'is_dismissed', action: string) => {
    // Refused before anything is written: closing an ask no longer on screen used to close the other asks of its
    // question anyway (in storage, with no change sent to any window) and then answer "not on screen".
    if (!store.visible(key)) return notOnScreen(key);
    const question = findLaneQuestion(lane, key);
    const keys = question ? [...new Set([key, ...question.memberKeys])] : [key];
    const entry = store.closeQuestion(keys, flag);
    if (!entry) return notOnScreen(key);
    const firstAsk = question ? store.visible(question.entry.key) : null;
    const updated = [entry, ...(firstAsk && firstAsk.key !== entry.key ? [firstAsk] : [])];
    for (const e of updated) editQueue(() => false, e);
    moderated(principal, action, keys.length > 1 ? `${key} (+${keys.length - 1} asking the same)` : key);
    publishChange({ removed: [], updated });
    setLane(question ? removeFromLane(lane, [question.entry.key]) : lane, true);
    if (pinnedKey !== null && keys.includes(pinnedKey)) publishStatus();
    return ok();
  };

  return {
    name: 'chat',
    start() {
      // The lane after a restart: the open questions still young enough, ranked again.
      const rebuildContext = laneContext();
      const recent = store.openQuestions(LANE_REBUILD_ROWS).filter((e) => rebuildContext.now - e.receivedAt <= LANE_LIMITS.maxAgeMs);
      lane = offerToLane(EMPTY_LANE, recent, rebuildContext);
      let lastLiveProduct = liveProductId();
      unsubscribeCue = ctx.store.subscribe(() => {
        // A new cue on air changes what is relevant: rank again.
        const now = liveProductId();
        if (now === lastLiveProduct) return;
        lastLiveProduct = now;
        setLane(rankLane(lane, laneContext()), true);
      });
      // A hub that stopped between saving "live" and clearing chat owes the cut: everything received by the go-live.
      const owed = owedCutAt(ctx.store.current.live, rehearsalCleared);
      if (owed !== null) clearRehearsal(owed, store.lastSeqReceivedBy(owed));
      // No client is connected yet: this tells other features (the pinned comment on the stream) the restored status.
      else publishStatus();
      // Going live is synchronous with this listener: every message stored so far arrived before it.
      unsubscribePhase = ctx.onShowPhase((change) => {
        if (change.to === 'live') clearRehearsal(change.at, store.lastSeq());
      });
    },
    // Every batch is signed with the chat ingest secret.
    anyHostPaths: [/^\/api\/v1\/chat$/],
    async route(req, res, url) {
      if (url.pathname === '/api/v1/chat') {
        if (req.method !== 'POST') sendError(res, 405, 'invalid', 'Use POST /api/v1/chat with a signed JSON batch.');
        else await ingest(req, res);
        return true;
      }
      if (url.pathname === '/api/v1/chat/recent') {
        if (req.method !== 'GET') sendError(res, 405, 'invalid', 'Use GET /api/v1/chat/recent?limit=N.');
        else recent(req, res, url);
        return true;
      }
      return false;
    },
    onConnect(send, principal) {
      if (principal.role === 'engine') return;
      const snapshot: ChatSnapshotEvent = {
        batch: batchNo,
        messages: store.recent(CHAT_SNAPSHOT_MESSAGES),
        questions: laneView(),
        status: status(),
      };
      send(CHAT_EVENTS.snapshot, snapshot);
    },
    commands: {
      'chat.hide': ({ key }, principal) => {
        if (!store.hide(key)) return notOnScreen(key);
        moderated(principal, 'hide', key);
        takeOff([key]);
        return ok();
      },
      'chat.blockUser': ({ platform, userId, isBlocked }, principal) => {
        const id = `${platform}\u0000${userId}`;
        if (isBlocked) {
          const removed = store.block(platform, userId, Date.now());
          blocked.add(id);
          editQueue((e) => e.platform === platform && e.user.id === userId);
          moderated(principal, 'block', `${platform}:${userId}`);
          if (removed.length) publishChange({ removed, updated: [] });
          setLane(removeFromLane(lane, removed), true);
          if (pinnedKey && removed.includes(pinnedKey)) {
            pinnedKey = null;
            store.saveSetting('pinned', null);
          }
        } else {
          store.unblock(platform, userId);
          blocked.delete(id);
          moderated(principal, 'unblock', `${platform}:${userId}`);
        }
        publishStatus();
        return ok();
      },
      'chat.highlight': ({ key, isHighlighted }, principal) =>
        setFlag(principal, key, 'is_highlighted', isHighlighted, isHighlighted ? 'highlight' : 'unhighlight'),
      'chat.markAnswered': ({ key, isAnswered }, principal) =>
        isAnswered ? closeQuestion(principal, key, 'is_answered', 'answered') : setFlag(principal, key, 'is_answered', false, 'unanswered'),
      'chat.dismiss': ({ key }, principal) => closeQuestion(principal, key, 'is_dismissed', 'dismiss'),
      'chat.pin': ({ key }, principal) => {
        if (key !== null && !store.visible(key)) return notOnScreen(key);
        pinnedKey = key;
        store.saveSetting('pinned', key);
        moderated(principal, key ? 'pin' : 'unpin', key ?? '');
        publishStatus();
        return ok();
      },
      'chat.filters.set': (payload, principal) => {
        filters = { terms: [...new Set(payload.terms)], useSharedList: payload.useSharedList } satisfies ChatFilterSettings;
        filter = createChatFilter(filters);
        store.saveSetting('filters', filters);
        moderated(principal, 'filters', `${filters.terms.length} terms, shared list ${filters.useSharedList ? 'on' : 'off'}`);
        publishStatus();
        return ok();
      },
      'chat.products.set': ({ products: next }) => {
        products = next.map((p) => ({ id: p.id, title: p.title, aliases: [...p.aliases] })) satisfies ProductRef[];
        mentions = createMentionMatcher(products);
        store.saveSetting('products', products);
        publishStatus();
        return ok();
      },
      'chat.simulator.start': (settings) => {
        if (ctx.store.current.live.isLive) {
          return failure('rejected', 'The show is live: simulated chat would mix with real viewers. End the show to rehearse with the simulator.');
        }
        simulator.start(settings);
        publishStatus();
        return ok();
      },
      'chat.simulator.stop': () => {
        simulator.stop();
        publishStatus();
        return ok();
      },
      'chat.ingestInfo': () =>
        ok({
          endpoint: `${ctx.localUrl()}/api/v1/chat`,
          secret: ctx.ingestSecret,
          isFromEnv: Boolean(process.env.ANCHOR_INGEST_SECRET?.trim()),
        } satisfies ChatIngestInfo),
      'chat.sync': ({ afterSeq }) => {
        return ok({ messages: store.after(afterSeq, CHAT_SNAPSHOT_MESSAGES), questions: laneView() } satisfies ChatSyncData);
      },
    },
    close() {
      unsubscribePhase?.();
      unsubscribeCue?.();
      if (laneTimer) clearTimeout(laneTimer);
      if (expiryTimer) clearTimeout(expiryTimer);
      simulator.stop();
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};

function notOnScreen(key: string): CommandResult {
  return failure('rejected', `Message ${key.slice(0, 200)} is not on screen (unknown, hidden, filtered or from a blocked user). Refresh the chat and try again.`);
}
