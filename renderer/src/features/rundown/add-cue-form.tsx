import { useState, type FormEvent } from 'react';
import { SEGMENT_KINDS, type SegmentKind } from '@shared/features/rundown/domain/rundown';
import type { CommandPayload } from '@shared/core/protocol';
import { productTitle, type Product } from '@shared/features/catalog/domain/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { parsePlannedMinutes } from './cue-view';
import { useProducts, useTitleLanguage } from './use-rundown';

/** Adds a product or segment cue at the end of the run of show. */
export function AddCueForm(props: { count: number }) {
  const t = useT();
  const hub = useHub();
  const products = useProducts();
  const skus = useAppState((s) => s.catalog.skus);
  const language = useTitleLanguage();
  const [kind, setKind] = useState<'product' | 'segment'>('product');
  const [sku, setSku] = useState('');
  const [segment, setSegment] = useState<SegmentKind>('opening');
  const [minutes, setMinutes] = useState('3');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const plannedMs = parsePlannedMinutes(minutes);
    if (plannedMs === null) return setError(t('cues.badMinutes'));
    const chosen = kind === 'product' ? pickedSku(sku, skus, products) : null;
    if (kind === 'product' && chosen === null) return setError(t('cues.unknownProduct', { sku: sku.trim() }));
    setError(null);
    const base = { id: crypto.randomUUID(), label: '', plannedMs, scene: null, cameraPreset: null };
    const cue: CommandPayload<'cue.add'>['cue'] = chosen !== null ? { ...base, kind: 'product', sku: chosen, segment: null } : { ...base, kind: 'segment', sku: null, segment };
    const result = await hub?.send('cue.add', { cue });
    if (result?.ok) setSku('');
  };

  return (
    <form className="add-cue" data-testid="add-cue" onSubmit={submit}>
      <select aria-label={t('cues.add')} value={kind} onChange={(e) => setKind(e.target.value === 'segment' ? 'segment' : 'product')}>
        <option value="product">{t('cues.addProduct')}</option>
        <option value="segment">{t('cues.addSegment')}</option>
      </select>
      {kind === 'product' ? (
        <>
          <input
            data-testid="add-cue-sku"
            list="catalog-skus"
            placeholder={t('cues.pickProduct')}
            aria-label={t('cues.pickProduct')}
            aria-invalid={error !== null}
            value={sku}
            required
            onChange={(e) => setSku(e.target.value)}
          />
          <datalist id="catalog-skus">
            {skus.map((s) => (
              <option key={s} value={s}>
                {products[s] ? productTitle(products[s]!, language) : s}
              </option>
            ))}
          </datalist>
        </>
      ) : (
        <select aria-label={t('cues.addSegment')} value={segment} onChange={(e) => setSegment(e.target.value as SegmentKind)}>
          {SEGMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`cues.segment.${k}`)}
            </option>
          ))}
        </select>
      )}
      <input className="minutes" aria-label={t('cues.minutes')} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <button type="submit" data-testid="add-cue-submit" disabled={props.count >= 500}>
        {t('cues.add')}
      </button>
      {error ? (
        <p className="form-error" role="alert" data-testid="add-cue-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The SKU a typed product choice names: the SKU itself, or a product's exact title in either language (people type
 * what they see); null when it names no product in the catalog.
 */
export function pickedSku(typed: string, skus: readonly string[], products: Readonly<Record<string, Product>>): string | null {
  const text = typed.trim();
  if (text === '') return null;
  if (skus.includes(text)) return text;
  const folded = text.toLowerCase();
  return skus.find((s) => [products[s]?.title.zh, products[s]?.title.en].some((title) => title?.trim().toLowerCase() === folded)) ?? null;
}
