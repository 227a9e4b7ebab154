import { foldText } from '../../../core/domain/text-match';
import { isLaneEntry, type ChatEntry } from './chat';

/**
 * The buyer-questions lane: what the anchor should answer next, kept small and calm under a flood. Pure update
 * functions over an immutable lane; the hub holds the one lane every window shows.
 *
 * - Only questions enter (`isLaneEntry`: a buyer intent or a question's form; a product name alone is not enough).
 * - The same question asked again ("多少钱", "多少钱？") is one entry with a count of askers: the first ask stands for
 *   it (a stable key to answer, dismiss or pin), the last ask keeps it fresh.
 * - Ranked by relevance, not arrival: a buyer intent over a mere question, the product of the live cue over others,
 *   many askers over one, fresh over stale. Entries nobody asked for `maxAgeMs` expire; only the best `capacity` stay.
 * - Answered, dismissed, hidden or blocked entries leave.
 */

/** How big and how old the lane may get. */
export const LANE_LIMITS = {
  /** Questions kept (and shown): about what an anchor can scan between two sentences. */
  capacity: 30,
  /** A question nobody asked again for this long leaves: the moment for it has passed. */
  maxAgeMs: 5 * 60_000,
  /** Asker keys remembered per question, so answering it answers every ask (a restart must not bring one back). */
  keysPerQuestion: 200,
} as const;

/** Limits of a lane (tests shrink them). */
export type LaneLimits = { capacity: number; maxAgeMs: number; keysPerQuestion: number };

/** One question in the lane: the first ask and everyone who asked the same since. */
export interface LaneQuestion {
  /** The first ask: its key is what moderation takes; its flags are this question's. */
  entry: ChatEntry;
  /** How many messages asked it (counted even past `keysPerQuestion`). */
  askCount: number;
  /** Hub clock of the latest ask (epoch ms): keeps the question fresh. */
  lastAskedAt: number;
  /** Keys of the asks, oldest first (at most `keysPerQuestion`; the first ask's key is the first). */
  memberKeys: readonly string[];
}

/** The lane: questions best first. */
export interface QuestionLane {
  questions: readonly LaneQuestion[];
}

/** What the ranking depends on besides the questions: the hub clock and the live cue's product. */
export interface LaneContext {
  now: number;
  /** The product id (sku) of the cue on air, or null. */
  liveProductId: string | null;
}

/** A lane with nothing in it. */
export const EMPTY_LANE: QuestionLane = Object.freeze({ questions: Object.freeze([]) as readonly LaneQuestion[] });

/** Weights of the score; documented here because the anchor may ask why one question sits above another. */
const WEIGHTS = {
  /** Price, stock, size, shipping, how to buy, wanting to buy. */
  buyerIntent: 2,
  /** Any other question ("是手工的吗", "is it handmade?"). */
  question: 1,
  /** Names the product on air now: the segment is about it (outweighs an intent about another product). */
  liveProduct: 2,
  /** Names no product (most likely about what is on screen), or no cue is on air: nearly as good. */
  noProduct: 0.75,
  /** A moderator highlighted it. */
  highlighted: 1,
  /**
   * Per doubling of the askers, up to `manyAskersMax`: popular questions rise a little, but never above a fresh one
   * about the live product (a question from the last segment asked by fifty stays below it).
   */
  perAskerDoubling: 0.25,
  manyAskersMax: 0.5,
} as const;

/** The key two texts share when they ask the same thing: folded, without punctuation, spaces or emoji. */
export function questionGroupKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * How relevant a question is now (higher is better). Recency costs one point over `maxAgeMs`, linearly, so the order
 * of two questions does not change as time passes (only expiry and a new live cue move things): a calm lane.
 */
export function laneScore(q: LaneQuestion, ctx: LaneContext, limits: LaneLimits = LANE_LIMITS): number {
  const { entry } = q;
  let score = entry.intents.length > 0 ? WEIGHTS.buyerIntent : WEIGHTS.question;
  if (ctx.liveProductId !== null && entry.productIds.includes(ctx.liveProductId)) score += WEIGHTS.liveProduct;
  // Naming another product is off the segment; with no cue on air there is no segment to be off.
  else if (entry.productIds.length === 0 || ctx.liveProductId === null) score += WEIGHTS.noProduct;
  if (entry.isHighlighted) score += WEIGHTS.highlighted;
  score += Math.min(WEIGHTS.manyAskersMax, Math.log2(q.askCount) * WEIGHTS.perAskerDoubling);
  return score - Math.max(0, ctx.now - q.lastAskedAt) / limits.maxAgeMs;
}

