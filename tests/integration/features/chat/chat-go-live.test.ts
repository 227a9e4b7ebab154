import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../electron/features/chat/domain/chat';
import { initialChatView, reduceChatView, type ChatViewState } from '../../../../renderer/src/features/chat/chat-view';
import { chatMessage, connectChatClient, ingestSecret, postChat, recentChat } from '../../../helpers/chat';
import { connectFakeEngine } from '../../../helpers/fake-engine';
import { postCommand, sendCommand, startTestHub, type HubClient } from '../../../helpers/hub';
import { waitUntil } from '../../../helpers/wait';

/** A window's chat as it would show it: every chat event applied in arrival order by the UI's own reducer. */
interface Window {
  socket: HubClient;
  view(): ChatViewState;
  keys(): string[];
  questionKeys(): string[];
  waitFor(what: string, check: (v: ChatViewState) => boolean): Promise<void>;
}

async function openWindow(url: string, token: string): Promise<Window> {
  const { socket, chat } = await connectChatClient(url, token);
  let view = reduceChatView(initialChatView(), { type: 'snapshot', snapshot: chat.snapshot! });
  const untyped = socket as unknown as { on(e: string, l: (p: any) => void): void };
  untyped.on('chat.batch', (batch) => (view = reduceChatView(view, { type: 'batch', batch })));
  untyped.on('chat.changed', (change) => (view = reduceChatView(view, { type: 'changed', change })));
  untyped.on('chat.status', (status) => (view = reduceChatView(view, { type: 'status', status })));
  untyped.on('chat.lane', (lane) => (view = reduceChatView(view, { type: 'lane', lane })));
  return {
    socket,
    view: () => view,
    keys: () => view.messages.items.map((m) => m.key),
    questionKeys: () => view.questions.map((q) => q.entry.key),
    waitFor: async (what, check) => void (await waitUntil(() => check(view), 5000, what, 10)),
  };
}

