import { useEffect, useMemo } from 'react';
import type { Note } from '@shared/features/cohost/domain/cohost';
import { splitByHits } from '@shared/features/compliance/domain/compliance';
import { currentCueOf, cueElapsedMs, nextCueOf } from '@shared/features/rundown/domain/rundown';
import { formatDuration } from '../../app/format-duration';
import { useCanSend } from '../../app/use-can-send';
import { useNow } from '../../app/use-now';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { checkerFor, cueScript, cueTitle, planStatus } from './cue-view';
import { HandoffBanner } from './handoff-banner';
import { PriceTag } from './price-tag';
import { useClockOffset, useProducts, useRundown, useTitleLanguage } from './use-rundown';

const NO_NOTES: Note[] = [];

/** Full-window prompter for the anchor: the live cue's script and selling points in large type, time, producer notes. */
export function Teleprompter(props: { onClose(): void }) {
  const t = useT();
  const hub = useHub();
  const rundown = useRundown();
  const products = useProducts();
  const language = useTitleLanguage();
  const customTerms = useAppState((s) => s.catalog.customTerms);
  const notes = useAppState((s) => s.studio?.notes ?? NO_NOTES);
  const canAck = useCanSend('note.ack');
  const now = useNow(true) + useClockOffset();
  const { onClose } = props;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const cue = currentCueOf(rundown);
  const next = nextCueOf(rundown);
  const product = cue?.sku ? products[cue.sku] : undefined;
  const checker = checkerFor(customTerms);
  const script = cue ? cueScript(cue, product) : '';
  const runs = useMemo(() => splitByHits(script, checker.check(script)), [script, checker]);
  const elapsed = cue ? cueElapsedMs(rundown, cue.id, now) : 0;

  return (
    <div className="teleprompter" role="dialog" aria-modal="true" aria-label={t('cues.teleprompter')} data-testid="teleprompter">
      <header>
        <h1 data-testid="prompter-title">{cue ? cueTitle(cue, product, language) : t('cues.none')}</h1>
        {cue?.presenter ? (
          <span className="prompter-presenter" data-testid="prompter-presenter">
            {cue.presenter}
          </span>
        ) : null}
        {cue ? (
          <span className={`prompter-time plan-${planStatus(elapsed, cue.plannedMs)}`}>
            {formatDuration(elapsed)} / {formatDuration(cue.plannedMs)}
          </span>
        ) : null}
        <button type="button" onClick={onClose}>
          {t('cues.close')}
        </button>
      </header>
      {notes.length > 0 && canAck ? (
        <ul className="prompter-notes" aria-live="assertive">
          {notes.map((n) => (
            <li key={n.id} data-testid="prompter-note">
              <strong>{t('cues.notes')} · {n.fromName}:</strong> {n.text}
              <button type="button" onClick={() => void hub?.send('note.ack', { id: n.id })}>
                {t('notes.ack')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <HandoffBanner now={now} className="prompter-handoff" />
      {cue?.note ? (
        <p className="prompter-cue-note" data-testid="prompter-cue-note">
          {t('cues.edit.note')}: {cue.note}
        </p>
      ) : null}
      {product ? (
        <p className="prompter-price">
          <PriceTag product={product} flash={rundown.flash} now={now} className="price-tag" testId="prompter-price" />
        </p>
      ) : null}
      {product && product.sellingPoints.length > 0 ? (
        <ul className="prompter-points" aria-label={t('cues.sellingPoints')}>
          {product.sellingPoints.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="prompter-script" data-testid="prompter-script">
        {script
          ? runs.map((run, i) =>
              run.term ? (
                <mark key={i} title={run.term} data-testid="claim">
                  {run.text}
                </mark>
              ) : (
                <span key={i}>{run.text}</span>
              ),
            )
          : t('cues.noScript')}
      </div>
      <footer className="prompter-next">
        {t('cues.next')}: {next ? cueTitle(next, next.sku ? products[next.sku] : undefined, language) : t('cues.end')}
      </footer>
    </div>
  );
}
