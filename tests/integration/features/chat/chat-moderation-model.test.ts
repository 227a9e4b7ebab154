import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../../electron/core/protocol';
import type { ChatEntry } from '../../../../electron/features/chat/domain/chat';
import type { ChatLaneEvent } from '../../../../electron/features/chat/protocol/chat-events';
import { chatMessage, connectChatClient, ingestSecret, postChat, recentChat, type ChatRecorder } from '../../../helpers/chat';
import { connectFakeEngine, type FakeEngine } from '../../../helpers/fake-engine';
import { sendCommand, startTestHub, type HubClient, type TestHub } from '../../../helpers/hub';
import { QUICK_MS } from '../../../helpers/timeouts';
import { waitUntil } from '../../../helpers/wait';
import { ChatModerationModel, type ChatOutcome } from '../../../models/chat-moderation-model';

/**
 * Model-based test of chat moderation on a real hub: random sequences of viewers' messages (signed POST, as a platform
 * bridge), a moderator hiding, highlighting, pinning, unpinning and dismissing (over socket.io, with the moderator's
 * token), and the show going on air and ending. After every step the hub's answer, the messages on screen (with their
 * flags), the pinned message and the questions lane must be what the independent model
 * (tests/models/chat-moderation-model.ts) says.
 *
 * The engine is a fake (tests/helpers/fake-engine.ts): going live needs one, and this test is about chat's rules.
 */

/** Texts viewers send, with whether they ask something (written here, not asked of the studio's parser). */
const TEXTS: ReadonlyArray<{ text: string; isQuestion: boolean }> = [
  { text: '多少钱？', isQuestion: true },
  { text: 'Does it come in a bigger size?', isQuestion: true },
  { text: '怎么买？', isQuestion: true },
  { text: '好看', isQuestion: false },
  { text: 'hello everyone', isQuestion: false },
];

/** What the runs covered: the property must have met the interesting cases. */
const seen = new Set<string>();

interface World {
  chat: ChatModerationModel;
  isLive: boolean;
}

interface Real {
  hub: TestHub;
  engine: FakeEngine;
  moderator: HubClient;
  recorder: ChatRecorder;
  /** The last questions lane the moderator's window got. */
  lane: () => ChatLaneEvent['questions'];
  secret: string;
  posted: number;
}

/** What the moderator acts on: a message by position (it may be hidden or cleared by now), or (n = 12) one never sent. */
function pick(w: Readonly<World>, n: number): string {
  const all = w.chat.messages;
  return all.length === 0 || n === 12 ? `douyin:never-sent-${n}` : all[n % all.length]!.key;
}

function outcomeOf(result: CommandResult): ChatOutcome | string {
  if (result.ok) return 'done';
  return /is not on screen/.test(result.error.message) ? 'notOnScreen' : `${result.error.code}: ${result.error.message}`;
}

async function checkChat(w: World, r: Real, after: string): Promise<void> {
  const recent = await recentChat(r.hub.url, r.hub.anchorToken, '?limit=500');
  expect(recent.status).toBe(200);
  const onScreen = (recent.body.messages as ChatEntry[]).map((e) => ({ key: e.key, isQuestion: e.isQuestion, isHighlighted: e.isHighlighted, isDismissed: e.isDismissed }));
  expect(onScreen, `messages on screen after ${after}`).toEqual(
    w.chat.visible().map((m) => ({ key: m.key, isQuestion: m.isQuestion, isHighlighted: m.isHighlighted, isDismissed: m.isDismissed })),
  );
  const board = [...w.chat.board.values()].map((q) => ({ key: q.first, askCount: q.askCount })).sort((a, b) => a.key.localeCompare(b.key));
  const lane = () => r.lane().map((q) => ({ key: q.entry.key, askCount: q.askCount })).sort((a, b) => a.key.localeCompare(b.key));
  await waitUntil(() => JSON.stringify(lane()) === JSON.stringify(board), QUICK_MS, `the lane ${JSON.stringify(board)} after ${after} (window has ${JSON.stringify(lane())})`);
  const pinned = () => r.recorder.statuses.at(-1)?.pinned?.key ?? r.recorder.snapshot?.status.pinned?.key ?? null;
  await waitUntil(() => pinned() === w.chat.pinned, QUICK_MS, `pinned ${w.chat.pinned} after ${after} (window has ${pinned()})`);
}

