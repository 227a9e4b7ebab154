import { REFUSAL_MESSAGES, type MessageKey, type RefusalMessageKey } from '../i18n/catalog';

/** Translates one UI string. */
type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What a hub error says in the window's language: the refusal's own string when it has one, else the hub's sentence. */
export function errorText(t: Translate, error: { message: string; refusal?: { key: string; params?: Record<string, string | number> } }): string {
  const key = error.refusal ? (`refusal.${error.refusal.key}` as RefusalMessageKey) : null;
  // A key this window does not know (a newer hub) falls back to the hub's English sentence.
  return key && key in REFUSAL_MESSAGES ? t(key, error.refusal?.params) : error.message;
}