describe('going live clears what chat made in rehearsal (real hub, socket.io, SQLite; fake engine)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const start = async (dataDir?: string, port?: number) => {
    const hub = await startTestHub(dataDir ? { dataDir, port } : {});
    const engine = await connectFakeEngine(hub);
    return { hub, engine };
  };

  it('unpins, empties the list and the lane in every window, and nothing of rehearsal comes back: late window, sync, /recent, restart', async () => {
    let { hub, engine } = await start();
    const dataDir = hub.dataDir;
    const port = Number(new URL(hub.url).port);
    const windows: Window[] = [];
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(async () => {
      for (const w of windows) w.socket.close();
      await engine.close();
      await hub.close();
    });
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    const producer = hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' });
    const cohost = hub.tokens.issue({ id: 'cohost-1', role: 'moderator', name: 'Co-host' });
    await postCommand(hub.url, hub.anchorToken, 'chat.products.set', { products: [{ id: 'teapot', title: '紫砂壶', aliases: ['clay teapot'] }] });
    for (const token of [hub.anchorToken, producer, cohost]) windows.push(await openWindow(hub.url, token));
    const [anchorWin] = windows;

    // Rehearsal: chatter, buyer questions, a pinned question painted onto the stream.
    await postChat(hub.url, secret, {
      messages: [chatMessage('r1', '紫砂壶多少钱？'), chatMessage('r2', '主播好美'), chatMessage('r3', 'how much is the clay teapot?', { platform: 'youtube' })],
    });
    for (const w of windows) await w.waitFor('rehearsal chat in every window', (v) => v.messages.items.length === 3 && v.questions.length === 2);
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.pin', { key: 'douyin:r1' })).status).toBe(200);
    await waitUntil(() => engine.lastOverlay()?.pinned?.text === '紫砂壶多少钱？', 5000, 'the pinned question on the stream');
    // The rehearsal simulator is running when the anchor goes live.
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.simulator.start', { ratePerSecond: 50, zhShare: 0.8, questionShare: 0.3, mentionShare: 0.2, burst: null })).status).toBe(200);
    await anchorWin!.waitFor('simulated chat', (v) => v.messages.items.some((m) => m.platform === 'rehearsal'));
    // One more rehearsal message goes in right before the switch (it may still wait in the hub's 50 ms batch).
    await postChat(hub.url, secret, { messages: [chatMessage('r4', '几号链接？')] });

    await engine.goLive();
    expect(hub.store.current.live.isLive).toBe(true);
    // The first live frame has no rehearsal pin: the card was painted without it before OBS was told to start
    // (seen on the real stream: the pin lingered for the first frames while the hub cleared chat after going live).
    const outputStart = engine.requests.findIndex((r) => r.name === 'output.start');
    const renders = engine.requests.map((r, i) => ({ i, pinned: r.name === 'overlay.render' ? (r.payload as { pinned: unknown }).pinned : undefined }));
    const lastPinned = renders.filter((r) => r.pinned).at(-1)!.i;
    const unpinned = renders.find((r) => r.i > lastPinned && r.pinned === null)?.i ?? -1;
    expect(outputStart).toBeGreaterThan(-1);
    expect(unpinned, 'the unpinned card before output.start').toBeGreaterThan(-1);
    expect(unpinned).toBeLessThan(outputStart);

    // The stream drops the pin; every window drops the pin, the list and the lane.
    await waitUntil(() => engine.lastOverlay()?.pinned === null, 5000, 'the pin gone from the stream');
    for (const w of windows) await w.waitFor('the pin gone in every window', (v) => v.status?.pinned === null);
    await waitUntil(() => hub.store.current.version > 0 && anchorWin!.view().status?.simulator === null, 5000, 'the simulator stopped');
    const live = [chatMessage('l1', '还有货吗？'), chatMessage('l2', '来了来了'), chatMessage('l3', 'is the teapot in stock?', { platform: 'youtube' })];
    await postChat(hub.url, secret, { messages: live });
    for (const w of windows) {
      // The lane follows within LANE_PUBLISH_MS of the batch.
      await w.waitFor('live chat and its questions in every window', (v) => v.messages.items.some((m) => m.key === 'youtube:l3') && v.questions.length === 2);
      expect(w.keys()).toEqual(['douyin:l1', 'douyin:l2', 'youtube:l3']);
      expect(w.questionKeys().sort()).toEqual(['douyin:l1', 'youtube:l3']);
    }
    // The simulator may not run on air.
    const simulate = await postCommand(hub.url, hub.anchorToken, 'chat.simulator.start', { ratePerSecond: 5, zhShare: 1, questionShare: 0, mentionShare: 0, burst: null });
    expect(simulate.status).toBe(422);
    expect(simulate.body.error.message).toMatch(/live/);
    // A simulator post still in flight at going live lands after the cut: dropped, not shown on air.
    const inFlight = await postChat(hub.url, secret, { messages: [chatMessage('sim-late', '多少钱', { platform: 'rehearsal' })] });
    expect(inFlight.body).toMatchObject({ accepted: 0, droppedRehearsal: 1 });
    // A rehearsal message cannot be pinned back onto the stream.
    const repin = await postCommand(hub.url, hub.anchorToken, 'chat.pin', { key: 'douyin:r1' });
    expect(repin.status).toBe(422);

    // A window that connects later, a window catching up from seq 0, and the HTTP API: live chat only.
    const late = await openWindow(hub.url, cohost);
    windows.push(late);
    expect(late.keys()).toEqual(['douyin:l1', 'douyin:l2', 'youtube:l3']);
    expect(late.questionKeys().sort()).toEqual(['douyin:l1', 'youtube:l3']);
    expect(late.view().status?.pinned).toBeNull();
    const sync = await sendCommand(late.socket, 'chat.sync', { afterSeq: 0 });
    expect(sync.ok && (sync.data as { messages: ChatEntry[] }).messages.map((m) => m.key)).toEqual(['douyin:l1', 'douyin:l2', 'youtube:l3']);
    const recent = await recentChat(hub.url, hub.anchorToken, '?limit=500');
    expect(recent.body.messages.map((m: ChatEntry) => m.key)).toEqual(['douyin:l1', 'douyin:l2', 'youtube:l3']);
    // The status says what was cleared and when, for the screens and the report.
    expect(late.view().status?.rehearsalCleared).toMatchObject({ at: hub.store.current.live.startedAt, count: expect.any(Number) });
    expect(late.view().status!.rehearsalCleared!.count).toBeGreaterThanOrEqual(4);

    // A hub restart mid-show brings none of it back.
    for (const w of windows.splice(0)) w.socket.close();
    await engine.close();
    await hub.close();
    ({ hub, engine } = await start(dataDir, port));
    expect(hub.store.current.live.isLive).toBe(true);
    const afterRestart = await openWindow(hub.url, hub.anchorToken);
    windows.push(afterRestart);
    expect(afterRestart.keys()).toEqual(['douyin:l1', 'douyin:l2', 'youtube:l3']);
    expect(afterRestart.questionKeys().sort()).toEqual(['douyin:l1', 'youtube:l3']);
    expect(afterRestart.view().status?.pinned).toBeNull();
  });

  it('a hub that stopped between going live and clearing chat clears it when it starts again', async () => {
    let { hub, engine } = await start();
    const dataDir = hub.dataDir;
    const port = Number(new URL(hub.url).port);
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(async () => {
      await engine.close();
      await hub.close();
    });
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    await postChat(hub.url, secret, { messages: [chatMessage('r1', '多少钱？'), chatMessage('r2', '主播好美')] });
    await postCommand(hub.url, hub.anchorToken, 'chat.pin', { key: 'douyin:r1' });
    await engine.goLive();
    await engine.close();
    await hub.close();
    // Undo what chat wrote at go-live, as if the hub died right after the show's state was saved.
    const db = new Database(join(dataDir, 'chat.db'));
    try {
      db.prepare("UPDATE chat_messages SET status = 'visible' WHERE status <> 'visible'").run();
      db.prepare("DELETE FROM chat_settings WHERE key = 'rehearsalCleared'").run();
      db.prepare("INSERT INTO chat_settings (key, value) VALUES ('pinned', '\"douyin:r1\"') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    } finally {
      db.close();
    }
    ({ hub, engine } = await start(dataDir, port));
    const window = await openWindow(hub.url, hub.anchorToken);
    cleanups.push(() => void window.socket.close());
    expect(window.keys()).toEqual([]);
    expect(window.questionKeys()).toEqual([]);
    expect(window.view().status?.pinned).toBeNull();
  });
});
