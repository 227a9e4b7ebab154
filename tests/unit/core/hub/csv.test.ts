import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, guardFormula, parseCsvRecords, unguardFormula } from '../../../../electron/core/hub/csv';

// The studio's own CSV reader against csv-parse (node-csv, the widely used parser) as an independent oracle: on any
// well-formed RFC 4180 file both must read the same records. The studio keeps its 50 lines instead of shipping the
// library because it reads what spreadsheets write more leniently (an unclosed quote is reported with its line, not
// thrown) and tracks the line each record starts on for error messages.

const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '"', '""', ',', '\n', '\r\n', '柴烧茶壶', '=1+1', "'+x", 'a,"b"', '¥128.00'),
);
const row = fc.array(cell, { minLength: 1, maxLength: 6 });
const quoteAll = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe('parseCsvRecords', () => {
  it('reads every well-formed CSV exactly as csv-parse does (quotes, commas and line breaks inside fields, CRLF or LF)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = rows.map((r) => r.map(quoteAll).join(',')).join(eol) + eol;
        const ours = parseCsvRecords(text).records.map((r) => r.fields);
        const oracle = (parse(text, { relax_column_count: true }) as string[][]).filter((fields) => fields.some((f) => f.trim() !== ''));
        expect(ours).toEqual(oracle);
      }),
      { numRuns: 300 },
    );
  });

  it('says on which line each record starts, and where a quote was never closed', () => {
    const { records, openQuoteLine } = parseCsvRecords('sku,title\nA,"two\nlines"\n\nB,x\nC,"never closed\n');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'sku'],
      [2, 'A'],
      [5, 'B'],
      [6, 'C'],
    ]);
    expect(openQuoteLine).toBe(6);
  });

  it('writes fields a spreadsheet reads back as text: quoted when needed, formulas neutralised reversibly', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const [record] = parseCsvRecords(`${csvField(text)},end\n`).records;
        if (text.trim() === '' && !record) return; // a blank record is skipped by design
        expect(unguardFormula(record!.fields[0]!)).toBe(text);
      }),
      { numRuns: 300 },
    );
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(guardFormula('-5')).toBe('-5');
    expect(csvField(12_800)).toBe('12800');
  });
});
