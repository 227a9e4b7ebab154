import type { BuyerIntent } from './chat';
import { foldText } from '../../../core/domain/text-match';

/**
 * Buyer-intent detection for the questions lane, zh-CN and English. Heuristic on purpose: the lane must be fast on a
 * flood and explainable to the anchor. A phrase that is a question by itself ("多少钱", "how much") counts alone; a
 * topic word ("price", "尺码") counts only with a question cue, so "nice price!" stays out of the lane.
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
];

/** Question cues: a question mark or an interrogative word/particle. */
const QUESTION_CUE =
  /[?？]|吗|呢|么(?=$|[?？!！\s])|多少|几|怎么|咋|哪|什么|啥|有没有|能不能|可不可以|\b(?:how|what|when|where|which)\b|^(?:is|are|do|does|did|can|could|will|would|any|anyone|got)\b/;

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
