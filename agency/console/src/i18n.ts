import { en, type MessageKey } from './messages-en';
import { zhCN } from './messages-zh-cn';

/** A key of the console's strings (English is the source of keys). */
export type { MessageKey } from './messages-en';

/** Languages the console ships, in the order the switch shows them. */
export const LANGUAGES = ['zh-CN', 'en'] as const;

/** A supported console language. */
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, for the switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { 'zh-CN': '中文', en: 'English' };

const CATALOGS: Readonly<Record<Language, Record<MessageKey, string>>> = { en, 'zh-CN': zhCN };

/** The language to start with when none is saved: Chinese for a Chinese browser, English otherwise. */
export function defaultLanguage(browserLanguages: readonly string[]): Language {
  return browserLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** True for a supported language tag. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A translate function: a key and its `{name}` placeholders' values. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Translates a key, filling `{name}` placeholders from `params` (unknown placeholders stay as written). */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGS[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
