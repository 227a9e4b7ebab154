import {
  CATALOG_EXPORT_PATHS,
  CATALOG_IMPORT_PATH,
  CATALOG_TEMPLATE_PATHS,
  NDJSON_CONTENT_TYPE,
  importResultSchema,
} from '@shared/features/catalog/protocol/catalog-import';
import type { ColumnMapping } from '@shared/features/catalog/domain/column-mapping';
import { downloadFromHub, type TransferProblem } from '../../hub/hub-download';
import type { HubClient } from '../../hub/hub-client';
import { readNdjson, type ImportEvent } from './import-flow';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How to send an import. */
export interface UploadOptions {
  /** Import the valid rows of a file that has bad ones (`?accept=valid`). */
  acceptValid: boolean;
  /** Currency of a Shopify export's prices (and of template rows without one). */
  currency: string;
  /** The column mapping the person confirmed for a shop's own export (the hub saves it for the file's header set). */
  mapping?: ColumnMapping;
  /** Show the column mapping again even when one is saved (`?ask=mapping`), to change it. */
  askMapping?: boolean;
}

/** The content type to send a picked file with (browsers often leave `File.type` empty for CSV). */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  return file.type || 'text/csv';
}

/**
 * Uploads a catalog file with XHR (fetch cannot report upload progress), asking for NDJSON so the hub's parse and save
 * progress arrives while it works. Every step is reported through `onEvent`; the last event is a result or a failure.
 * Returns a function that cancels the request.
 */
export function uploadCatalog(http: HubClient['http'], file: File, options: UploadOptions, onEvent: (event: ImportEvent) => void): () => void {
  const query = new URLSearchParams({ currency: options.currency });
  if (options.acceptValid) query.set('accept', 'valid');
  if (options.mapping) query.set('mapping', JSON.stringify(options.mapping));
  if (options.askMapping) query.set('ask', 'mapping');
  const xhr = new XMLHttpRequest();
  let seen = 0;
  let pending = '';
  let isFinished = false;
  const finish = (event: ImportEvent) => {
    if (isFinished) return;
    isFinished = true;
    onEvent(event);
  };
  const drain = () => {
    const text = xhr.responseText;
    const { events, rest } = readNdjson(pending + text.slice(seen));
    seen = text.length;
    pending = rest;
    for (const event of events) (event.type === 'result' ? finish : onEvent)(event);
  };

  xhr.open('POST', `${http.baseUrl}${CATALOG_IMPORT_PATH}?${query}`);
  xhr.setRequestHeader('Authorization', http.authorization);
  xhr.setRequestHeader('Accept', NDJSON_CONTENT_TYPE);
  xhr.setRequestHeader('Content-Type', contentTypeOf(file));
  xhr.upload.onprogress = (e) => onEvent({ type: 'upload', sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
  xhr.onprogress = () => {
    if (xhr.status === 200) drain();
  };
  xhr.onload = () => {
    if (xhr.status === 200) {
      drain();
      finish({ type: 'failed', message: 'The studio ended the import without a result. Check the catalog, then import the file again.' });
      return;
    }
    // Refused before any work (401, 403, 413, 400): a plain JSON error.
    let message = `The studio answered HTTP ${xhr.status}.`;
    try {
      const parsed = importResultSchema.safeParse(JSON.parse(xhr.responseText));
      if (parsed.success) return finish({ type: 'result', result: parsed.data });
    } catch {
      message = `The studio answered HTTP ${xhr.status} without an explanation.`;
    }
    finish({ type: 'failed', message });
  };
  xhr.onerror = () => finish({ type: 'failed', message: 'Could not reach the studio to upload the file. Check the hub connection and try again.' });
  xhr.onabort = () => finish({ type: 'reset' });
  xhr.send(file);
  return () => xhr.abort();
}

/** Downloads a catalog export (CSV or XLSX). */
export function downloadExport(http: HubClient['http'], format: keyof typeof CATALOG_EXPORT_PATHS): Promise<TransferProblem | null> {
  return downloadFromHub(http, CATALOG_EXPORT_PATHS[format], `catalog.${format}`);
}

/** Downloads the import template with English (`sku, title_zh, ...`) or Chinese (商家编码, 中文标题...) headers. */
export function downloadTemplate(http: HubClient['http'], headerLanguage: keyof typeof CATALOG_TEMPLATE_PATHS): Promise<TransferProblem | null> {
  return downloadFromHub(http, CATALOG_TEMPLATE_PATHS[headerLanguage], headerLanguage === 'zh' ? 'catalog-template.zh-CN.csv' : 'catalog-template.csv');
}