/** Expires stale questions, sorts best first (ties: the latest ask first) and keeps the best `capacity`. */
export function rankLane(lane: QuestionLane, ctx: LaneContext, limits: LaneLimits = LANE_LIMITS): QuestionLane {
  const scored = lane.questions
    .filter((q) => ctx.now - q.lastAskedAt <= limits.maxAgeMs)
    .map((q) => ({ q, score: laneScore(q, ctx, limits) }))
    .sort((a, b) => b.score - a.score || b.q.lastAskedAt - a.q.lastAskedAt || a.q.entry.seq - b.q.entry.seq);
  return { questions: scored.slice(0, limits.capacity).map((s) => s.q) };
}

/** Offers new messages: questions join their group or start one; then the lane is ranked and cut. */
export function offerToLane(lane: QuestionLane, entries: readonly ChatEntry[], ctx: LaneContext, limits: LaneLimits = LANE_LIMITS): QuestionLane {
  const candidates = entries.filter(isLaneEntry);
  if (candidates.length === 0) return lane.questions.some((q) => ctx.now - q.lastAskedAt > limits.maxAgeMs) ? rankLane(lane, ctx, limits) : lane;
  const byGroup = new Map(lane.questions.map((q) => [questionGroupKey(q.entry.text), q]));
  for (const entry of candidates) {
    const group = questionGroupKey(entry.text);
    const known = byGroup.get(group);
    if (!known) {
      byGroup.set(group, { entry, askCount: 1, lastAskedAt: entry.receivedAt, memberKeys: [entry.key] });
    } else if (!known.memberKeys.includes(entry.key)) {
      byGroup.set(group, {
        ...known,
        askCount: known.askCount + 1,
        lastAskedAt: Math.max(known.lastAskedAt, entry.receivedAt),
        memberKeys: known.memberKeys.length < limits.keysPerQuestion ? [...known.memberKeys, entry.key] : known.memberKeys,
      });
    }
  }
  return rankLane({ questions: [...byGroup.values()] }, ctx, limits);
}

/** Drops the questions whose first ask was removed (hidden, from a blocked user, cleared at going live). */
export function removeFromLane(lane: QuestionLane, keys: readonly string[]): QuestionLane {
  if (keys.length === 0) return lane;
  const removed = new Set(keys);
  const kept = lane.questions.filter((q) => !removed.has(q.entry.key));
  return kept.length === lane.questions.length ? lane : { questions: kept };
}

/**
 * Applies changed messages (flags) to the questions they stand for; the ones no longer open (answered, dismissed)
 * leave and are returned, so the hub can close every ask of them. The order is not re-ranked here: call `rankLane`.
 */
export function updateLaneEntries(lane: QuestionLane, updated: readonly ChatEntry[]): { lane: QuestionLane; left: LaneQuestion[] } {
  const byKey = new Map(updated.map((e) => [e.key, e]));
  const left: LaneQuestion[] = [];
  const questions: LaneQuestion[] = [];
  let isChanged = false;
  for (const q of lane.questions) {
    const next = byKey.get(q.entry.key);
    if (!next) {
      questions.push(q);
      continue;
    }
    isChanged = true;
    if (isLaneEntry(next)) questions.push({ ...q, entry: next });
    else left.push(q);
  }
  return { lane: isChanged ? { questions } : lane, left };
}

/** The question an ask belongs to (its first ask or a later one), or undefined. */
export function findLaneQuestion(lane: QuestionLane, key: string): LaneQuestion | undefined {
  return lane.questions.find((q) => q.entry.key === key) ?? lane.questions.find((q) => q.memberKeys.includes(key));
}

/** When the next question expires (epoch ms), or null for an empty lane. */
export function nextExpiry(lane: QuestionLane, limits: LaneLimits = LANE_LIMITS): number | null {
  if (lane.questions.length === 0) return null;
  return Math.min(...lane.questions.map((q) => q.lastAskedAt)) + limits.maxAgeMs;
}
