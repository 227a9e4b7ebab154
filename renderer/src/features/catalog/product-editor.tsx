import { useMemo, useState, type FormEvent } from 'react';
import type { CameraPreset } from '@shared/features/scenes/domain/scenes';
import { productProblem, type Product } from '@shared/features/catalog/domain/catalog';
import { splitByHits, type ClaimChecker } from '@shared/features/compliance/domain/compliance';
import { minorToDecimal, parseMoneyInput } from '@shared/core/domain/money';
import { ScenePicker } from '../../app/scene-picker';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { checkerFor } from '../rundown/cue-view';
import { imageSourceOf } from '@shared/features/overlay/domain/card-picture';
import { PresetPicker } from '../../app/preset-picker';

/** Edits one product (or a new one); banned claims are highlighted under each text as it is typed. Warns, never blocks. */
export function ProductEditor(props: { product: Product | null; onClose(): void }) {
  const t = useT();
  const hub = useHub();
  const customTerms = useAppState((s) => s.catalog.customTerms);
  const checker = checkerFor(customTerms);
  const p = props.product;
  const currency = p?.currency ?? 'CNY';
  const [sku, setSku] = useState(p?.sku ?? '');
  const [titleZh, setTitleZh] = useState(p?.title.zh ?? '');
  const [titleEn, setTitleEn] = useState(p?.title.en ?? '');
  const [price, setPrice] = useState(p ? minorToDecimal(p.price, currency) : '');
  const [listPrice, setListPrice] = useState(p && p.listPrice !== null ? minorToDecimal(p.listPrice, currency) : '');
  const [stock, setStock] = useState(p?.stock === null || p?.stock === undefined ? '' : String(p.stock));
  const [points, setPoints] = useState((p?.sellingPoints ?? []).join('\n'));
  const [script, setScript] = useState(p?.script ?? '');
  const [scene, setScene] = useState<string | null>(p?.scene ?? null);
  const [preset, setPreset] = useState<CameraPreset | ''>(p?.cameraPreset ?? '');
  const [image, setImage] = useState(p?.image ?? '');
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoneyInput(price, currency);
    const list = listPrice.trim() === '' ? null : parseMoneyInput(listPrice, currency);
    const units = stock.trim() === '' ? null : Number(stock);
    if (minor === null || (listPrice.trim() !== '' && list === null)) return setError(t('cues.badPrice'));
    if (units !== null && !(Number.isInteger(units) && units >= 0)) return setError(t('catalog.edit.badStock'));
    if (image.trim() !== '' && imageSourceOf(image).kind === 'invalid') return setError(t('catalog.edit.badImage'));
    const product: Product = {
      sku: sku.trim(),
      title: { zh: titleZh.trim(), en: titleEn.trim() },
      price: minor,
      listPrice: list,
      currency,
      stock: units,
      sellingPoints: points.split('\n').map((s) => s.trim()).filter(Boolean),
      script,
      image: image.trim() || null,
      tags: p?.tags ?? [],
      scene,
      cameraPreset: preset || null,
    };
    const problem = productProblem(product);
    if (problem || product.sku === '') return setError(problem ?? t('catalog.edit.needSku'));
    setError(null);
    const result = await hub?.send('catalog.upsert', { products: [product] });
    if (result?.ok) props.onClose();
  };

  return (
    <form className="product-editor" data-testid="product-editor" onSubmit={save}>
      <h3>{p ? t('catalog.edit.title', { sku: p.sku }) : t('catalog.edit.new')}</h3>
      <div className="editor-grid">
        <label>
          SKU
          <input data-testid="edit-sku" value={sku} readOnly={p !== null} required onChange={(e) => setSku(e.target.value)} />
        </label>
        <label>
          {t('catalog.edit.titleZh')}
          <input value={titleZh} onChange={(e) => setTitleZh(e.target.value)} />
          <Claims text={titleZh} checker={checker} />
        </label>
        <label>
          {t('catalog.edit.titleEn')}
          <input value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
          <Claims text={titleEn} checker={checker} />
        </label>
        <label>
          {t('catalog.col.price')} ({currency})
          <input data-testid="edit-price" value={price} inputMode="decimal" onChange={(e) => setPrice(e.target.value)} />
        </label>
        <label>
          {t('catalog.col.listPrice')}
          <input value={listPrice} inputMode="decimal" onChange={(e) => setListPrice(e.target.value)} />
        </label>
        <label>
          {t('catalog.col.stock')}
          <input data-testid="edit-stock" value={stock} inputMode="numeric" onChange={(e) => setStock(e.target.value)} />
        </label>
        <label>
          {t('catalog.edit.image')}
          <input data-testid="edit-image" value={image} maxLength={1_000} placeholder={t('catalog.edit.imageHint')} onChange={(e) => setImage(e.target.value)} />
        </label>
        <label>
          {t('catalog.edit.scene')}
          <ScenePicker
            value={scene}
            onChange={setScene}
            ariaLabel={t('catalog.edit.scene')}
            testId="edit-scene"
            labels={{ keep: t('cues.keepScene'), missing: (name) => t('cues.sceneGone', { scene: name }) }}
          />
        </label>
        <label>
          {t('catalog.edit.preset')}
          <PresetPicker value={preset} onChange={setPreset} noneLabel="—" />
        </label>
      </div>
      <label className="wide">
        {t('cues.sellingPoints')} ({t('catalog.edit.onePerLine')})
        <textarea data-testid="edit-points" rows={3} value={points} onChange={(e) => setPoints(e.target.value)} />
        <Claims text={points} checker={checker} />
      </label>
      <label className="wide">
        {t('cues.script')}
        <textarea data-testid="edit-script" rows={5} value={script} onChange={(e) => setScript(e.target.value)} />
        <Claims text={script} checker={checker} />
      </label>
      {error ? <p className="form-error">{error}</p> : null}
      <div className="editor-actions">
        <button type="submit" className="primary" data-testid="edit-save">
          {t('catalog.edit.save')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('catalog.import.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The text again with its banned claims marked, under the field that holds it; nothing when the text is clean. */
function Claims(props: { text: string; checker: ClaimChecker }) {
  const t = useT();
  const hits = useMemo(() => props.checker.check(props.text), [props.checker, props.text]);
  if (hits.length === 0) return null;
  return (
    <span className="claims" data-testid="claims" role="note">
      <span className="claims-label">⚠ {t('catalog.edit.claims', { terms: [...new Set(hits.map((h) => h.term))].join('、') })}</span>
      <span className="claims-text">
        {splitByHits(props.text, hits).map((run, i) => (run.term ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
      </span>
    </span>
  );
}
