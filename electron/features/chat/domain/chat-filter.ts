import { BANNED_TERMS } from '../../compliance/domain/banned-terms';
import { createTermMatcher, type TermMatcher } from '../../../core/domain/text-match';

/** The anchor's keyword filter settings. */
export interface ChatFilterSettings {
  /** Extra terms the anchor or a moderator added. */
  terms: string[];
  /** Also filter the shared banned-words list (advertising-law terms, efficacy claims). */
  useSharedList: boolean;
}

/** A fresh studio filters nothing: the shared list has single characters like 最 that viewers use innocently. */
export const DEFAULT_CHAT_FILTERS: ChatFilterSettings = { terms: [], useSharedList: false };

/** Most terms a filter holds, and the longest term. */
export const CHAT_FILTER_LIMITS = { terms: 500, termLength: 40 } as const;

/** Builds the keyword filter for the settings: `find(text)` returns the terms that caught the message. */
export function createChatFilter(settings: ChatFilterSettings): TermMatcher {
  return createTermMatcher(settings.useSharedList ? [...settings.terms, ...BANNED_TERMS] : settings.terms);
}
