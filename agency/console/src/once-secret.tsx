import { useRef, useState, type ReactNode } from 'react';
import { useT } from './console-context';

/** Copies text to the clipboard; falls back to the selected field where the Clipboard API is missing (plain http). */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    // execCommand is deprecated but is the only copy a page served over plain http on the LAN still has.
    return field !== null && document.execCommand('copy');
  }
}

/** A secret shown once (a studio token, a sign-in link): a read-only field, a copy button, and what to do with it. */
export function OnceSecret(props: { title: string; help: string; value: string; testId: string; onDismiss: () => void; children?: ReactNode }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => setCopied((await copyText(props.value, field.current)) ? 'yes' : 'failed');
  return (
    <div className="once-secret" role="status">
      <h4>{props.title}</h4>
      <p className="hint">{props.help}</p>
      {props.children}
      <div className="copy-row">
        <input ref={field} readOnly value={props.value} onFocus={(e) => e.target.select()} data-testid={props.testId} spellCheck={false} />
        <button type="button" className="primary" onClick={() => void copy()} data-testid={`${props.testId}-copy`}>
          {copied === 'yes' ? t('admin.copied') : t('admin.copy')}
        </button>
      </div>
      {copied === 'failed' ? <p className="error-text">{t('admin.copyFailed')}</p> : null}
      <button type="button" className="quiet" onClick={props.onDismiss}>
        {t('admin.dismiss')}
      </button>
    </div>
  );
}

/** A read-only field with a copy button, for a value that is not secret (the agency's address). */
export function CopyField(props: { label: string; value: string; testId: string }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <label className="field">
      <span>{props.label}</span>
      <span className="copy-row">
        <input ref={field} readOnly value={props.value} onFocus={(e) => e.target.select()} data-testid={props.testId} />
        <button type="button" onClick={() => void copyText(props.value, field.current).then(setCopied)}>
          {copied ? t('admin.copied') : t('admin.copy')}
        </button>
      </span>
    </label>
  );
}
