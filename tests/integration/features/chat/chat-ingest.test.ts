import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectChatClient, chatMessage, ingestSecret, postChat, recentChat } from '../../../helpers/chat';
import { connectClient, postCommand, sendCommand, startTestHub, type HubClient, type TestHub } from '../../../helpers/hub';
import { signWebhook } from '../../../../electron/core/hub/auth/webhook-auth';
import { waitUntil } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

describe('chat ingest and delivery (real hub: HTTP + socket.io + SQLite)', () => {
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
  const client = async (token = hub.anchorToken) => {
    const c = await connectChatClient(hub.url, token);
    sockets.push(c.socket);
    return c;
  };

  it('accepts a signed batch, batches it to clients with derived intents, and serves it from /recent', async () => {
    const { chat } = await client();
    const res = await postChat(hub.url, secret, {
      messages: [chatMessage('1', '这个多少钱？'), chatMessage('2', 'hello from Toronto', { platform: 'youtube' })],
    });
    expect(res).toMatchObject({ status: 200, body: { ok: true, accepted: 2, duplicates: 0 } });
    const first = await chat.waitForKey('douyin:1');
    expect(first).toMatchObject({ text: '这个多少钱？', intents: ['price'], isHighlighted: false, isAnswered: false });
    const second = await chat.waitForKey('youtube:2');
    expect(second.intents).toEqual([]);
    expect(second.seq).toBeGreaterThan(first.seq);
    const recent = await recentChat(hub.url, hub.anchorToken, '?limit=10');
    expect(recent.status).toBe(200);
    expect(recent.body.messages.map((m: { key: string }) => m.key)).toEqual(['douyin:1', 'youtube:2']);
  });

  it('rejects bad signature (401), stale timestamp (401), malformed JSON (400), schema violations (400) and 1 MiB+ bodies (413), storing nothing', async () => {
    const { chat } = await client();
    const good = { messages: [chatMessage('r1', 'rejected?')] };
    const badSig = await postChat(hub.url, secret, good, { signature: signWebhook('x'.repeat(43), Math.floor(Date.now() / 1000), JSON.stringify(good)) });
    expect(badSig.status).toBe(401);
    expect(badSig.body.error.message).toMatch(/X-Anchor-Signature/);
    const staleTs = Math.floor(Date.now() / 1000) - 301;
    const stale = await postChat(hub.url, secret, good, { timestampSeconds: staleTs });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toMatch(/5 minutes/);
    const notJson = await postChat(hub.url, secret, '{"messages": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    const schema = await postChat(hub.url, secret, { messages: [{ ...chatMessage('r2', 'x'), kind: 'shout' }, chatMessage('r3', 'fine')] });
    expect(schema.status).toBe(400);
    expect(schema.body.error.message).toMatch(/messages\.0\.kind/);
    const extra = await postChat(hub.url, secret, { messages: [{ ...chatMessage('r4', 'x'), admin: true }] });
    expect(extra.status).toBe(400);
    const big = await postChat(hub.url, secret, { messages: [chatMessage('r5', 'x'.repeat(1024 * 1024))] });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    for (const r of [badSig, stale, notJson, schema, big]) expect(JSON.stringify(r.body)).not.toContain(secret);

    // A marker after the rejections: once it arrives, every earlier batch would have arrived before it.
    expect((await postChat(hub.url, secret, { messages: [chatMessage('marker', 'after the rejections')] })).status).toBe(200);
    await chat.waitForKey('douyin:marker');
    expect(chat.keys()).toEqual(['douyin:marker']);
    expect((await recentChat(hub.url, hub.anchorToken)).body.messages.map((m: { key: string }) => m.key)).toEqual(['douyin:marker']);
    expect(hub.logLines.join('\n')).not.toContain(secret);
  });

  it('drops duplicates by (platform, id): within a batch, across batches and after a restart', async () => {
    const { chat } = await client();
    const a = chatMessage('d1', 'first');
    const first = await postChat(hub.url, secret, { messages: [a, a, chatMessage('d1', 'same id other platform', { platform: 'kuaishou' })] });
    expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 });
    const again = await postChat(hub.url, secret, { messages: [a, chatMessage('d2', 'second')] });
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1 });
    await chat.waitForKey('douyin:d2');
    expect(chat.keys().sort()).toEqual(['douyin:d1', 'douyin:d2', 'kuaishou:d1']);

    const old = hub;
    await old.close();
    const restarted = await startTestHub({ dataDir: old.dataDir });
    try {
      const res = await postChat(restarted.url, secret, { messages: [a] });
      expect(res.body).toMatchObject({ accepted: 0, duplicates: 1 });
    } finally {
      await restarted.close();
      await old.stop();
    }
    hub = await startTestHub(); // afterEach stops this one
  });

  it('guards /recent with a bearer token and validates the limit', async () => {
    expect((await recentChat(hub.url, null)).status).toBe(401);
    expect((await recentChat(hub.url, hub.anchorToken, '?limit=0')).status).toBe(400);
    const bad = await recentChat(hub.url, hub.anchorToken, '?limit=abc');
    expect(bad.body.error.message).toMatch(/limit must be a whole number/);
    await postChat(hub.url, secret, { messages: [1, 2, 3, 4].map((i) => chatMessage(`l${i}`, `m${i}`)) });
    const viewer = hub.tokens.issue({ id: 'viewer-1', role: 'viewer', name: 'Viewer' });
    const two = await recentChat(hub.url, viewer, '?limit=2');
    expect(two.body.messages.map((m: { text: string }) => m.text)).toEqual(['m3', 'm4']);
  });

  it('sends a snapshot with recent messages and open questions on connect, and chat.sync returns what came after a seq', async () => {
    await postChat(hub.url, secret, { messages: [chatMessage('s1', 'hi'), chatMessage('s2', 'how much is it?'), chatMessage('s3', '还有货吗')] });
    const { chat } = await client();
    expect(chat.snapshot?.messages.map((m) => m.key)).toEqual(['douyin:s1', 'douyin:s2', 'douyin:s3']);
    expect(chat.snapshot?.questions.map((q) => [q.entry.key, q.entry.intents, q.askCount])).toEqual([
      ['douyin:s2', ['price'], 1],
      ['douyin:s3', ['stock'], 1],
    ]);
    const afterSeq = chat.snapshot!.messages[0]!.seq;
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    const sync = await sendCommand(anchor, 'chat.sync', { afterSeq });
    expect(sync.ok && (sync.data as { messages: { key: string }[] }).messages.map((m) => m.key)).toEqual(['douyin:s2', 'douyin:s3']);
  });

  it('detects product mentions from the product list set by chat.products.set', async () => {
    const set = await postCommand(hub.url, hub.anchorToken, 'chat.products.set', {
      products: [
        { id: 'teapot', title: '紫砂壶', aliases: ['西施壶', 'clay teapot'] },
        { id: 'cups', title: 'Celadon cup set', aliases: [] },
      ],
    });
    expect(set.status).toBe(200);
    const { chat } = await client();
    expect(chat.snapshot?.status.products.map((p) => p.id)).toEqual(['teapot', 'cups']);
    await postChat(hub.url, secret, { messages: [chatMessage('p1', '西施壶还有吗'), chatMessage('p2', 'love the celadon cup set')] });
    expect((await chat.waitForKey('douyin:p1')).productIds).toEqual(['teapot']);
    expect(await chat.waitForKey('douyin:p2')).toMatchObject({ productIds: ['cups'], intents: [] });
  });

  it('gives the ingest secret to the anchor only and never broadcasts or logs it', async () => {
    const producer = hub.tokens.issue({ id: 'producer-1', role: 'producer', name: 'Producer' });
    const refused = await postCommand(hub.url, producer, 'chat.ingestInfo', {});
    expect(refused.status).toBe(403);
    const info = await postCommand(hub.url, hub.anchorToken, 'chat.ingestInfo', {});
    expect(info.body.data).toMatchObject({ endpoint: `${hub.url}/api/v1/chat`, secret, isFromEnv: false });
    const { chat } = await client();
    expect(JSON.stringify(chat.snapshot)).not.toContain(secret);
    expect(hub.logLines.join('\n')).not.toContain(secret);
  });

  it('runs the rehearsal simulator through the signed endpoint until stopped', async () => {
    const { chat } = await client();
    const started = await postCommand(hub.url, hub.anchorToken, 'chat.simulator.start', {
      ratePerSecond: 50,
      zhShare: 0.5,
      questionShare: 0.5,
      mentionShare: 0,
      burst: null,
    });
    expect(started.status).toBe(200);
    await chat.waitForStatus((s) => s.simulator?.ratePerSecond === 50);
    await waitUntil(() => chat.keys().length >= 20, QUICK_MS, '20 simulated chat messages');
    expect(chat.batches.flatMap((b) => b.messages).every((m) => m.platform === 'rehearsal')).toBe(true);
    expect(chat.batches.flatMap((b) => b.messages).some((m) => m.intents.length > 0)).toBe(true);
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.simulator.stop', {})).status).toBe(200);
    await chat.waitForStatus((s) => s.simulator === null);
    const viewer = hub.tokens.issue({ id: 'viewer-2', role: 'viewer', name: 'Viewer' });
    expect((await postCommand(hub.url, viewer, 'chat.simulator.start', { ratePerSecond: 1, zhShare: 1, questionShare: 0, mentionShare: 0, burst: null })).status).toBe(403);
  });
});
