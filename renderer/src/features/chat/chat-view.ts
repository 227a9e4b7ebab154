import { isLaneEntry, type ChatEntry } from '@shared/features/chat/domain/chat';
import { createRingBuffer, mapItems, pushAll, retain, type RingBuffer } from '@shared/core/domain/ring-buffer';
import type {
  ChatBatchEvent,
  ChatChangedEvent,
  ChatLaneEvent,
  ChatLaneQuestion,
  ChatSnapshotEvent,
  ChatStatus,
  ChatSyncData,
} from '@shared/features/chat/protocol/chat-events';

/** Messages a window keeps: enough to scroll back a little; memory stays flat however long the show runs. */
export const CHAT_VIEW_CAPACITY = 500;
/** Moderation changes kept for a paused (scrolled-up) list to replay. */
const CHANGE_LOG_CAPACITY = 50;

/** The chat as one window sees it. */
export interface ChatViewState {
  messages: RingBuffer<ChatEntry>;
  /** The hub's questions lane, best first (bounded there: see domain/question-lane.ts). */
  questions: readonly ChatLaneQuestion[];
  status: ChatStatus | null;
  /** Number of the last `chat.batch` applied; null before the first snapshot. */
  batch: number | null;
  /** Highest message seq seen; `chat.sync` asks for what came after it. */
  lastSeq: number;
  /** True after a batch gap (a volatile batch was dropped) until `chat.sync` answers. */
  needsSync: boolean;
  /** Messages appended since the window opened (drives the "N new" counter). */
  received: number;
  /** Recent moderation changes, numbered, so a frozen list can apply what it missed. */
  changes: { n: number; change: ChatChangedEvent }[];
  /** Messages up to this seq came before the show went live: never shown again (0: no cut yet). */
  clearedThroughSeq: number;
}

/** What the hub client reports to the chat view. */
export type ChatViewEvent =
  | { type: 'snapshot'; snapshot: ChatSnapshotEvent }
  | { type: 'batch'; batch: ChatBatchEvent }
  | { type: 'changed'; change: ChatChangedEvent }
  | { type: 'status'; status: ChatStatus }
  | { type: 'lane'; lane: ChatLaneEvent }
  | { type: 'synced'; data: ChatSyncData };

/** The view before the hub said anything. */
export function initialChatView(): ChatViewState {
  return {
    messages: createRingBuffer(CHAT_VIEW_CAPACITY),
    questions: [],
    status: null,
    batch: null,
    lastSeq: 0,
    needsSync: false,
    received: 0,
    changes: [],
    clearedThroughSeq: 0,
  };
}

/** The seq up to which a status says chat was cleared at going live (0 when it never was). */
function cutOf(status: ChatStatus | null): number {
  return status?.rehearsalCleared?.throughSeq ?? 0;
}

/** Drops what came before the go-live cut: a batch or a catch-up sent just before it must not bring it back. */
function afterCut(entries: readonly ChatEntry[], throughSeq: number): readonly ChatEntry[] {
  return throughSeq > 0 ? entries.filter((m) => m.seq > throughSeq) : entries;
}

/** The lane without questions from before the go-live cut (a lane sent just before it). */
function laneAfterCut(questions: readonly ChatLaneQuestion[], throughSeq: number): readonly ChatLaneQuestion[] {
  return throughSeq > 0 ? questions.filter((q) => q.entry.seq > throughSeq) : questions;
}

/** Applies a moderation change to the lane at once (the hub's next `chat.lane` confirms): removed and closed go. */
function applyChangeToLane(questions: readonly ChatLaneQuestion[], change: ChatChangedEvent): readonly ChatLaneQuestion[] {
  const removed = new Set(change.removed);
  const updated = new Map(change.updated.map((e) => [e.key, e]));
  if (removed.size === 0 && updated.size === 0) return questions;
  return questions
    .filter((q) => !removed.has(q.entry.key))
    .map((q) => ({ ...q, entry: updated.get(q.entry.key) ?? q.entry }))
    .filter((q) => isLaneEntry(q.entry));
}

