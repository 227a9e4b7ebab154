import { useT } from '../i18n/use-t';
import { errorText } from './error-text';
import { useAppState } from '../store/store-context';

/** Shows the last command refusal in plain words until dismissed. */
export function Notice() {
  const t = useT();
  const notice = useAppState((s) => s.notice);
  const showNotice = useAppState((s) => s.showNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice" data-code={notice.code}>
      <span>{t('command.failed', { message: errorText(t, notice) })}</span>
      <button type="button" onClick={() => showNotice(null)}>
        {t('command.dismiss')}
      </button>
    </div>
  );
}
