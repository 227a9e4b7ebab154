/**
 * Shared banned-words lists: chat keyword filters use them now, and the run-of-show compliance check will reuse them.
 * The zh-CN lists follow the absolute-terms rule of the PRC Advertising Law (Art. 9(3): no "国家级", "最高级", "最佳"
 * and the like) and its bans on efficacy claims for ordinary goods (Art. 17, 28); the English list is the same idea for
 * overseas platforms. They are starting points an anchor extends, not legal advice.
 */

/** zh-CN absolute and superlative claims (广告法 第九条). Single characters like 最 match inside words on purpose. */
export const ZH_ABSOLUTE_TERMS: readonly string[] = [
  '最', '第一', '唯一', '首个', '首选', '国家级', '世界级', '顶级', '顶尖', '极致', '极品', '绝对', '100%', '百分百',
  '全网最低', '史上', '独一无二', '绝无仅有', '万能', '永久', '王牌', '领导品牌', '销量冠军', 'NO.1', 'TOP1',
];

/** zh-CN medical and efficacy claims that ordinary goods may not make. */
export const ZH_EFFICACY_TERMS: readonly string[] = [
  '治疗', '治愈', '根治', '药到病除', '包治', '疗效', '抗癌', '防癌', '降血压', '降血糖', '降血脂', '消炎', '杀菌',
  '无副作用', '祛斑', '减肥神器', '增高', '壮阳',
];

/** English superlatives and health claims with the same risk on overseas platforms. */
export const EN_BANNED_TERMS: readonly string[] = [
  'best ever', 'number one', '#1', 'guaranteed', '100%', 'lowest price', 'miracle', 'risk-free', 'cure', 'cures',
  'heals', 'anti-cancer', 'no side effects', 'clinically proven', 'fda approved',
];

/** Every shared banned term, zh-CN and English. */
export const BANNED_TERMS: readonly string[] = [...ZH_ABSOLUTE_TERMS, ...ZH_EFFICACY_TERMS, ...EN_BANNED_TERMS];
