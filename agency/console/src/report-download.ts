import type { ReportGroup } from '../../shared/console-protocol';

/** The report's address on the node that served this page. */
export function reportPath(group: ReportGroup, format: 'csv' | 'html'): string {
  return `/api/v1/reports/${group}.${format}`;
}

/** Why a report could not be fetched: the node's sentence when it sent one, else the HTTP status. */
async function failureOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return `HTTP ${response.status}`;
}

/**
 * Fetches a report with the bearer token (a plain link could not carry it) and hands it over: a CSV is saved as a
 * file, an HTML report opens in a new tab (or is saved when the browser blocks the tab). Throws the reason on failure.
 */
export async function downloadReport(group: ReportGroup, format: 'csv' | 'html', token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(reportPath(group, format), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch (err) {
    throw new Error(err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw new Error(await failureOf(response));
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const fileName = `agency-sales-by-${group}.${format}`;
  const opened = format === 'html' ? window.open(url, '_blank') : null;
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  }
  // The new tab or the download has the blob by now; give it a minute before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
