import { useState } from 'react';
import { useCanSend } from '../../app/use-can-send';
import { useT } from '../../i18n/use-t';
import { useAppState, useHub } from '../../store/store-context';
import { downloadExport } from './catalog-http';
import { CatalogTable } from './catalog-table';
import { ImportDialog } from './import-dialog';
import { ProductEditor } from './product-editor';
import './catalog.css';

/** The product catalog: every product (sku, title, price, list price, stock), export, and import for the anchor and producers. */
export function CatalogDrawer(props: { onClose: () => void }) {
  const t = useT();
  const hub = useHub();
  const count = useAppState((s) => s.catalog.skus.length);
  const isLoaded = useAppState((s) => s.catalog.isLoaded);
  // The import route allows exactly the roles that may edit the catalog by command.
  const canImport = useCanSend('catalog.upsert');
  const [isImporting, setImporting] = useState(false);
  // The product being edited: a sku, '' for a new product, null when the editor is closed.
  const [editing, setEditing] = useState<string | null>(null);
  const bySku = useAppState((s) => s.catalog.bySku);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportAs = async (format: 'csv' | 'xlsx') => {
    if (!hub) return;
    const problem = await downloadExport(hub.http, format);
    setExportError(problem ? t(problem.key, problem) : null);
  };

  return (
    <aside className="drawer catalog-drawer" role="dialog" aria-label={t('catalog.title')} data-testid="catalog-drawer">
      <header className="drawer-head">
        <h2>{t('catalog.title')}</h2>
        <span className="hint" data-testid="catalog-count">
          {t('catalog.count', { count })}
        </span>
        <span className="spacer" />
        {/* The exports carry the scripts: the same roles as the import (the hub checks it again). */}
        {canImport ? (
          <>
            <button type="button" data-testid="catalog-export-csv" disabled={!hub} onClick={() => void exportAs('csv')}>
              {t('catalog.exportCsv')}
            </button>
            <button type="button" data-testid="catalog-export-xlsx" disabled={!hub} onClick={() => void exportAs('xlsx')}>
              {t('catalog.exportXlsx')}
            </button>
          </>
        ) : null}
        {canImport ? (
          <button type="button" data-testid="catalog-new" onClick={() => setEditing('')}>
            {t('catalog.edit.add')}
          </button>
        ) : null}
        {canImport ? (
          <button type="button" data-testid="catalog-open-import" disabled={isImporting} onClick={() => setImporting(true)}>
            {t('catalog.import')}
          </button>
        ) : null}
        <button type="button" onClick={props.onClose}>
          {t('catalog.close')}
        </button>
      </header>
      {exportError ? (
        <p className="catalog-failed" role="alert">
          {t('catalog.exportFailed', { message: exportError })}
        </p>
      ) : null}
      {isImporting && canImport ? <ImportDialog onClose={() => setImporting(false)} /> : null}
      {!isLoaded ? <p className="hint">{t('catalog.loading')}</p> : count === 0 ? <p className="hint">{t('catalog.empty')}</p> : null}
      {editing !== null && canImport ? (
        <ProductEditor key={editing} product={editing ? (bySku[editing] ?? null) : null} onClose={() => setEditing(null)} />
      ) : null}
      <CatalogTable onSelect={canImport ? setEditing : undefined} />
    </aside>
  );
}
