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
