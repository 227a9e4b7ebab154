import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';

/**
 * A short note with its long explanation behind a "Why?" button: a panel stays readable, and whoever needs the how-to
 * (a module to install, a setting to change) opens it in place.
 */
export function WhyNote(props: { short: string; why: string; testId: string; title?: string }) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  const whyId = useId();
  return (
    <p className="output-note why-note" data-testid={props.testId} title={props.title}>
      {props.short}{' '}
      <button type="button" className="link-button" aria-expanded={isOpen} aria-controls={whyId} data-testid={`${props.testId}-why`} onClick={() => setOpen(!isOpen)}>
        {isOpen ? t('app.whyHide') : t('app.why')}
      </button>
      {isOpen ? (
        <span id={whyId} className="why-text" data-testid={`${props.testId}-text`}>
          {props.why}
        </span>
      ) : null}
    </p>
  );
}
