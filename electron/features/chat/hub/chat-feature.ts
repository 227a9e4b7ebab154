import { isLaneEntry, type ChatMessage } from '../domain/chat';
import { readQuestion } from '../domain/buyer-intent';
import { createChatFilter, type ChatFilterSettings } from '../domain/chat-filter';
import { SIMULATOR_PLATFORM } from '../domain/chat-simulation';
import { createMentionMatcher, type ProductRef } from '../domain/product-mentions';
import { isBeforeCut, owedCutAt, type RehearsalCut } from '../domain/rehearsal-cut';
import type { ReadAloudSettings } from '../domain/read-aloud';
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
import { ChatBatcher } from './chat-batcher';
import { chatHttpRoutes } from './chat-http';
import { ChatSimulator } from './chat-simulator';
import { CHAT_MIGRATIONS, CHAT_SETTING_DEFAULTS, ChatStore, type ChatInsert, type ChatRowStatus } from './chat-store';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { FeatureEventName, FeatureEvents } from '../../../core/protocol';
import { openDatabase } from '../../../core/hub/storage';
import type { Principal } from '../../../core/hub/auth/tokens';

/** What a new client gets on connect. */
export const CHAT_SNAPSHOT_MESSAGES = 500;
/**
 * Least time between two `chat.lane` events driven by incoming chat: the lane is small but changes with nearly every
 * batch in a flood, and nobody reads faster. Moderation (answer, dismiss, hide) sends it at once.
 */
export const LANE_PUBLISH_MS = 250;
/** Open questions read back to rebuild the lane after a restart (far more than a lane's age limit holds at 20 msg/s). */
const LANE_REBUILD_ROWS = 5000;
/** Blocked users listed in the status (newest first); the rest stay blocked, the status just stays small. */
const STATUS_BLOCKED_MAX = 200;

/** Who the moderation log names for what the studio did by itself (the go-live cut). */
const STUDIO_ACTOR = { id: 'studio', role: 'hub' } as const;

/** Roles that see chat (the engine process does not need it). */
const CHAT_AUDIENCE = ['anchor', 'producer', 'moderator', 'viewer'] as const;

/** Live chat: signed ingest from platform bridges, dedupe, filters, buyer questions, batching, moderation, simulator. */
export const chatFeature: HubFeatureFactory = (ctx) => {
  const db = openDatabase(ctx.dataDir, { file: 'chat.db', migrations: CHAT_MIGRATIONS });
  const store = new ChatStore(db);

  let filters = store.setting('filters', CHAT_SETTING_DEFAULTS.filters);
  let products = store.setting('products', CHAT_SETTING_DEFAULTS.products);
  let pinnedKey = store.setting('pinned', CHAT_SETTING_DEFAULTS.pinned);
  let rehearsalCleared = store.setting('rehearsalCleared', CHAT_SETTING_DEFAULTS.rehearsalCleared);
  let readAloud = store.setting('readAloud', CHAT_SETTING_DEFAULTS.readAloud);
  let unsubscribePhase: (() => void) | null = null;
  let filter = createChatFilter(filters);
  let mentions = createMentionMatcher(products);
  const blocked = new Set(store.blockedUsers().map((u) => `${u.platform}\u0000${u.userId}`));
  const simulator = new ChatSimulator({ url: ctx.localUrl, secret: ctx.ingestSecret, products: () => products, log: ctx.log });

  // Volatile: a client whose socket is still busy skips a batch and catches up with chat.sync (seq gap).
  const batcher = new ChatBatcher((batch, messages) => toAudience(CHAT_EVENTS.batch, { batch, messages } satisfies ChatBatchEvent, true));

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
    readAloud,
  });
  const publishStatus = () => toAudience(CHAT_EVENTS.status, status());
  const publishChange = (change: ChatChangedEvent) => toAudience(CHAT_EVENTS.changed, change);

  const moderated = (principal: Principal, action: string, target: string) => store.logModeration(principal, action, target);
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
    batcher.enqueue(visible.map((f) => ({ entry: f.entry, isLane: f.isLane })));
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
    batcher.drop((e) => gone.has(e.key));
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
    batcher.drop((e) => isBeforeCut(e.seq, rehearsalCleared));
    setLane(EMPTY_LANE, true);
    simulator.stop();
    store.logModeration(STUDIO_ACTOR, 'clearRehearsal', `went live at ${at}: ${count} messages through seq ${throughSeq} cleared, unpinned`);
    ctx.log.info('rehearsal chat cleared', { count, throughSeq });
    publishStatus();
  };

  const setFlag = (principal: Principal, key: string, flag: 'is_highlighted' | 'is_answered', value: boolean, action: string) => {
    const entry = store.setFlag(key, flag, value);
    if (!entry) return notOnScreen(key);
    batcher.replace(entry);
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
    for (const e of updated) batcher.replace(e);
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
    route: chatHttpRoutes({
      ingestSecret: ctx.ingestSecret,
      tokens: ctx.tokens,
      log: ctx.log,
      accept,
      recent: (limit) => store.recent(limit),
    }),
    onConnect(send, principal) {
      if (principal.role === 'engine') return;
      const snapshot: ChatSnapshotEvent = {
        batch: batcher.lastBatch,
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
          batcher.drop((e) => e.platform === platform && e.user.id === userId);
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
      'chat.readAloud.set': (settings) => {
        readAloud = { enabled: settings.enabled, rate: settings.rate } satisfies ReadAloudSettings;
        store.saveSetting('readAloud', readAloud);
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
      batcher.close();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
};

function notOnScreen(key: string): CommandResult {
  return failure('rejected', `Message ${key.slice(0, 200)} is not on screen (unknown, hidden, filtered or from a blocked user). Refresh the chat and try again.`);
}
