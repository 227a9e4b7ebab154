/** One CSV record (row) and the physical line it starts on (1-based), so errors can point into the file. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** What parsing a CSV text gives: its non-blank records, and where an unclosed quote opened (null when none). */
export interface CsvParse {
  records: CsvRecord[];
  /** Line of a quoted field still open at the end of the text: the rest of the file was read into that one field. */
  openQuoteLine: number | null;
}

/**
 * Splits CSV text (RFC 4180: comma separated, quoted fields with doubled quotes, CRLF, LF or CR line ends) into records,
 * each with the physical line it starts on. A quoted field may hold line breaks, so a record can span several lines and
 * the next record's line number counts them. Blank records (every field empty) are dropped but still count as lines.
 * A quote inside an unquoted field is kept as a character, as spreadsheet programs read it.
 */
export function parseCsvRecords(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let isQuoted = false;
  let isFieldStart = true;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    isFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else isQuoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && isFieldStart) {
      isQuoted = true;
      isFieldStart = false;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      isFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      isFieldStart = false;
    }
  }
  if (field !== '' || fields.length > 0 || isQuoted) endRecord();
  return { records, openQuoteLine: isQuoted ? quoteLine : null };
}

/** A leading character that makes a spreadsheet run a cell as a formula (CSV injection), after any apostrophes. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralises a text cell a spreadsheet would run as a formula by prefixing `'`. Numbers stay numbers; text that
 * already starts with apostrophes before such a character gets one more, so {@link unguardFormula} restores it exactly.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

/** Undoes {@link guardFormula}: drops the one apostrophe it added. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** One CSV field as the studio writes it: formula-guarded text, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  const safe = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
