/**
 * Chat text is untrusted: it is parsed into tokens that the UI renders as text nodes and vetted links, never as HTML.
 * Bidi overrides and control characters are dropped because they can disguise a link or reorder the text shown
 * (the "Trojan Source" trick, CVE-2021-42574).
 */

/** One piece of chat text. */
export type ChatToken =
  | { kind: 'text'; text: string }
  /** `href` is set only for a well-formed https URL; anything else stays plain text in the UI. */
  | { kind: 'link'; text: string; href: string | null };

const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Things that look like URLs: scheme-led, up to whitespace or characters a URL would not end with in chat. */
const URL_LIKE = /\b(?:https?|javascript|data|file|vbscript):[^\s<>"'`，。！？、；：（）【】《》]+/gi;

/** Removes control and bidi characters; keeps newlines and tabs. */
export function stripUnsafeChars(text: string): string {
  return text.replace(UNSAFE_CHARS, '');
}

/** The https URL a token may open, or null (other schemes, credentials in the URL, unparsable). */
export function safeHttpsUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** Splits chat text into text and link tokens; joining every token's text gives the cleaned text back. */
export function tokenizeChatText(text: string): ChatToken[] {
  const clean = stripUnsafeChars(text);
  const tokens: ChatToken[] = [];
  let last = 0;
  for (const match of clean.matchAll(URL_LIKE)) {
    const start = match.index ?? 0;
    // Trailing punctuation usually ends the sentence, not the URL.
    const raw = match[0].replace(/[.,!?;:)\]]+$/, '');
    if (start > last) tokens.push({ kind: 'text', text: clean.slice(last, start) });
    tokens.push({ kind: 'link', text: raw, href: safeHttpsUrl(raw) });
    last = start + raw.length;
  }
  if (last < clean.length) tokens.push({ kind: 'text', text: clean.slice(last) });
  return tokens;
}
