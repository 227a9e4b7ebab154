import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatMessage, connectChatClient, ingestSecret, postChat, recentChat } from '../../../helpers/chat';
import { postCommand, sendCommand, startTestHub, type HubClient, type TestHub } from '../../../helpers/hub';
import Database from 'better-sqlite3';
import { join } from 'node:path';

describe('chat moderation (real hub)', () => {
  let hub: TestHub;
  let secret: string;
  const sockets: HubClient[] = [];
  beforeEach(async () => {
    hub = await startTestHub();
    secret = await ingestSecret(hub.url, hub.anchorToken);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.stop();
  });
  const client = async () => {
    const c = await connectChatClient(hub.url, hub.anchorToken);
    sockets.push(c.socket);
    return c;
  };
  const keysOf = async () => (await recentChat(hub.url, hub.anchorToken)).body.messages.map((m: { key: string }) => m.key);

  it('hides a message everywhere and records who did it', async () => {
    const { chat } = await client();
    await postChat(hub.url, secret, { messages: [chatMessage('h1', 'rude'), chatMessage('h2', 'nice')] });
    await chat.waitForKey('douyin:h2');
    const moderator = hub.tokens.issue({ id: 'mod-1', role: 'moderator', name: 'Mod' });
    expect((await postCommand(hub.url, moderator, 'chat.hide', { key: 'douyin:h1' })).status).toBe(200);
    await chat.waitForChange((c) => c.removed.includes('douyin:h1'));
    expect(await keysOf()).toEqual(['douyin:h2']);
    const again = await postCommand(hub.url, moderator, 'chat.hide', { key: 'douyin:h1' });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/not on screen/);

    const audit = hub.db.prepare("SELECT actor_id, role, command, ok FROM audit_log WHERE command LIKE 'chat.%' ORDER BY id").all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor_id: 'mod-1', role: 'moderator', command: 'chat.hide', ok: 1 },
        { actor_id: 'mod-1', role: 'moderator', command: 'chat.hide', ok: 0 },
      ]),
    );
    const chatDb = new Database(join(hub.dataDir, 'chat.db'), { readonly: true });
    try {
      expect(chatDb.prepare('SELECT actor_id, action, target FROM chat_moderation_log').all()).toEqual([
        { actor_id: 'mod-1', action: 'hide', target: 'douyin:h1' },
      ]);
    } finally {
      chatDb.close();
    }
  });

  it('refuses moderation from a viewer', async () => {
    await postChat(hub.url, secret, { messages: [chatMessage('v1', 'x')] });
    const viewer = hub.tokens.issue({ id: 'viewer-1', role: 'viewer', name: 'Viewer' });
    for (const [name, payload] of [
      ['chat.hide', { key: 'douyin:v1' }],
      ['chat.pin', { key: 'douyin:v1' }],
      ['chat.filters.set', { terms: ['x'], useSharedList: false }],
    ] as const) {
      const res = await postCommand(hub.url, viewer, name, payload);
      expect(res.status, name).toBe(403);
    }
    expect(await keysOf()).toEqual(['douyin:v1']);
  });

  it('blocks a user: their messages vanish and new ones are dropped until unblocked', async () => {
    const { chat } = await client();
    const troll = { id: 'troll', name: 'Troll' };
    await postChat(hub.url, secret, { messages: [chatMessage('b1', 'spam 1', { user: troll }), chatMessage('b2', 'ok')] });
    await chat.waitForKey('douyin:b2');
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.blockUser', { platform: 'douyin', userId: 'troll' })).status).toBe(200);
    await chat.waitForChange((c) => c.removed.includes('douyin:b1'));
    const status = await chat.waitForStatus((s) => s.blockedUsers.length === 1);
    expect(status.blockedUsers).toEqual([{ platform: 'douyin', userId: 'troll', name: 'Troll' }]);
    const more = await postChat(hub.url, secret, { messages: [chatMessage('b3', 'spam 2', { user: troll })] });
    expect(more.body).toMatchObject({ accepted: 1, blocked: 1 });
    expect(await keysOf()).toEqual(['douyin:b2']);
    await postCommand(hub.url, hub.anchorToken, 'chat.blockUser', { platform: 'douyin', userId: 'troll', isBlocked: false });
    await postChat(hub.url, secret, { messages: [chatMessage('b4', 'sorry', { user: troll })] });
    expect(await keysOf()).toEqual(['douyin:b2', 'douyin:b4']);
  });

  it('holds back messages caught by the keyword filter, including the shared banned-words list', async () => {
    const { chat } = await client();
    await postCommand(hub.url, hub.anchorToken, 'chat.filters.set', { terms: ['加微信'], useSharedList: true });
    await chat.waitForStatus((s) => s.filters.terms.includes('加微信'));
    const res = await postChat(hub.url, secret, {
      messages: [chatMessage('f1', '快 加 微 信 领红包'), chatMessage('f2', '国家级工艺'), chatMessage('f3', '好看')],
    });
    expect(res.body).toMatchObject({ accepted: 3, filtered: 2 });
    await chat.waitForKey('douyin:f3');
    expect(chat.keys()).toEqual(['douyin:f3']);
  });

  it('highlights, marks answered and pins; the pin lives in the chat status', async () => {
    const { chat } = await client();
    await postChat(hub.url, secret, { messages: [chatMessage('q1', '多少钱？')] });
    await chat.waitForKey('douyin:q1');
    await postCommand(hub.url, hub.anchorToken, 'chat.highlight', { key: 'douyin:q1', isHighlighted: true });
    expect((await chat.waitForChange((c) => c.updated.some((u) => u.isHighlighted))).updated[0]!.key).toBe('douyin:q1');
    await postCommand(hub.url, hub.anchorToken, 'chat.markAnswered', { key: 'douyin:q1', isAnswered: true });
    await chat.waitForChange((c) => c.updated.some((u) => u.isAnswered));
    await postCommand(hub.url, hub.anchorToken, 'chat.pin', { key: 'douyin:q1' });
    const pinned = await chat.waitForStatus((s) => s.pinned !== null);
    expect(pinned.pinned).toMatchObject({ key: 'douyin:q1', isHighlighted: true, isAnswered: true });
    // A fresh client sees the answered question outside the lane, and the pin.
    const later = await client();
    expect(later.chat.snapshot?.questions).toEqual([]);
    expect(later.chat.snapshot?.status.pinned?.key).toBe('douyin:q1');
    await postCommand(hub.url, hub.anchorToken, 'chat.hide', { key: 'douyin:q1' });
    await chat.waitForStatus((s) => s.pinned === null);
  });
});

