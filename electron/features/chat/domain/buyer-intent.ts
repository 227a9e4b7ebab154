import type { BuyerIntent } from './chat';
import { foldText } from '../../../core/domain/text-match';

/**
 * Buyer-intent and question detection for the questions lane, zh-CN and English. Heuristic on purpose: the lane must
 * be fast on a flood and explainable to the anchor. A phrase that is a question by itself ("多少钱", "how much") counts
 * alone; a topic word ("price", "尺码") counts only with a question cue, so "nice price!" stays out of the lane.
 */
interface IntentRule {
  intent: BuyerIntent;
  /** Phrases that ask by themselves. */
  asks: RegExp;
  /** Topic words that need a question cue. */
  topic: RegExp;
}

const RULES: readonly IntentRule[] = [
  {
    intent: 'price',
    asks: /多少钱|几块|几元|多少米|啥价|什么价|怎么卖|价格多少|贵不贵|能便宜|便宜点|how much|what(?:'s| is) the price|what does it cost|price\s*\?/,
    topic: /价格|价钱|价位|优惠|折扣|打折|券|price|cost|discount|coupon|deal/,
  },
  {
    intent: 'size',
    asks: /什么尺码|几码|多大|多长|多宽|多高|多重|穿什么码|选什么码|what size|which size|how big|how long is|how tall|does it fit|size\s*\?/,
    topic: /尺码|尺寸|码数|大小|规格|容量|身高|体重|斤|size|sizes|fit|dimensions|measurements|\bxl\b|\bxxl\b/,
  },
  {
    intent: 'stock',
    asks: /有货吗|还有吗|还有没有|有没有货|没货了|补货吗|什么时候补|还能买吗|in stock\s*\?|any left|still available|sold out\s*\?|when.*restock/,
    topic: /有货|现货|库存|补货|断货|售罄|卖完|抢完|stock|available|restock|sold out/,
  },
  {
    intent: 'shipping',
    asks: /包邮吗|几天到|多久到|什么快递|哪个快递|发什么快递|什么时候发货|多久发货|when.*ship|how long.*(?:ship|deliver|arrive)|do you ship|ship to/,
    topic: /发货|快递|包邮|运费|邮费|物流|顺丰|到货|shipping|ship|delivery|deliver|postage/,
  },
  {
    intent: 'howToBuy',
    asks: /怎么买|怎么下单|怎么拍|哪里买|在哪买|去哪买|拍哪个|几号链接|上链接|求链接|链接在哪|how (?:do|can) i (?:buy|order|get)|where (?:to|can i|do i) (?:buy|order|get)|how to (?:buy|order)/,
    topic: /链接|下单|购物车|小黄车|拍下|link|order|checkout|cart|buy/,
  },
  {
    // Not a question, but the anchor answers it like one ("想要的扣1", "I'll put the link up"). "不想要" is not wanting.
    intent: 'wantToBuy',
    asks: /(?<!不)想要|(?<!不)想买|(?<!不)要买|求购|我要(?:一|两|二|三|四|五|六|七|八|九|十|\d|这|那|个|件|套|份|把|只|盒|款)|给我(?:来|留|拍)|帮我留|求上架|蹲(?:链接|一个|上架|补货)|等(?:链接|上架)|\bi(?:['’]d| would)? (?:want|need) (?:one|it|this|that|two|the|a set)\b|\bi(?:['’]ll| will) take (?:one|it|two|this|that|the)\b|\b(?:want|wanna) (?:to )?buy\b|\btake my money\b|\bsign me up\b|\bi['’]?m buying\b/,
    topic: /(?!)/,
  },
];

/** Question cues: a question mark or an interrogative word/particle. */
const QUESTION_CUE =
  /[?？]|吗|呢|么(?=$|[?？!！\s])|多少|几|怎么|咋|哪|什么|啥|有没有|能不能|可不可以|\b(?:how|what|when|where|which)\b|^(?:is|are|do|does|did|can|could|will|would|any|anyone|got)\b/;

/**
 * What makes a text a question by its form, beyond buyer intents: a question mark, a question particle (吗, a final 么),
 * an interrogative (多少, 几号, 怎么, 什么, 哪, 为什么), an "A不A" choice (是不是, 包不包邮), or English opening with a
 * question word or an auxiliary ("is it…", "does it…") that is not an exclamation ("what a…", "how cute!").
 */
const QUESTION_MARK = /[?？]/;
const ZH_QUESTION = /吗|么(?=$|[\s?？!！。.~～])|多少|几(?:号|个|天|码|件|种|斤|块|点|时|月|寸|套|只|毫升|ml|cm|岁)|怎么|怎样|咋|哪|什么|啥|为何|([\u4e00-\u9fff])不\1/u;
const EN_QUESTION = /^(?:how|what|when|where|which|who|whose|why|is|are|am|was|were|do|does|did|can|could|will|would|should|shall|may|has|have|had|any|anyone|anybody)\b/;
const EN_EXCLAMATION = /^(?:what an?\b|how (?:so |very )?(?:cute|nice|pretty|beautiful|lovely|cool|sweet|amazing|great|adorable|elegant|gorgeous)\b)/;
/** Laughter, cheers and numbers: a question mark on these is not a question ("哈哈哈？", "666?", "lol???"). */
const NOISE = /哈|呵|嘿|嘻|嘎|啊|哇|哦|噢|喔|嗯|\d|lol|lmao|haha|hehe|xd|wow|omg/g;

/** True when the text is a question by its form (see above); chatter with a question mark is not. */
export function isQuestionForm(text: string): boolean {
  const folded = foldText(text).trim();
  const content = folded.replace(/[^\p{L}\p{N}]+/gu, '').replace(NOISE, '');
  if ([...content].length < 2) return false;
  if (QUESTION_MARK.test(folded) || ZH_QUESTION.test(folded)) return true;
  return EN_QUESTION.test(folded) && !EN_EXCLAMATION.test(folded);
}

/** What the lane needs to know of a comment: its buyer intents, and whether it asks (or wants to buy) at all. */
export function readQuestion(text: string): { intents: BuyerIntent[]; isQuestion: boolean } {
  const intents = detectBuyerIntents(text);
  return { intents, isQuestion: intents.length > 0 || isQuestionForm(text) };
}

/** The buyer intents a chat text asks about, in a fixed order; empty when it is not a buyer question. */
export function detectBuyerIntents(text: string): BuyerIntent[] {
  const folded = foldText(text);
  if (folded.length === 0) return [];
  const hasCue = QUESTION_CUE.test(folded);
  const found: BuyerIntent[] = [];
  for (const rule of RULES) {
    if (rule.asks.test(folded) || (hasCue && rule.topic.test(folded))) found.push(rule.intent);
  }
  return found;
}
