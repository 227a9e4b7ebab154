import type { HubClient } from './hub-client';

/** Why a file could not be fetched from the hub: a message key (shell strings) and its parameters. */
export type TransferProblem = { key: 'transfer.unreachable' } | { key: 'transfer.refused'; status: number };

/**
 * The file name a Content-Disposition header gives: `filename*` (RFC 5987, UTF-8: a Chinese show title) when present
 * and well-formed, else the plain `filename`, else null.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall back to the ASCII name the hub sends beside it.
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(header)?.[1] ?? null;
}

/**
 * Downloads a file the hub serves behind the bearer token (a plain link cannot send the header): fetches it, then
 * saves it under the name the hub gives. Resolves null when saved, else what went wrong.
 */
export async function downloadFromHub(http: HubClient['http'], path: string, fallbackName: string): Promise<TransferProblem | null> {
  let res: Response;
  try {
    res = await fetch(`${http.baseUrl}${path}`, { headers: { Authorization: http.authorization } });
  } catch {
    return { key: 'transfer.unreachable' };
  }
  if (!res.ok) return { key: 'transfer.refused', status: res.status };
  const name = fileNameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
