// Hands-free: the anchor's window reads new buyer questions aloud, so a craftsman with busy hands hears them.

/** Whether the studio reads new buyer questions aloud, and how fast (1 = the voice's normal pace). */
export interface ReadAloudSettings {
  enabled: boolean;
  rate: number;
}

/** Off until someone turns it on; the normal pace. */
export const DEFAULT_READ_ALOUD: ReadAloudSettings = { enabled: false, rate: 1 };

/** Paces the settings accept (speech synthesis takes 0.1-10; past these it is hard to follow). */
export const READ_ALOUD_RATES = { min: 0.5, max: 2 } as const;

/** Questions waiting to be read beyond this many are skipped: in a flood the lane shows them, a voice cannot keep up. */
export const READ_ALOUD_QUEUE = 3;

/** What to say and in which voice. */
export interface Utterance {
  text: string;
  lang: 'zh-CN' | 'en-US';
}

const HAN = /\p{Script=Han}/u;
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

/**
 * A buyer question as one utterance, in the question's own language (a Chinese question in a Chinese voice, whatever
 * the window's language): who asks, then what. Links are not read out character by character.
 */
export function questionUtterance(question: { user: { name: string }; text: string }): Utterance {
  const lang = HAN.test(question.text) ? 'zh-CN' : 'en-US';
  const text = question.text.replace(LINK, lang === 'zh-CN' ? '链接' : 'a link').trim();
  const name = question.user.name.trim();
  if (lang === 'zh-CN') return { lang, text: name ? `${name}问：${text}` : text };
  return { lang, text: name ? `${name} asks: ${text}` : text };
}

/**
 * The questions to read now: those in the lane that were not there before (by key) and arrived after `since` (a
 * window opened mid-show does not read the backlog), oldest first.
 */
export function newQuestions<Q extends { entry: { key: string; receivedAt: number } }>(lane: readonly Q[], known: ReadonlySet<string>, since: number): Q[] {
  return lane.filter((q) => !known.has(q.entry.key) && q.entry.receivedAt >= since).sort((a, b) => a.entry.receivedAt - b.entry.receivedAt);
}
