/**
 * Text normalisation shared by keyword filters and product mentions: people dodge filters with full-width letters,
 * spaces or dots between characters (最 好, 第.一), zero-width characters and mixed case.
 */

const INVISIBLE = /[\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;
const HAN = /\p{Script=Han}/u;
/** Separators people put between CJK characters to dodge a filter. */
const CJK_GAP = /[\s.·。，,、_\-*~|/\\]+/gu;

/** NFKC + lower case + no invisible characters: full-width ＡＢＣ becomes abc. */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

/** True when the term has a Chinese character (matched as a substring with gaps removed, since Chinese has no spaces). */
export function isCjkTerm(term: string): boolean {
  return HAN.test(term);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds which of a fixed set of terms a text contains; build once per term list, call per message. */
export interface TermMatcher {
  /** The terms found in the text, in list order, each once. */
  find(text: string): string[];
}

/**
 * Builds a matcher: CJK terms match anywhere once separators are removed; Latin terms match on word boundaries so
 * "cure" does not fire on "secure".
 */
export function createTermMatcher(terms: readonly string[]): TermMatcher {
  const cjk: { term: string; folded: string }[] = [];
  const latin: { term: string; re: RegExp }[] = [];
  for (const term of new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))) {
    const folded = foldText(term);
    if (isCjkTerm(folded)) cjk.push({ term, folded: folded.replace(CJK_GAP, '') });
    else {
      // Edges only against Latin letters and digits: "clay teapot多少钱" still mentions the teapot (Chinese has no
      // spaces), and "#1" or "100%" have no word character at one end to anchor on.
      const start = /^\w/.test(folded) ? '(?<![a-z0-9_\\u00c0-\\u024f])' : '';
      const end = /\w$/.test(folded) ? '(?![a-z0-9_\\u00c0-\\u024f])' : '';
      latin.push({ term, re: new RegExp(`${start}${escapeRegExp(folded).replace(/\s+/g, '\\s+')}${end}`, 'u') });
    }
  }
  return {
    find(text) {
      const folded = foldText(text);
      const compact = cjk.length ? folded.replace(CJK_GAP, '') : '';
      const found: string[] = [];
      for (const t of cjk) if (compact.includes(t.folded)) found.push(t.term);
      for (const t of latin) if (t.re.test(folded)) found.push(t.term);
      return found;
    },
  };
}
