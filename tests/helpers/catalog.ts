import type { Product } from '../../electron/features/catalog/domain/catalog';

/** The header of the catalog template (resources/catalog-template.csv). */
export const TEMPLATE_HEADER = 'sku,title_zh,title_en,price,list_price,currency,stock,selling_points,script,image,tags,scene,camera_preset';

/** A template CSV of `count` generated products (SKU-00001...), prices 1.01, 1.02... so every row differs. */
export function generatedCatalogCsv(count: number): string {
  const rows = [TEMPLATE_HEADER];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(5, '0');
    rows.push(`SKU-${n},商品 ${n},Product ${n},${Math.floor(i / 100) + 1}.${String(i % 100).padStart(2, '0')},,CNY,${i % 50},卖点一|卖点二,讲解 ${n},,标签,,`);
  }
  return rows.join('\r\n') + '\r\n';
}

/** Options of one import request. */
export interface ImportRequest {
  token: string | null;
  body: string | Buffer;
  query?: string;
  contentType?: string;
}

function headers(request: ImportRequest, accept: string): Record<string, string> {
  return {
    Accept: accept,
    'Content-Type': request.contentType ?? 'text/csv; charset=utf-8',
    ...(request.token ? { Authorization: `Bearer ${request.token}` } : {}),
  };
}

/** POSTs a catalog file for a plain JSON answer; returns status and parsed body. */
export async function importCatalog(url: string, request: ImportRequest): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1/catalog/import${request.query ? `?${request.query}` : ''}`, {
    method: 'POST',
    headers: headers(request, 'application/json'),
    body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
  });
  return { status: res.status, body: await res.json() };
}

/** POSTs a catalog file asking for NDJSON progress; returns status, every line parsed, and the content type. */
export async function importCatalogStreamed(url: string, request: ImportRequest): Promise<{ status: number; contentType: string | null; lines: any[] }> {
  const res = await fetch(`${url}/api/v1/catalog/import${request.query ? `?${request.query}` : ''}`, {
    method: 'POST',
    headers: headers(request, 'application/x-ndjson'),
    body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    lines: text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l)),
  };
}

/** GETs the catalog with a bearer token. */
export async function getCatalog(url: string, token: string): Promise<Product[]> {
  const res = await fetch(`${url}/api/v1/catalog`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/v1/catalog answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { products: Product[] }).products;
}

/** GETs an export (`csv` or `xlsx`); returns status, content type and the raw bytes. */
export async function exportCatalog(url: string, token: string | null, format: 'csv' | 'xlsx') {
  const res = await fetch(`${url}/api/v1/catalog/export.${format}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, contentType: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}
