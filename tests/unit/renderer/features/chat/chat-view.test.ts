import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../../electron/features/chat/domain/chat';
import type { ChatStatus } from '../../../../../electron/features/chat/protocol/chat-events';
import { CHAT_VIEW_CAPACITY, applyChangeToList, initialChatView, reduceChatView, type ChatViewState } from '../../../../../renderer/src/features/chat/chat-view';
import { createAppStore } from '../../../../../renderer/src/store/studio-store';

const status: ChatStatus = { pinned: null, filters: { terms: [], useSharedList: false }, blockedUsers: [], products: [], simulator: null, rehearsalCleared: null };
let nextSeq = 1;
function entry(text: string, overrides: Partial<ChatEntry> = {}): ChatEntry {
  const seq = overrides.seq ?? nextSeq++;
  return {
    id: String(seq), platform: 'douyin', key: `douyin:${seq}`, seq, user: { id: 'u', name: 'u' }, text, ts: 0, kind: 'comment',
    receivedAt: 0, intents: [], productIds: [], isHighlighted: false, isAnswered: false, ...overrides,
  };
}
const snapshot = (messages: ChatEntry[], questions: ChatEntry[] = [], batch = 0): ChatViewState =>
  reduceChatView(initialChatView(), { type: 'snapshot', snapshot: { batch, messages, questions, status } });

describe('reduceChatView', () => {
  it('ignores batches until the snapshot arrives, then appends in order and routes questions to the lane', () => {
    const early = reduceChatView(initialChatView(), { type: 'batch', batch: { batch: 1, messages: [entry('x')] } });
    expect(early.messages.items).toEqual([]);
    let s = snapshot([entry('a')]);
    const b = entry('b');
    const q = entry('多少钱', { intents: ['price'] });
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [b, q] } });
    expect(s.messages.items.map((m) => m.text)).toEqual(['a', 'b', '多少钱']);
    expect(s.questions.items.map((m) => m.key)).toEqual([q.key]);
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

  it('applies moderation: removed keys go, updated entries replace, answered questions leave the lane', () => {
    const q = entry('how much?', { intents: ['price'] });
    const other = entry('hi');
    let s = snapshot([q, other], [q]);
    s = reduceChatView(s, { type: 'changed', change: { removed: [other.key], updated: [{ ...q, isAnswered: true, isHighlighted: true }] } });
    expect(s.messages.items).toEqual([{ ...q, isAnswered: true, isHighlighted: true }]);
    expect(s.questions.items).toEqual([]);
    expect(s.changes.map((c) => c.n)).toEqual([1]);
    expect(applyChangeToList([q, other], { removed: [q.key], updated: [] })).toEqual([other]);
    s = reduceChatView(s, { type: 'changed', change: { removed: [], updated: [{ ...q, isAnswered: false }] } });
    expect(s.questions.items.map((m) => m.key)).toEqual([q.key]);
  });

  it('going live drops rehearsal chat from the list and the lane, and a late batch or catch-up cannot bring it back', () => {
    const [r1, r2] = [entry('多少钱', { intents: ['price'] }), entry('主播好美')];
    let s = snapshot([r1, r2], [r1]);
    const cut = { ...status, rehearsalCleared: { at: 1000, throughSeq: r2.seq + 1, count: 3 } };
    const late = entry('几号链接', { intents: ['howToBuy'] }); // arrived before the cut, sent just before it
    const live = entry('还有货吗', { intents: ['stock'] });
    s = reduceChatView(s, { type: 'status', status: cut });
    expect(s.messages.items).toEqual([]);
    expect(s.questions.items).toEqual([]);
    expect(s.clearedThroughSeq).toBe(r2.seq + 1);
    s = reduceChatView(s, { type: 'batch', batch: { batch: 1, messages: [{ ...late, seq: r2.seq + 1 }, live] } });
    s = reduceChatView(s, { type: 'synced', data: { messages: [r1, r2, live], questions: [r1, live] } });
    expect(s.messages.items.map((m) => m.key)).toEqual([live.key]);
    expect(s.questions.items.map((m) => m.key)).toEqual([live.key]);
    // A window connecting later gets the cut in the snapshot's status and keeps only what came after it.
    const fresh = reduceChatView(initialChatView(), { type: 'snapshot', snapshot: { batch: 0, messages: [r1, live], questions: [r1, live], status: cut } });
    expect(fresh.messages.items.map((m) => m.key)).toEqual([live.key]);
    expect(fresh.questions.items.map((m) => m.key)).toEqual([live.key]);
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