/** Merges messages into a buffer by seq, skipping keys it already holds (a snapshot and a batch can overlap). */
function merge(buffer: RingBuffer<ChatEntry>, incoming: readonly ChatEntry[]): { buffer: RingBuffer<ChatEntry>; added: number } {
  if (incoming.length === 0) return { buffer, added: 0 };
  const seen = new Set(buffer.items.map((m) => m.key));
  const fresh = incoming.filter((m) => !seen.has(m.key) && (seen.add(m.key), true));
  if (fresh.length === 0) return { buffer, added: 0 };
  const last = buffer.items.at(-1);
  const inOrder = !last || fresh.every((m, i) => m.seq > (i === 0 ? last.seq : fresh[i - 1]!.seq));
  if (inOrder) return { buffer: pushAll(buffer, fresh), added: fresh.length };
  // Catch-up data can interleave with what batches brought: rebuild in seq order.
  const all = [...buffer.items, ...fresh].sort((a, b) => a.seq - b.seq);
  return { buffer: pushAll(createRingBuffer<ChatEntry>(buffer.capacity), all), added: fresh.length };
}

const maxSeq = (entries: readonly ChatEntry[], from: number) => entries.reduce((m, e) => Math.max(m, e.seq), from);

/** Pure update of a window's chat view by one hub event. */
export function reduceChatView(state: ChatViewState, event: ChatViewEvent): ChatViewState {
  switch (event.type) {
    case 'snapshot': {
      const { snapshot } = event;
      const cut = cutOf(snapshot.status);
      // A (re)connect: the hub's snapshot is the truth (it may have restarted), but keep the counter going.
      return {
        ...initialChatView(),
        messages: pushAll(createRingBuffer(CHAT_VIEW_CAPACITY), afterCut(snapshot.messages, cut)),
        questions: laneAfterCut(snapshot.questions, cut),
        status: snapshot.status,
        batch: snapshot.batch,
        lastSeq: maxSeq(snapshot.messages, cut),
        received: state.received,
        changes: state.changes,
        clearedThroughSeq: cut,
      };
    }
    case 'batch': {
      const { batch } = event;
      if (state.batch === null) return state; // no snapshot yet: it will carry these
      const isGap = batch.batch > state.batch + 1;
      const fresh = afterCut(batch.messages, state.clearedThroughSeq);
      const messages = merge(state.messages, fresh);
      return {
        ...state,
        messages: messages.buffer,
        batch: Math.max(state.batch, batch.batch),
        lastSeq: maxSeq(batch.messages, state.lastSeq),
        needsSync: state.needsSync || isGap,
        received: state.received + messages.added,
      };
    }
    case 'synced': {
      // A catch-up asked for before the show went live can answer after the cut: keep only what came after it.
      const messages = merge(state.messages, afterCut(event.data.messages, state.clearedThroughSeq));
      return {
        ...state,
        messages: messages.buffer,
        questions: laneAfterCut(event.data.questions, state.clearedThroughSeq),
        lastSeq: maxSeq(event.data.messages, state.lastSeq),
        needsSync: false,
        received: state.received + messages.added,
      };
    }
    case 'changed': {
      const n = (state.changes.at(-1)?.n ?? 0) + 1;
      return {
        ...state,
        messages: applyChange(state.messages, event.change),
        questions: applyChangeToLane(state.questions, event.change),
        changes: [...state.changes.slice(-(CHANGE_LOG_CAPACITY - 1)), { n, change: event.change }],
      };
    }
    case 'lane':
      return { ...state, questions: laneAfterCut(event.lane.questions, state.clearedThroughSeq) };
    case 'status': {
      const cut = cutOf(event.status);
      if (cut <= state.clearedThroughSeq) return { ...state, status: event.status };
      // The show went live: rehearsal chat leaves this window now, list and lane alike.
      return {
        ...state,
        status: event.status,
        messages: retain(state.messages, (m) => m.seq > cut),
        questions: laneAfterCut(state.questions, cut),
        lastSeq: Math.max(state.lastSeq, cut),
        clearedThroughSeq: cut,
      };
    }
  }
}

/** Applies a moderation change to a buffer: drops removed keys, replaces updated entries. */
export function applyChange(buffer: RingBuffer<ChatEntry>, change: ChatChangedEvent): RingBuffer<ChatEntry> {
  const removed = new Set(change.removed);
  const updated = new Map(change.updated.map((e) => [e.key, e]));
  const kept = removed.size ? retain(buffer, (m) => !removed.has(m.key)) : buffer;
  return updated.size ? mapItems(kept, (m) => updated.get(m.key) ?? m) : kept;
}

/** Applies a change to a plain list (the paused list keeps its own copy). */
export function applyChangeToList(list: readonly ChatEntry[], change: ChatChangedEvent): readonly ChatEntry[] {
  return applyChange({ items: list, capacity: Math.max(1, list.length), dropped: 0 }, change).items;
}
