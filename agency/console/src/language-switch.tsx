import { useConsole, useT } from './console-context';
import { LANGUAGE_NAMES, LANGUAGES } from './i18n';

/** 中文 / English: switches at once and is remembered in this browser. */
export function LanguageSwitch() {
  const t = useT();
  const language = useConsole((s) => s.language);
  const setLanguage = useConsole((s) => s.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')} data-testid="language-switch">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === language} className={l === language ? 'is-on' : ''} onClick={() => setLanguage(l)} data-language={l}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
