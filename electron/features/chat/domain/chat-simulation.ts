import type { ChatMessage } from './chat';
import type { ProductRef } from './product-mentions';

/** How the rehearsal simulator talks: rate, language mix, buyer-question share, product mentions, bursts. */
export interface ChatSimulationSettings {
  /** Messages per second outside bursts. */
  ratePerSecond: number;
  /** Share of Chinese messages, 0..1 (the rest English). */
  zhShare: number;
  /** Share of buyer questions, 0..1. */
  questionShare: number;
  /** Share of messages that mention a product from the list, 0..1. */
  mentionShare: number;
  /** A flash-sale burst: every `everySeconds`, for `seconds`, the rate is multiplied. Null for a steady rate. */
  burst: { everySeconds: number; seconds: number; multiplier: number } | null;
}

/** The platform name the simulator posts under; reserved: the hub drops it while the show is live. */
export const SIMULATOR_PLATFORM = 'rehearsal';

/** A lively rehearsal: 20 msg/s, mostly Chinese, a fifth questions, bursts of 10x for 3 s every 20 s. */
export const DEFAULT_SIMULATION: ChatSimulationSettings = {
  ratePerSecond: 20,
  zhShare: 0.8,
  questionShare: 0.2,
  mentionShare: 0.1,
  burst: { everySeconds: 20, seconds: 3, multiplier: 10 },
};

const ZH_CHATTER = ['主播好美', '来了来了', '666', '哈哈哈哈', '好看', '支持主播', '第一次来', '声音好好听', '关注了', '这个颜色绝了'];
const EN_CHATTER = ['hi from Toronto', 'love this', 'so pretty', 'first time here', 'great show', 'nice colour', 'hello!', 'wow'];
const ZH_QUESTIONS = ['多少钱', '还有货吗', '包邮吗', '穿什么码', '怎么买', '几天到', '有优惠券吗', '几号链接'];
const EN_QUESTIONS = ['how much?', 'is it still available?', 'do you ship to Canada?', 'what size should I get?', 'how do I buy this?'];
const ZH_NAMES = ['小鱼', '阿明', '茶友', '晴天', '喵喵', '老王', '小雨', '大橙子'];
const EN_NAMES = ['sam', 'mia', 'leo', 'ava', 'noah', 'zoe'];
const EVENT_KINDS = ['gift', 'like', 'follow', 'join'] as const;

/** A small seeded PRNG (mulberry32) so a rehearsal or a benchmark can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The simulated rate at a moment of the rehearsal (bursts included). */
export function simulatedRate(settings: ChatSimulationSettings, elapsedMs: number): number {
  const b = settings.burst;
  if (!b || b.everySeconds <= 0) return settings.ratePerSecond;
  const inCycle = (elapsedMs / 1000) % b.everySeconds;
  return inCycle >= b.everySeconds - b.seconds ? settings.ratePerSecond * b.multiplier : settings.ratePerSecond;
}

/** Generates simulated chat messages; `products` feed the mentions. */
export function createChatSimulation(settings: ChatSimulationSettings, products: readonly ProductRef[], seed = 1) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let counter = 0;
  return {
    /** The next `count` messages, stamped `nowMs`, with ids unique for this simulation run. */
    next(count: number, nowMs: number, runId: string): ChatMessage[] {
      const out: ChatMessage[] = [];
      for (let i = 0; i < count; i += 1) {
        counter += 1;
        const zh = random() < settings.zhShare;
        const userIndex = Math.floor(random() * 500);
        const name = `${pick(zh ? ZH_NAMES : EN_NAMES)}${userIndex}`;
        let text: string;
        let kind: ChatMessage['kind'] = 'comment';
        if (random() < settings.questionShare) text = pick(zh ? ZH_QUESTIONS : EN_QUESTIONS);
        else if (random() < 0.05) {
          kind = pick(EVENT_KINDS);
          text = '';
        } else text = pick(zh ? ZH_CHATTER : EN_CHATTER);
        if (kind === 'comment' && products.length > 0 && random() < settings.mentionShare) {
          const p = pick(products);
          const name = random() < 0.5 || p.aliases.length === 0 ? p.title : pick(p.aliases);
          text = zh ? `${name}${text}` : `${name} ${text}`;
        }
        out.push({ id: `${runId}-${counter}`, platform: SIMULATOR_PLATFORM, user: { id: `sim-${userIndex}`, name }, text, ts: nowMs, kind });
      }
      return out;
    },
  };
}
