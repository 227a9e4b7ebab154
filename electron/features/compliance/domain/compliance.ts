import { BANNED_TERMS } from './banned-terms';
import type { Product } from '../../catalog/domain/catalog';
import { isCjkTerm } from '../../../core/domain/text-match';

/** One banned claim found in a text: the list term and where it sits in the original text (UTF-16 offsets). */
export interface ClaimHit {
  term: string;
  start: number;
  end: number;
}

/** A product's flagged claims, per field, for the summary before going live. */
export interface ProductCompliance {
  sku: string;
  hits: Array<{ field: 'title' | 'sellingPoints' | 'script'; term: string }>;
}

/** Finds banned claims in a text, with positions for highlighting; overlapping hits keep the longer term. */
export interface ClaimChecker {
  check(text: string): ClaimHit[];
}

/**
 * Builds a checker over the built-in zh-CN and English lists plus the studio's own terms. Matching folds width and case
 * per character (so offsets map back to the original text); Latin terms match whole words only ("cure" not in "secure").
 * It warns, never blocks: the caller decides what to show.
 */
export function createClaimChecker(customTerms: readonly string[] = []): ClaimChecker {
  const terms = [...new Set([...BANNED_TERMS, ...customTerms].map((t) => t.trim()).filter((t) => t !== ''))]
    .map((term) => ({ term, folded: foldChars(term).text }))
    .filter((t) => t.folded !== '')
    .sort((a, b) => b.folded.length - a.folded.length);
  return {
    check(text) {
      const { text: folded, origin } = foldChars(text);
      const hits: ClaimHit[] = [];
      const taken = new Array<boolean>(folded.length).fill(false);
      for (const { term, folded: needle } of terms) {
        const wholeWord = !isCjkTerm(needle);
        for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
          const end = at + needle.length;
          const gluedBefore = isWordChar(folded[at - 1]) && isWordChar(needle[0]);
          const gluedAfter = isWordChar(folded[end]) && isWordChar(needle[needle.length - 1]);
          if (wholeWord && (gluedBefore || gluedAfter)) continue;
          if (taken.slice(at, end).some(Boolean)) continue;
          taken.fill(true, at, end);
          hits.push({ term, start: origin[at]!, end: origin[end - 1]! + 1 });
        }
      }
      return hits.sort((a, b) => a.start - b.start);
    },
  };
}

/** Checks a product's title, selling points and script. */
export function checkProduct(checker: ClaimChecker, product: Product): ProductCompliance {
  const hits: ProductCompliance['hits'] = [];
  const add = (field: ProductCompliance['hits'][number]['field'], text: string) => {
    for (const hit of checker.check(text)) hits.push({ field, term: hit.term });
  };
  add('title', `${product.title.zh}\n${product.title.en}`);
  for (const point of product.sellingPoints) add('sellingPoints', point);
  add('script', product.script);
  return { sku: product.sku, hits };
}

/** Splits a text into plain and flagged runs, for an editor or teleprompter that highlights claims. */
export function splitByHits(text: string, hits: readonly ClaimHit[]): Array<{ text: string; term: string | null }> {
  const runs: Array<{ text: string; term: string | null }> = [];
  let at = 0;
  for (const hit of hits) {
    if (hit.start > at) runs.push({ text: text.slice(at, hit.start), term: null });
    runs.push({ text: text.slice(hit.start, hit.end), term: hit.term });
    at = hit.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), term: null });
  return runs;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[a-z0-9_\u00c0-\u024f]/.test(c);
}

/** NFKC + lower case one character at a time, remembering which original offset each folded character came from. */
function foldChars(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const folded = /[\u200B-\u200F\u2060-\u206F\uFEFF]/.test(ch) ? '' : ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < folded.length; k++) origin.push(i);
    out += folded;
    i += ch.length;
  }
  return { text: out, origin };
}
