import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../electron/features/chat/domain/chat';
import { LANE_LIMITS } from '../../../../electron/features/chat/domain/question-lane';
import type { ChatLaneQuestion } from '../../../../electron/features/chat/protocol/chat-events';
import { seededRandom } from '../../../../electron/features/chat/domain/chat-simulation';
import { chatMessage, connectChatClient, ingestSecret, postChat } from '../../../helpers/chat';
import { connectClient, postCommand, sendCommand, startTestHub, type HubClient, type TestHub } from '../../../helpers/hub';
import { product, productCue } from '../../../helpers/rundown';
import { waitUntil } from '../../../helpers/wait';

const LANE_CAPACITY = LANE_LIMITS.capacity;

const QUESTIONS = [
  '紫砂壶多少钱', '紫砂壶几号链接？', '品茗杯还有货吗', '茶盘包邮吗', '能便宜点吗', '紫砂壶是手工的吗', '想要品茗杯', '几天到',
  'how much is the clay teapot?', 'is the tea tray in stock?', 'what size are the tea cups?', 'I want one!',
];
const CHATTER = ['紫砂壶主播好美', '品茗杯哈哈哈哈', '茶盘666', '紫砂壶好看', '关注了', '666', '哈哈哈哈', 'love the clay teapot', 'tea cups so pretty', 'nice'];

/** The first ask of a lane question. */
const messageOf = (q: ChatLaneQuestion): ChatEntry => q.entry;

describe('the buyer-questions lane under a flood (real hub: HTTP + socket.io + SQLite)', () => {
  let hub: TestHub;
  const sockets: HubClient[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  });

  it('30 s at 20 msg/s of mostly chatter naming products: the lane holds the real questions only, bounded, grouped; answered ones stay gone after a restart', async () => {
    hub = await startTestHub();
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    await postCommand(hub.url, hub.anchorToken, 'chat.products.set', {
      products: [
        { id: 'teapot', title: '紫砂壶', aliases: ['clay teapot'] },
        { id: 'cups', title: '品茗杯', aliases: ['tea cups'] },
        { id: 'tray', title: '茶盘', aliases: ['tea tray'] },
      ],
    });
    const random = seededRandom(21);
    let n = 0;
    // 30 s of chat at 20 msg/s (600 messages), posted as fast as the hub takes them, ten at a time; one in ten asks.
    for (let batch = 0; batch < 60; batch += 1) {
      const messages = Array.from({ length: 10 }, () => {
        n += 1;
        const isQuestion = random() < 0.1;
        const list = isQuestion ? QUESTIONS : CHATTER;
        return chatMessage(`f${n}`, list[Math.floor(random() * list.length)]!, { user: { id: `u${n % 97}`, name: `viewer ${n % 97}` } });
      });
      expect((await postChat(hub.url, secret, { messages })).status).toBe(200);
    }
    const late = await connectChatClient(hub.url, hub.anchorToken);
    sockets.push(late.socket);
    const lane = late.chat.snapshot!.questions.map(messageOf);
    expect(lane.length).toBeGreaterThan(0);
    expect(lane.length).toBeLessThanOrEqual(LANE_CAPACITY);
    expect(lane.filter((m) => !QUESTIONS.includes(m.text)).map((m) => m.text)).toEqual([]);
    // Each question once, however many viewers asked it.
    expect(new Set(lane.map((m) => m.text)).size).toBe(lane.length);

    // Answered: the question leaves the lane, with everyone who asked it, and a restart does not bring it back.
    const answered = lane[0]!;
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.markAnswered', { key: answered.key, isAnswered: true })).status).toBe(200);
    const dismissed = lane[1]!;
    expect((await postCommand(hub.url, hub.anchorToken, 'chat.dismiss', { key: dismissed.key })).status).toBe(200);
    const textsNow = async () => {
      const c = await connectChatClient(hub.url, hub.anchorToken);
      sockets.push(c.socket);
      return c.chat.snapshot!.questions.map((q) => messageOf(q).text);
    };
    await waitUntil(async () => !(await textsNow()).includes(answered.text), 5000, 'the answered question gone');
    expect(await textsNow()).not.toContain(dismissed.text);
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir });
    const afterRestart = await textsNow();
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(afterRestart).not.toContain(answered.text);
    expect(afterRestart).not.toContain(dismissed.text);
    expect(afterRestart.filter((t) => !QUESTIONS.includes(t))).toEqual([]);
  });

  it('ranks questions about the live cue\'s product first, and re-ranks for every window when the cue changes', async () => {
    hub = await startTestHub();
    const secret = await ingestSecret(hub.url, hub.anchorToken);
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    const ok = async (name: string, payload: unknown) => {
      const result = await sendCommand(anchor, name, payload);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    };
    await ok('catalog.upsert', { products: [product('POT', { title: { zh: '紫砂壶', en: 'clay teapot' } }), product('CUP', { title: { zh: '品茗杯', en: 'tea cups' } })] });
    await ok('cue.add', { cue: productCue('c-pot', 'POT') });
    await ok('cue.add', { cue: productCue('c-cup', 'CUP') });
    await ok('cue.goto', { id: 'c-pot' });
    const { socket, chat } = await connectChatClient(hub.url, hub.anchorToken);
    sockets.push(socket);
    const lanes: ChatLaneQuestion[][] = [];
    (socket as unknown as { on(e: string, l: (p: { questions: ChatLaneQuestion[] }) => void): void }).on('chat.lane', (e) => lanes.push(e.questions));
    await waitUntil(() => [chat.snapshot!.status, ...chat.statuses].some((st) => st.products.some((p) => p.id === 'CUP')), 5000, 'the cue products reach chat');
    await postChat(hub.url, secret, { messages: [chatMessage('q1', '品茗杯多少钱'), chatMessage('q2', '紫砂壶多少钱')] });
    const first = (lane?: ChatLaneQuestion[]) => lane?.[0]?.entry.text;
    await waitUntil(() => lanes.length > 0 && lanes.at(-1)!.length === 2, 5000, 'both questions in the lane');
    expect(first(lanes.at(-1))).toBe('紫砂壶多少钱');
    await ok('cue.goto', { id: 'c-cup' });
    await waitUntil(() => first(lanes.at(-1)) === '品茗杯多少钱', 5000, 'the cups question first once their cue is live');
  });
});

