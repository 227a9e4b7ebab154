import { useMemo } from 'react';
import type { Cue } from '@shared/features/rundown/domain/rundown';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';
import { checkerFor, showCompliance } from './cue-view';
import { useProducts } from './use-rundown';

/** Before going live: which products of this show make banned claims, and which words. Warns, never blocks. */
export function ComplianceSummary(props: { cues: readonly Cue[]; title: (cue: Cue) => string }) {
  const t = useT();
  const products = useProducts();
  const customTerms = useAppState((s) => s.catalog.customTerms);
  const flagged = useMemo(() => showCompliance(props.cues, products, checkerFor(customTerms)), [props.cues, products, customTerms]);
  if (props.cues.length === 0) return null;
  return (
    <details className={`compliance ${flagged.length ? 'has-hits' : ''}`} data-testid="compliance" open={flagged.length > 0}>
      <summary>{flagged.length ? `⚠ ${t('cues.compliance')} (${flagged.length})` : `✓ ${t('cues.complianceClean')}`}</summary>
      {flagged.length ? (
        <>
          <ul>
            {flagged.map((f) => {
              const cue = props.cues.find((c) => c.sku === f.sku)!;
              return (
                <li key={f.sku} data-testid="compliance-item">
                  {t('cues.complianceItem', { title: props.title(cue), terms: [...new Set(f.hits.map((h) => h.term))].join('、') })}
                </li>
              );
            })}
          </ul>
          <p className="hint">{t('cues.complianceHint')}</p>
        </>
      ) : null}
    </details>
  );
}