describe('chat moderation racing the batch flush (real hub)', () => {
  it('a user blocked right after their messages arrive never ends up on screen', async () => {
    const { reduceChatView, initialChatView } = await import('../../../../renderer/src/features/chat/chat-view');
    const hub = await startTestHub();
    const sockets: HubClient[] = [];
    try {
      const secret = await ingestSecret(hub.url, hub.anchorToken);
      const c = await connectChatClient(hub.url, hub.anchorToken);
      sockets.push(c.socket);
      // Events applied in arrival order, the way a window does.
      let view = reduceChatView(initialChatView(), { type: 'snapshot', snapshot: c.chat.snapshot! });
      const untyped = c.socket as unknown as { on(e: string, l: (p: any) => void): void };
      untyped.on('chat.batch', (batch) => (view = reduceChatView(view, { type: 'batch', batch })));
      untyped.on('chat.changed', (change) => (view = reduceChatView(view, { type: 'changed', change })));
      const spam = Array.from({ length: 50 }, (_, i) => chatMessage(`spam${i}`, `spam ${i}`, { user: { id: 'spammer', name: 'S' } }));
      await postChat(hub.url, secret, { messages: spam });
      // No wait: the block usually lands while the spam is still queued for the next flush.
      await postCommand(hub.url, hub.anchorToken, 'chat.blockUser', { platform: 'douyin', userId: 'spammer' });
      await postChat(hub.url, secret, { messages: [chatMessage('after', 'marker')] });
      await c.chat.waitForKey('douyin:after');
      expect(view.messages.items.map((m) => m.key)).toEqual(['douyin:after']);
    } finally {
      for (const s of sockets) s.close();
      await hub.stop();
    }
  });
  it('blocking a spammer while their messages and others\' arrive in any order (fc.scheduler): none of theirs stays on screen, everyone else\'s does', async () => {
    const { reduceChatView, initialChatView } = await import('../../../../renderer/src/features/chat/chat-view');
    const hub = await startTestHub();
    const sockets: HubClient[] = [];
    try {
      const secret = await ingestSecret(hub.url, hub.anchorToken);
      const c = await connectChatClient(hub.url, hub.anchorToken);
      sockets.push(c.socket);
      let view = reduceChatView(initialChatView(), { type: 'snapshot', snapshot: c.chat.snapshot! });
      const untyped = c.socket as unknown as { on(e: string, l: (p: any) => void): void };
      untyped.on('chat.batch', (batch) => (view = reduceChatView(view, { type: 'batch', batch })));
      untyped.on('chat.changed', (change) => (view = reduceChatView(view, { type: 'changed', change })));
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 6 }), async (s, posts) => {
          run += 1;
          const spammer = `spammer-${run}`;
          // Each post is a batch from the spammer or from a regular viewer; the block goes out somewhere among them.
          const sent = posts.map(([isSpam, count], i) => {
            const messages = Array.from({ length: count }, (_, j) =>
              chatMessage(`r${run}-p${i}-${j}`, `${isSpam ? 'spam' : 'hello'} ${j}`, { user: isSpam ? { id: spammer, name: 'S' } : { id: `fan-${i}`, name: 'Fan' } }),
            );
            return s.schedule(Promise.resolve(), `post ${i}: ${count} from ${isSpam ? 'the spammer' : 'a fan'}`).then(async () => {
              const res = await postChat(hub.url, secret, { messages });
              expect(res.status).toBe(200);
              return messages.map((m) => `douyin:${m.id}`);
            });
          });
          const block = s.schedule(Promise.resolve(), 'block the spammer').then(() => sendCommand(c.socket, 'chat.blockUser', { platform: 'douyin', userId: spammer }));
          await s.waitFor(Promise.all([...sent, block]));
          expect(await block).toMatchObject({ ok: true });
          // Batches go out in order: once a marker sent last is on screen, everything before it was flushed.
          const marker = `r${run}-marker`;
          await postChat(hub.url, secret, { messages: [chatMessage(marker, 'marker')] });
          await c.chat.waitForKey(`douyin:${marker}`);
          const posted = (await Promise.all(sent)).flat();
          const spamKeys = new Set(posts.flatMap(([isSpam, count], i) => (isSpam ? Array.from({ length: count }, (_, j) => `douyin:r${run}-p${i}-${j}`) : [])));
          const onScreen = view.messages.items.map((m) => m.key).filter((k) => k.includes(`:r${run}-`));
          expect(onScreen.filter((k) => spamKeys.has(k)), s.toString()).toEqual([]);
          expect([...onScreen].sort(), s.toString()).toEqual([...posted.filter((k) => !spamKeys.has(k)), `douyin:${marker}`].sort());
        }),
        { numRuns: Number(process.env.ANCHOR_MODEL_RUNS ?? 30) },
      );
    } finally {
      for (const s of sockets) s.close();
      await hub.stop();
    }
  }, 120_000);
});
