import { useEffect, useMemo, useRef, useState } from 'react';
import { formatMoney } from '@shared/core/domain/money';
import {
  MAPPED_FIELDS,
  mappingIndex,
  mappingProblems,
  readMappedRow,
  REQUIRED_MAPPED_FIELDS,
  type ColumnMapping,
  type MappedField,
  type MappingProblem,
} from '@shared/features/catalog/domain/column-mapping';
import type { MappingRequest } from '@shared/features/catalog/protocol/catalog-import';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/use-t';
import { useAppState } from '../../store/store-context';

/** The label of each field in the mapping step. */
const FIELD_LABELS: Record<MappedField, MessageKey> = {
  sku: 'catalog.map.field.sku',
  title: 'catalog.map.field.title',
  variant: 'catalog.map.field.variant',
  price: 'catalog.map.field.price',
  listPrice: 'catalog.map.field.listPrice',
  currency: 'catalog.map.field.currency',
  stock: 'catalog.map.field.stock',
  image: 'catalog.map.field.image',
  sellingPoints: 'catalog.map.field.sellingPoints',
  script: 'catalog.map.field.script',
  tags: 'catalog.map.field.tags',
};

/**
 * The column-mapping step for a shop's own export: one select per product field (pre-set to the hub's guess or the
 * saved mapping), what is missing said in the UI language, and the first rows as they would import (prices as money,
 * cells that cannot be read named). Confirming sends the mapping with the file; the hub remembers it.
 */
export function MappingStep(props: { request: MappingRequest; currency: string; onConfirm: (mapping: ColumnMapping) => void; onCancel: () => void }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const { request } = props;
  const [mapping, setMapping] = useState<ColumnMapping>(request.mapping);
  const root = useRef<HTMLDivElement>(null);
  // The step opens below the file form: bring it into view so the person sees that something is asked. A block body:
  // newer Chromium returns a promise from scrollIntoView, which React would take for the effect's cleanup.
  useEffect(() => {
    root.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const columns = useMemo(() => request.header.map((h) => h.trim()).filter((h) => h !== ''), [request.header]);
  const problems = mappingProblems(mapping, request.header);
  const index = mappingIndex(mapping, request.header);
  const rows = request.sample.map((row) => ({ line: row.line, ...readMappedRow(row.cells, index, mapping, props.currency) }));
  const money = (minor: number | null | undefined, currency: string | undefined) =>
    minor === null || minor === undefined ? t('catalog.none') : formatMoney(minor, currency ?? props.currency, language);
  const problemText = (p: MappingProblem) => {
    const field = t(FIELD_LABELS[p.field]);
    if (p.kind === 'missing') return t('catalog.map.missing', { field });
    if (p.kind === 'unknownColumn') return t('catalog.map.unknownColumn', { field, column: p.column });
    return t('catalog.map.shared', { field, other: t(FIELD_LABELS[p.other]), column: p.column });
  };
  const set = (field: MappedField, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    setMapping(next);
  };

  return (
    <div className="catalog-mapping" data-testid="catalog-mapping" ref={root}>
      <h4>{t('catalog.map.title')}</h4>
      <p className="hint">{t(request.isSaved ? 'catalog.map.savedHint' : 'catalog.map.hint')}</p>
      <div className="mapping-grid">
        {MAPPED_FIELDS.map((field) => (
          <label key={field}>
            <span>
              {t(FIELD_LABELS[field])}
              {REQUIRED_MAPPED_FIELDS.includes(field) ? <em className="required"> {t('catalog.map.required')}</em> : null}
            </span>
            <select value={mapping[field] ?? ''} data-testid={`catalog-map-${field}`} onChange={(e) => set(field, e.target.value)}>
              <option value="">{t('catalog.map.notImported')}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {problems.length > 0 ? (
        <ul className="mapping-problems" role="alert">
          {problems.map((p, i) => (
            <li key={`${p.kind}:${p.field}:${i}`} data-testid="catalog-map-problem">
              {problemText(p)}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t('catalog.map.preview')}</p>
      <div className="catalog-issues">
        <table data-testid="catalog-map-preview">
          <thead>
            <tr>
              <th scope="col">{t('catalog.import.line')}</th>
              <th scope="col">{t('catalog.col.sku')}</th>
              <th scope="col">{t('catalog.col.title')}</th>
              <th scope="col">{t('catalog.col.price')}</th>
              <th scope="col">{t('catalog.col.listPrice')}</th>
              <th scope="col">{t('catalog.col.stock')}</th>
              <th scope="col">{t('catalog.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const v = row.values;
              const title = v.title ? ('zh' in v.title ? v.title.zh : v.title.en) : '';
              return (
                <tr key={row.line} data-testid="catalog-map-row" data-line={row.line}>
                  <td className="num">{row.line}</td>
                  <td>
                    <code>{v.sku ?? ''}</code>
                  </td>
                  <td>{title}</td>
                  <td className="num">{money(v.price, v.currency)}</td>
                  <td className="num">{money(v.listPrice, v.currency)}</td>
                  <td className="num">{v.stock === undefined || v.stock === null ? t('catalog.none') : v.stock}</td>
                  <td>{row.issues.map((i) => i.reason).join('; ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="editor-actions">
        <button type="button" className="primary" data-testid="catalog-map-confirm" disabled={problems.length > 0} onClick={() => props.onConfirm(mapping)}>
          {t('catalog.map.confirm')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('catalog.map.cancel')}
        </button>
      </div>
    </div>
  );
}
