import type { IncomingMessage, ServerResponse } from 'node:http';
import { csvField } from '../../electron/core/hub/csv';
import { minorToDecimal } from '../../electron/core/domain/money';
import { sendJson } from '../../electron/core/hub/http/http-api';
import { requestUrl } from '../../electron/core/hub/http/http-body';
import { PAGE_SECURITY_HEADERS, serveStatic } from '../../electron/core/hub/http/static-files';
import { bearerToken } from '../../electron/core/hub/auth/tokens';
import { CONSOLE_POWERS } from '../shared/agency-roles';
import type { Database } from './database';
import { REPORT_GROUPS, type ReportGroup } from '../shared/console-protocol';
import { crossRoomReport, type ReportLine } from './reports';
import { audit, credentialOf } from './tokens';

/** What the HTTP side of a node needs. */
export interface HttpDeps {
  db: Database;
  nodeId: string;
  /** Folder of the built console; null serves the API only. */
  consoleDir: string | null;
  health(): Record<string, unknown>;
}

/**
 * The node's HTTP: `GET /healthz` (for the load balancer: 200 while the database answers), the cross-room reports
 * (`GET /api/v1/reports/<group>.csv|html`, bearer token of a console user, a brand viewer sees only its brand), and
 * the built console.
 */
export async function serveHttp(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const url = requestUrl(req);
  try {
    if (url.pathname === '/healthz') {
      await deps.db.query('SELECT 1');
      return sendJson(res, 200, deps.health());
    }
    const report = /^\/api\/v1\/reports\/([a-z]+)\.(csv|html)$/.exec(url.pathname);
    if (report && req.method === 'GET') return await sendReport(req, res, deps, report[1]!, report[2] as 'csv' | 'html');
    if (deps.consoleDir && serveStatic(deps.consoleDir, req, res)) return;
    sendJson(res, 404, { ok: false, message: `Nothing at ${url.pathname}.` });
  } catch {
    if (!res.headersSent) sendJson(res, 503, { ok: false, node: deps.nodeId, message: 'The agency database is not answering.' });
    else res.destroy();
  }
}

async function sendReport(req: IncomingMessage, res: ServerResponse, deps: HttpDeps, group: string, format: 'csv' | 'html'): Promise<void> {
  const who = await credentialOf(deps.db, bearerToken(req.headers.authorization));
  if (!who || who.role === 'studio') return sendJson(res, 401, { ok: false, message: 'Sign in with a console token (Authorization: Bearer <token>).' });
  if (!(REPORT_GROUPS as readonly string[]).includes(group)) {
    return sendJson(res, 404, { ok: false, message: `There is no "${group}" report. Reports: ${REPORT_GROUPS.join(', ')}.` });
  }
  const brand = CONSOLE_POWERS[who.role].allRooms ? null : (who.brand ?? '');
  const lines = await crossRoomReport(deps.db, group as ReportGroup, brand);
  await audit(deps.db, { actor: who.name, action: 'report.read', target: `${group}.${format}`, outcome: 'ok' });
  const name = `agency-sales-by-${group}.${format}`;
  const body = format === 'csv' ? reportCsv(group, lines) : reportHtml(group, lines);
  res.writeHead(200, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

const HEADERS = ['rooms', 'orders paid', 'units', 'paid', 'refunded', 'net'] as const;

function cells(line: ReportLine): Array<string | number> {
  const amount = (minor: number) => minorToDecimal(minor, line.currency);
  return [line.key, line.currency, line.rooms, line.ordersPaid, line.units, amount(line.paid), amount(line.refunded), amount(line.net)];
}

/** The report as CSV (UTF-8 with a BOM so spreadsheet programs read Chinese names right). */
export function reportCsv(group: string, lines: readonly ReportLine[]): string {
  const rows = [[group, 'currency', ...HEADERS], ...lines.map(cells)];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report as a self-contained HTML page (printable, no scripts). */
export function reportHtml(group: string, lines: readonly ReportLine[]): string {
  const head = [group, 'currency', ...HEADERS].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = lines.map((l) => `<tr>${cells(l).map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sales by ${escapeHtml(group)}</title></head><body><h1>Sales by ${escapeHtml(group)}</h1><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></body></html>`;
}
