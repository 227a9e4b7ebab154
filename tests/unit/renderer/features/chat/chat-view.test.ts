import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../../electron/features/chat/domain/chat';
import type { ChatLaneQuestion, ChatStatus } from '../../../../../electron/features/chat/protocol/chat-events';
import { CHAT_VIEW_CAPACITY, applyChangeToList, initialChatView, reduceChatView, type ChatViewState } from '../../../../../renderer/src/features/chat/chat-view';
import { createAppStore } from '../../../../../renderer/src/store/studio-store';

const status: ChatStatus = { pinned: null, filters: { terms: [], useSharedList: false }, blockedUsers: [], products: [], simulator: null, rehearsalCleared: null, readAloud: { enabled: false, rate: 1 } };
let nextSeq = 1;
function entry(text: string, overrides: Partial<ChatEntry> = {}): ChatEntry {
  const seq = overrides.seq ?? nextSeq++;
  return {
    id: String(seq), platform: 'douyin', key: `douyin:${seq}`, seq, user: { id: 'u', name: 'u' }, text, ts: 0, kind: 'comment',
    receivedAt: 0, intents: [], isQuestion: (overrides.intents ?? []).length > 0, productIds: [], isHighlighted: false, isAnswered: false,
    isDismissed: false, ...overrides,
  };
}
const asked = (entries: ChatEntry[]): ChatLaneQuestion[] => entries.map((entry) => ({ entry, askCount: 1 }));
const snapshot = (messages: ChatEntry[], questions: ChatEntry[] = [], batch = 0): ChatViewState =>
  reduceChatView(initialChatView(), { type: 'snapshot', snapshot: { batch, messages, questions: asked(questions), status } });
const laneKeys = (s: ChatViewState) => s.questions.map((q) => q.entry.key);

describe('reduceChatView', () => {
  it('ignores batches until the snapshot arrives, then appends in order; the lane is the hub\'s, replaced whole', () => {
    const early = reduceChatView(initialChatView(), { type: 'batch', batch: { batch: 1, messages: [entry('x')] } });
    expect(early.messages.items).toEqual([]);
    let s = snapshot([entry('a')]);
    const b = entry('b');
    const q = entry('多少钱', { intents: ['price'] });
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [b, q] } });
    expect(s.messages.items.map((m) => m.text)).toEqual(['a', 'b', '多少钱']);
    // A batch does not touch the lane: the hub ranks it and sends it as chat.lane.
    expect(laneKeys(s)).toEqual([]);
    s = reduceChatView(s, { type: 'lane', lane: { questions: [{ entry: q, askCount: 3 }] } });
    expect(s.questions).toEqual([{ entry: q, askCount: 3 }]);
    expect(s.received).toBe(2);
    expect(s.needsSync).toBe(false);
  });

  it('drops keys it already holds (a snapshot and the next batch can overlap)', () => {
    const a = entry('a');
    let s = snapshot([a]);
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [a, entry('b')] } });
    expect(s.messages.items.map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('flags a batch gap, and a sync fills it in seq order', () => {
    const [m1, m2, m3] = [entry('1'), entry('2'), entry('3')];
    let s = snapshot([m1], [], 4);
    s = reduceChatView(s, { type: 'batch', batch: { batch: 6, messages: [m3] } });
    expect(s.needsSync).toBe(true);
    expect(s.lastSeq).toBe(m3.seq);
    s = reduceChatView(s, { type: 'synced', data: { messages: [m2, m3], questions: [] } });
    expect(s.needsSync).toBe(false);
    expect(s.messages.items.map((m) => m.text)).toEqual(['1', '2', '3']);
  });

  it('stays bounded over a long flood', () => {
    let s = snapshot([]);
    for (let b = 1; b <= 200; b += 1) {
      s = reduceChatView(s, { type: 'batch', batch: { batch: b, messages: Array.from({ length: 150 }, () => entry('x')) } });
    }
    expect(s.messages.items.length).toBe(CHAT_VIEW_CAPACITY);
    expect(s.received).toBe(30_000);
  });

  it('applies moderation at once: removed keys go, updated entries replace, answered or dismissed questions leave the lane', () => {
    const q = entry('how much?', { intents: ['price'] });
    const q2 = entry('is it handmade?', { isQuestion: true });
    const other = entry('hi');
    let s = snapshot([q, q2, other], [q, q2]);
    s = reduceChatView(s, { type: 'changed', change: { removed: [other.key], updated: [{ ...q, isAnswered: true, isHighlighted: true }] } });
    expect(s.messages.items).toEqual([{ ...q, isAnswered: true, isHighlighted: true }, q2]);
    expect(laneKeys(s)).toEqual([q2.key]);
    expect(s.changes.map((c) => c.n)).toEqual([1]);
    expect(applyChangeToList([q, other], { removed: [q.key], updated: [] })).toEqual([other]);
    s = reduceChatView(s, { type: 'changed', change: { removed: [], updated: [{ ...q2, isDismissed: true }] } });
    expect(laneKeys(s)).toEqual([]);
  });

  it('going live drops rehearsal chat from the list and the lane, and a late batch or catch-up cannot bring it back', () => {
    const [r1, r2] = [entry('多少钱', { intents: ['price'] }), entry('主播好美')];
    let s = snapshot([r1, r2], [r1]);
    const cut = { ...status, rehearsalCleared: { at: 1000, throughSeq: r2.seq + 1, count: 3 } };
    const late = entry('几号链接', { intents: ['howToBuy'] }); // arrived before the cut, sent just before it
    const live = entry('还有货吗', { intents: ['stock'] });
    s = reduceChatView(s, { type: 'status', status: cut });
    expect(s.messages.items).toEqual([]);
    expect(s.questions).toEqual([]);
    expect(s.clearedThroughSeq).toBe(r2.seq + 1);
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [{ ...late, seq: r2.seq + 1 }, live] } });
    s = reduceChatView(s, { type: 'synced', data: { messages: [r1, r2, live], questions: asked([r1, live]) } });
    expect(s.messages.items.map((m) => m.key)).toEqual([live.key]);
    expect(laneKeys(s)).toEqual([live.key]);
    s = reduceChatView(s, { type: 'lane', lane: { questions: asked([r1, live]) } });
    expect(laneKeys(s)).toEqual([live.key]);
    // A window connecting later gets the cut in the snapshot's status and keeps only what came after it.
    const fresh = reduceChatView(initialChatView(), { type: 'snapshot', snapshot: { batch: 0, messages: [r1, live], questions: asked([r1, live]), status: cut } });
    expect(fresh.messages.items.map((m) => m.key)).toEqual([live.key]);
    expect(laneKeys(fresh)).toEqual([live.key]);
  });

  it('keeps the "received" counter across a reconnect snapshot', () => {
    let s = snapshot([]);
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [entry('a'), entry('b')] } });
    s = reduceChatView(s, { type: 'snapshot', snapshot: { batch: 0, messages: [], questions: [], status } });
    expect(s.received).toBe(2);
    expect(s.batch).toBe(0);
  });
});

describe('chat slice of the window store', () => {
  it('routes hub chat events through the pure reducer', () => {
    const store = createAppStore({ storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} }, browserLanguages: ['en'] });
    store.getState().onChatEvent({ type: 'snapshot', snapshot: { batch: 0, messages: [entry('hello')], questions: [], status } });
    expect(store.getState().chat.messages.items.map((m) => m.text)).toEqual(['hello']);
    expect(store.getState().chat.status).toEqual(status);
  });
});
