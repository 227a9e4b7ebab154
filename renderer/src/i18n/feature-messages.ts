/** A feature's own UI strings in every language; the zh-CN type makes a missing key a compile error. */
export interface FeatureMessages<K extends string> {
  en: Record<K, string>;
  'zh-CN': Record<K, string>;
}

/** Declares a feature's strings with English as the source of keys. */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  zhCN: Record<keyof E & string, string>,
): FeatureMessages<keyof E & string> {
  return { en, 'zh-CN': zhCN };
}
