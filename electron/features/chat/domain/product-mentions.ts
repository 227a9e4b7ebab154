import { createTermMatcher } from '../../../core/domain/text-match';

/** A product the chat may mention: the catalog's title and the nicknames viewers use. */
export interface ProductRef {
  id: string;
  title: string;
  aliases: string[];
}

/** Where the chat takes its product list from (the catalog later; a `chat.products.set` command for now). */
export interface ProductSource {
  products(): readonly ProductRef[];
}

/** Finds product mentions in chat text. */
export interface MentionMatcher {
  /** Ids of the products the text mentions, in list order, each once. */
  find(text: string): string[];
}

/** Names shorter than this match too much ("A", "壶") and are ignored. */
const MIN_NAME_LENGTH = 2;

/** Builds a matcher over titles and aliases (case, width and spacing insensitive). */
export function createMentionMatcher(products: readonly ProductRef[]): MentionMatcher {
  const idsByName = new Map<string, string[]>();
  for (const p of products) {
    for (const name of [p.title, ...p.aliases]) {
      const trimmed = name.trim();
      if ([...trimmed].length < MIN_NAME_LENGTH) continue;
      const ids = idsByName.get(trimmed) ?? [];
      if (!ids.includes(p.id)) ids.push(p.id);
      idsByName.set(trimmed, ids);
    }
  }
  const matcher = createTermMatcher([...idsByName.keys()]);
  const order = new Map(products.map((p, i) => [p.id, i]));
  return {
    find(text) {
      const ids = new Set(matcher.find(text).flatMap((name) => idsByName.get(name) ?? []));
      return [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    },
  };
}
