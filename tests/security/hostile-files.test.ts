import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseXlsxInWorker } from '../../electron/core/hub/sheets/sheet-worker-client';
import { ZIP_LIMITS, zipBoundsProblem } from '../../electron/core/hub/sheets/zip-bounds';
import { generatedCatalogCsv, importCatalog } from '../helpers/catalog';
import { startTestHub, type TestHub } from '../helpers/hub';
import { buildZip } from '../helpers/zip';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MiB = 1024 * 1024;

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${text}`);

/**
 * A workbook as Excel writes it at the least (content types, relationships, one sheet), around a given first sheet;
 * with `sharedStrings`, the table of texts its cells refer to (t="s").
 */
function workbook(sheet: Buffer, extra: Array<{ name: string; data: Buffer; declaredSize?: number }> = [], declaredSheetSize?: number, sharedStrings?: Buffer) {
  const shared = sharedStrings
    ? {
        override: '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
        relationship: '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
        parts: [{ name: 'xl/sharedStrings.xml', data: sharedStrings }],
      }
    : { override: '', relationship: '', parts: [] };
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${shared.override}</Types>`,
      ),
    },
    { name: '_rels/.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    {
      name: 'xl/workbook.xml',
      data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${shared.relationship}</Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: declaredSheetSize },
    ...shared.parts,
    ...extra,
  ]);
}

/** A sheet of `rows` rows of the catalog template (inline strings), valid XML however large. */
function sheetOf(rows: number): Buffer {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const header = `<row r="1">${cell('A1', 'sku')}${cell('B1', 'title_zh')}${cell('C1', 'price')}</row>`;
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}">${cell(`A${i + 2}`, `SKU-X${i}`)}${cell(`B${i + 2}`, '茶')}${cell(`C${i + 2}`, '9.90')}</row>`).join('');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}${body}</sheetData></worksheet>`);
}

/**
 * A small workbook whose `rows` rows of the catalog template all refer to one shared text of `length` characters for
 * the title: the file stays a few hundred kB, its cells add up to rows x length characters.
 */
function repeatedTextWorkbook(rows: number, length: number): Buffer {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c><c r="B1" t="inlineStr"><is><t>title_zh</t></is></c><c r="C1" t="inlineStr"><is><t>price</t></is></c></row>';
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>SKU-R${i}</t></is></c><c r="B${i + 2}" t="s"><v>0</v></c><c r="C${i + 2}"><v>9.9</v></c></row>`).join('');
  const sheet = xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${header}${body}</sheetData></worksheet>`);
  const strings = xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${rows}" uniqueCount="1"><si><t>${'茶'.repeat(length)}</t></si></sst>`);
  return workbook(sheet, [], undefined, strings);
}

