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

/** What the hub answered an upload: its JSON on success, its own reason when it refused, or why nothing came back. */
export type UploadAnswer<T> = { kind: 'ok'; body: T } | { kind: 'refused'; message: string } | { kind: 'failed'; problem: TransferProblem };

/** Posts a file the user chose to a hub route behind the bearer token; the hub's refusal message is passed on as is. */
export async function uploadToHub<T>(http: HubClient['http'], path: string, body: BodyInit, contentType: string): Promise<UploadAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(`${http.baseUrl}${path}`, { method: 'POST', headers: { Authorization: http.authorization, 'Content-Type': contentType }, body });
  } catch {
    return { kind: 'failed', problem: { key: 'transfer.unreachable' } };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!res.ok || json === null) {
    const message = json?.error?.message;
    return message ? { kind: 'refused', message } : { kind: 'failed', problem: { key: 'transfer.refused', status: res.status } };
  }
  return { kind: 'ok', body: json };
}
