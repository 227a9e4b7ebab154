/**
 * The XLSX parse itself (read-excel-file), run inside the sheet worker (sheet-worker.ts) once the ZIP's bounds were
 * checked on the hub's thread.
 */
import { readSheet } from 'read-excel-file/node';

/** One row of an uploaded sheet: its line (CSV) or sheet row (XLSX), 1-based, and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/**
 * A number cell as the text a person sees in Excel: numbers are read as their stored text (exact), and a stored binary
 * artefact like 19.989999999999998 is shown with 15 significant digits, as Excel does (19.99).
 */
export function numberCellText(raw: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    return Number.isFinite(n) ? String(n) : raw;
  }
  const significant = raw.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return significant.length <= 15 ? raw : String(Number(Number(raw).toPrecision(15)));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(value);
}

/** The first sheet of an XLSX workbook as rows numbered like the sheet (row 1 is the first row); runs in the worker. */
export async function parseXlsxRows(body: Buffer): Promise<SheetRow[] | { error: string }> {
  let data: unknown[][];
  try {
    data = await readSheet<string>(body, { trim: false, parseNumber: numberCellText });
  } catch (err) {
    const reason = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
    return { error: `The XLSX workbook could not be read (${reason}). Save it again from Excel or export it as CSV UTF-8. Nothing was imported.` };
  }
  const rows: SheetRow[] = [];
  data.forEach((cells, i) => {
    const texts = cells.map(cellText);
    if (texts.some((t) => t.trim() !== '')) rows.push({ line: i + 1, cells: texts });
  });
  return rows;
}

