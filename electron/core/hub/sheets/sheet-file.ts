/**
 * Reading a spreadsheet someone uploads (a catalog, a shop's order export): CSV in UTF-8 or GB18030, or the first sheet
 * of an XLSX workbook, into rows of text cells, each with the line or sheet row it came from so errors can point there.
 */
import { parseCsvRecords, unguardFormula } from '../csv';
import { parseXlsxInWorker } from './sheet-worker-client';
import { zipBoundsProblem } from './zip-bounds';

import type { SheetRow } from './xlsx-parse';

export type { SheetRow } from './xlsx-parse';

/** Content type of an XLSX workbook. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The formats an uploaded sheet may be in. */
export type SheetFormat = 'csv' | 'xlsx';

/** An uploaded sheet read into rows (header first), or why it could not be read (the 400 answer). */
export type SheetRead = { format: SheetFormat; rows: SheetRow[] } | { error: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (body: Uint8Array, magic: number[]) => magic.every((b, i) => body[i] === b);

/**
 * Which format a request body is in: XLSX by its ZIP signature (an .xlsx is a ZIP) or its Content-Type, CSV otherwise.
 * A legacy .xls (OLE compound file) and a Content-Type that claims XLSX without a ZIP body are errors.
 */
export function detectFormat(body: Uint8Array, contentType: string | undefined): SheetFormat | { error: string } {
  if (startsWith(body, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(body, OLE_MAGIC)) return { error: 'This is an old Excel .xls file: save it as .xlsx (Excel Workbook) or as CSV UTF-8 and import that. Nothing was imported.' };
  if ((contentType ?? '').toLowerCase().startsWith(XLSX_CONTENT_TYPE)) {
    return { error: 'The request says XLSX but the body is not an XLSX workbook (no ZIP signature). Send the file itself. Nothing was imported.' };
  }
  return 'csv';
}

/**
 * The text of a CSV file: UTF-8 (with or without BOM). A file that is not valid UTF-8 is read as GB18030 (what Chinese
 * Excel writes for "CSV" by default) when it decodes as that; anything else is an error saying how to save the file.
 */
export function decodeCsv(body: Uint8Array): { text: string } | { error: string } {
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) {
    return { error: 'The file is UTF-16 text: in Excel choose "Save as" > "CSV UTF-8 (comma delimited)" and import that. Nothing was imported.' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      return { error: 'The file is neither UTF-8 nor GB18030 text: save it as "CSV UTF-8" (or as .xlsx) and import that. Nothing was imported.' };
    }
  }
  if (text.includes('\u0000')) return { error: 'The file is not a CSV text file (it holds binary data): send a CSV UTF-8 or an .xlsx file. Nothing was imported.' };
  return { text };
}

/** CSV text as rows with their physical line numbers; cells the export guarded against formulas are restored. */
export function csvRows(text: string): SheetRow[] | { error: string } {
  const parsed = parseCsvRecords(text);
  if (parsed.openQuoteLine !== null) {
    return { error: `Line ${parsed.openQuoteLine}: a quoted field is never closed (a " is missing), so the rest of the file is one cell. Nothing was imported.` };
  }
  return parsed.records.map((r) => ({ line: r.line, cells: r.fields.map(unguardFormula) }));
}

/** The first sheet of an XLSX workbook as rows numbered like the sheet (row 1 is the first row). */
export async function xlsxRows(body: Buffer): Promise<SheetRow[] | { error: string }> {
  // Bounds first: a zip bomb must never reach the parser. What passes is parsed in a worker with a memory cap, so a
  // workbook that still needs too much (huge shared strings, deep XML) fails alone instead of taking the hub mid-show.
  const problem = zipBoundsProblem(body);
  if (problem) return { error: `${problem} Nothing was imported.` };
  return parseXlsxInWorker(body);
}

/**
 * Reads an uploaded sheet (CSV or XLSX) into rows, header first, each with its line (CSV) or sheet row (XLSX);
 * `emptyMessage` says what an empty file should have held.
 */
export async function readSheetFile(body: Buffer, contentType: string | undefined, emptyMessage: string): Promise<SheetRead> {
  if (body.length === 0) return { error: emptyMessage };
  const format = detectFormat(body, contentType);
  if (typeof format === 'object') return format;
  if (format === 'xlsx') {
    const rows = await xlsxRows(body);
    return 'error' in rows ? rows : { format, rows };
  }
  const decoded = decodeCsv(body);
  if ('error' in decoded) return decoded;
  const rows = csvRows(decoded.text);
  return 'error' in rows ? rows : { format, rows };
}