/** A viewer's message arrives through the signed chat endpoint. */
class Post implements fc.AsyncCommand<World, Real> {
  constructor(
    readonly text: number,
    readonly user: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(w: World, r: Real): Promise<void> {
    const id = `m${(r.posted += 1)}`;
    const { text, isQuestion } = TEXTS[this.text]!;
    const posted = await postChat(r.hub.url, r.secret, { messages: [chatMessage(id, text, { user: { id: `u${this.user}`, name: `viewer ${this.user}` } })] });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    w.chat.arrive(`douyin:${id}`, text, isQuestion);
    await checkChat(w, r, this.toString());
  }
  toString(): string {
    return `u${this.user} says "${TEXTS[this.text]!.text}"`;
  }
}

/** A moderator's command on a message picked by position. */
class Moderate implements fc.AsyncCommand<World, Real> {
  constructor(
    readonly action: 'hide' | 'highlight' | 'unhighlight' | 'pin' | 'unpin' | 'dismiss',
    readonly n: number,
  ) {}
  check(): boolean {
    return true;
  }
  async run(w: World, r: Real): Promise<void> {
    const key = pick(w, this.n);
    const [name, payload, expected] = ((): [string, object, ChatOutcome] => {
      switch (this.action) {
        case 'hide':
          return ['chat.hide', { key }, w.chat.hide(key)];
        case 'highlight':
        case 'unhighlight':
          return ['chat.highlight', { key, isHighlighted: this.action === 'highlight' }, w.chat.highlight(key, this.action === 'highlight')];
        case 'pin':
          return ['chat.pin', { key }, w.chat.pin(key)];
        case 'unpin':
          return ['chat.pin', { key: null }, w.chat.pin(null)];
        case 'dismiss':
          return ['chat.dismiss', { key }, w.chat.dismiss(key)];
      }
    })();
    const result = await sendCommand(r.moderator, name, payload);
    expect(outcomeOf(result), `answer to ${this.action} ${key}: ${JSON.stringify(result)}`).toBe(expected);
    seen.add(`${this.action} ${expected}`);
    if (this.action === 'dismiss' && expected === 'done' && w.chat.messages.filter((m) => m.isDismissed).length > 1) seen.add('dismiss closed several asks');
    await checkChat(w, r, `${this.action} ${key}`);
  }
  toString(): string {
    return `${this.action} #${this.n}`;
  }
}

class GoLive implements fc.AsyncCommand<World, Real> {
  check(w: Readonly<World>): boolean {
    return !w.isLive;
  }
  async run(w: World, r: Real): Promise<void> {
    await r.engine.goLive();
    if (w.chat.pinned !== null) seen.add('go live with a pin');
    if (w.chat.board.size > 0) seen.add('go live with questions');
    w.isLive = true;
    w.chat.goLive();
    await checkChat(w, r, 'go live');
  }
  toString(): string {
    return 'go live';
  }
}

class EndShow implements fc.AsyncCommand<World, Real> {
  check(w: Readonly<World>): boolean {
    return w.isLive;
  }
  async run(w: World, r: Real): Promise<void> {
    await r.engine.endShow();
    w.isLive = false;
    await checkChat(w, r, 'end show');
  }
  toString(): string {
    return 'end show';
  }
}

const commands = [
  fc.tuple(fc.nat(TEXTS.length - 1), fc.nat(3)).map(([t, u]) => new Post(t, u)),
  fc.tuple(fc.constantFrom('hide', 'highlight', 'unhighlight', 'pin', 'unpin', 'dismiss') as fc.Arbitrary<Moderate['action']>, fc.nat(12)).map(([a, n]) => new Moderate(a, n)),
  fc.constant(new GoLive()),
  fc.constant(new EndShow()),
];

describe('chat moderation against an independent model (real hub, socket.io, signed chat ingest, SQLite; fake engine)', () => {
  it('shows, pins and lists questions as the model says after every message, moderation, go live and end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
        const hub = await startTestHub();
        const engine = await connectFakeEngine(hub);
        const { socket: moderator, chat: recorder } = await connectChatClient(hub.url, hub.tokens.issue({ id: 'mod', role: 'moderator', name: 'Mod' }));
        let lane: ChatLaneEvent['questions'] = recorder.snapshot?.questions ?? [];
        (moderator as unknown as { on(e: string, l: (p: ChatLaneEvent) => void): void }).on('chat.lane', (e) => (lane = e.questions));
        try {
          const real: Real = { hub, engine, moderator, recorder, lane: () => lane, secret: await ingestSecret(hub.url, hub.anchorToken), posted: 0 };
          await fc.asyncModelRun(() => ({ model: { chat: new ChatModerationModel(), isLive: false }, real }), cmds);
        } finally {
          moderator.close();
          await engine.close();
          await hub.stop();
        }
      }),
      {
        numRuns: Number(process.env.ANCHOR_MODEL_RUNS ?? 30),
        // Dismissing an ask that is no longer on screen (hidden) while its question is still on the lane.
        examples: [
          [[new Post(0, 0), new Post(0, 1), new Moderate('hide', 1), new Moderate('hide', 1), new Moderate('dismiss', 1)]],
          // A question asked twice, pinned, unpinned, highlighted, pinned again, dismissed (both asks close), another
          // question, then the show goes on air with a pin and a question on the lane.
          [
            [
              new Post(0, 0),
              new Post(0, 1),
              new Moderate('pin', 1),
              new Moderate('unpin', 0),
              new Moderate('highlight', 0),
              new Moderate('pin', 1),
              new Moderate('dismiss', 0),
              new Post(1, 2),
              new GoLive(),
            ],
          ],
        ],
      },
    );
    for (const must of ['hide done', 'hide notOnScreen', 'highlight done', 'pin done', 'unpin done', 'dismiss done', 'dismiss notOnScreen', 'dismiss closed several asks', 'go live with a pin', 'go live with questions']) {
      expect([...seen], `no "${must}" step ran`).toContain(must);
    }
  }, 300_000);
});
