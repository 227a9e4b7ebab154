import { useCallback } from 'react';
import { useAppState } from '../store/store-context';
import type { MessageKey } from './catalog';
import { translate } from './i18n';

/** The translate function for the window's current language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const language = useAppState((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}
