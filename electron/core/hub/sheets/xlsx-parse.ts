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
  let chars = 0;
  for (const [i, cells] of data.entries()) {
    const texts = cells.map(cellText);
    for (const text of texts) chars += text.length;
    // Checked before the rows leave the worker: a copy of every cell's text goes to the hub.
    if (chars > MAX_SHEET_TEXT_CHARS) return { error: tooMuchText() };
    if (texts.some((t) => t.trim() !== '')) rows.push({ line: i + 1, cells: texts });
  }
  return rows;
}

/**
 * The text of all cells together that one workbook may yield: what the largest CSV the studio takes (20 MiB) could
 * hold. A workbook stores a text once and refers to it from every cell that repeats it, so a file of a few hundred kB
 * can stand for gigabytes of cells; each cell reaches the hub as its own copy.
 */
export const MAX_SHEET_TEXT_CHARS = 20 * 1024 * 1024;

function tooMuchText(): string {
  return `The sheet's cells hold more than ${MAX_SHEET_TEXT_CHARS / 1024 / 1024} million characters of text together (the same long text repeated down many rows?), more than the studio reads from one file. Keep only the columns and rows you need, or split the sheet into several files. Nothing was imported.`;
}