// Uploaded workbooks that would take the studio's memory (an XLSX is a ZIP): refused before any parsing, the hub stays
// up, and the catalog imported before is still there.
describe('hostile workbooks against the real hub', () => {
  let hub: TestHub;
  /**
   * The large hostile files, built before the hub starts: seconds of deflating between two requests would let the
   * client's kept-alive connection lapse on the server and the next request meet a reset.
   */
  let lying: Buffer;
  let parts: Buffer;
  beforeAll(async () => {
    // About 50 MiB of valid rows that say they are 2 KiB.
    lying = workbook(sheetOf(300_000), [], 2048);
    parts = workbook(Buffer.from('<worksheet/>'), Array.from({ length: 4 }, (_, i) => ({ name: `xl/media/image${i}.bin`, data: Buffer.alloc(45 * MiB) })));
    hub = await startTestHub();
    const seeded = await importCatalog(hub.url, { token: hub.anchorToken, body: generatedCatalogCsv(3) });
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const expectRefusedAndAlive = async (body: Buffer, said: RegExp) => {
    expect(before).toBeGreaterThan(0);
    const answer = await importCatalog(hub.url, { token: hub.anchorToken, body, contentType: XLSX });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error.message).toMatch(said);
    expect(answer.body.error.message).toContain('Nothing was imported');
    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await productCount()).toBe(before);
  };
  let before = 0;
  const productCount = async () => {
    const catalog = await fetch(`${hub.url}/api/v1/catalog`, { headers: { Authorization: `Bearer ${hub.anchorToken}` } }).then((r) => r.json());
    return (catalog.products as unknown[]).length;
  };
  beforeEach(async () => {
    before = await productCount();
  });

  it('the helper builds workbooks the studio reads: a small one imports', async () => {
    const small = await importCatalog(hub.url, { token: hub.anchorToken, body: workbook(sheetOf(2)), contentType: XLSX });
    expect(small.status, JSON.stringify(small.body)).toBe(200);
    expect(await productCount()).toBe(5);
  });

  it('a sheet that unpacks to gigabytes from a few MiB is refused by its stated size', async () => {
    // A valid sheet whose headers state 1 GiB unpacked: more than any one part may be.
    const bomb = workbook(sheetOf(1000), [], 1024 * MiB);
    expect(bomb.length).toBeLessThan(MiB);
    await expectRefusedAndAlive(bomb, /unpacks to 1024 MiB/);
  });

  it('a part that says it is small but unpacks to far more is refused without unpacking past what it said', async () => {
    await expectRefusedAndAlive(lying, /unpacks to more than it says/);
  });

  it('many small parts adding up past the total, and too many parts, are refused', async () => {
    await expectRefusedAndAlive(parts, /unpacks to more than 150 MiB/);
    const many = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') }));
    await expectRefusedAndAlive(workbook(Buffer.from('<worksheet/>'), many), /parts \(at most 2000\)/);
  });

  it('a few hundred kB whose cells repeat one long text past 20 million characters is refused, not copied into the hub', async () => {
    // Each cell would reach the hub as its own copy: 700 rows x 32,000 characters, 45 MB of text from a 200 kB file.
    const repeated = repeatedTextWorkbook(700, 32_000);
    expect(repeated.length).toBeLessThan(300 * 1024);
    await expectRefusedAndAlive(repeated, /more than 20 million characters of text together.*split the sheet/);
  });

  it('a workbook cut short is refused with what to do', async () => {
    const whole = workbook(Buffer.from('<worksheet/>'));
    await expectRefusedAndAlive(whole.subarray(0, whole.length - 30), /cut short|damaged|could not be read/);
  });
});

// What passes the ZIP bounds is read in a worker thread with a capped heap and a time limit: a workbook that is costly
// to read fails alone, with a sentence. The caps are lowered here so an ordinary-sized sheet meets them.
describe('the sheet worker', () => {
  it('a workbook that needs more memory than one file may take is refused by the heap cap, and the next one reads', async () => {
    // 8.6 MiB of XML needs 32-48 MB to read. V8 ends a worker at its cap only if no single allocation overshoots the
    // slack it grants meanwhile; a 35 MiB sheet under a 64 MB cap ended the whole process once in 15 runs (the XML
    // bound below keeps real uploads from the cap for this reason).
    const big = workbook(sheetOf(50_000));
    const refused = await parseXlsxInWorker(big, { maxHeapMb: 32, timeoutMs: 120_000 });
    expect(refused).toEqual({ error: expect.stringMatching(/needs more than the 32 MB the studio allows for one file.*Nothing was imported/) });
    const small = await parseXlsxInWorker(workbook(sheetOf(2)), { maxHeapMb: 32, timeoutMs: 120_000 });
    expect(small).toEqual([
      { line: 1, cells: ['sku', 'title_zh', 'price'] },
      { line: 2, cells: ['SKU-X0', '茶', '9.90'] },
      { line: 3, cells: ['SKU-X1', '茶', '9.90'] },
    ]);
  }, 120_000);

  it('the XML a workbook may hold (an eighth of the cap) reads within the cap; more is refused before any reading', async () => {
    const cap = { maxHeapMb: 64, timeoutMs: 120_000 };
    const bounds = { ...ZIP_LIMITS, maxXmlBytes: (cap.maxHeapMb / 8) * MiB };
    const atBound = workbook(sheetOf(45_000));
    expect(zipBoundsProblem(atBound, bounds)).toBeNull();
    const rows = await parseXlsxInWorker(atBound, cap);
    expect(Array.isArray(rows) && rows.length).toBe(45_001);
    expect(zipBoundsProblem(workbook(sheetOf(60_000)), bounds)).toMatch(/sheets unpack to more than 8 MiB of XML.*CSV UTF-8/);
  }, 120_000);

  it('a workbook that takes longer than the limit is abandoned with what to do', async () => {
    const answer = await parseXlsxInWorker(workbook(sheetOf(50_000)), { maxHeapMb: 512, timeoutMs: 50 });
    expect(answer).toEqual({ error: expect.stringMatching(/took longer than 0.05 s to read.*CSV UTF-8/) });
  });
});
