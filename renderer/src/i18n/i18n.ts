import { CATALOGS, type MessageKey } from './catalog';

/** Languages the UI ships. */
export const LANGUAGES = ['zh-CN', 'en'] as const;

/** A supported UI language. */
export type Language = (typeof LANGUAGES)[number];

/** Native names for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** The language to start with when none is saved: Chinese for Chinese browsers, English otherwise. */
export function defaultLanguage(browserLanguages: readonly string[]): Language {
  return browserLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** True for a supported language tag. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Translates a key with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGS[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
