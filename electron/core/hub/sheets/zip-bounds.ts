/**
 * Checks a ZIP (an uploaded .xlsx) before anything unpacks it: how many entries, how large each says it unpacks to, and
 * how large it really unpacks to. A zip bomb (a few MiB that unpack to gigabytes, or sizes that lie) is refused with a
 * sentence instead of taking the studio's memory mid-show. Parsing happens only after this passes.
 */
import { inflateRawSync } from 'node:zlib';
import { SHEET_WORKER_LIMITS } from './sheet-worker-client';

/** What an uploaded workbook may unpack to; a real catalog or shop export is far below. */
export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** All entries together, unpacked. */
  maxTotalBytes: 150 * 1024 * 1024,
  /** One entry, unpacked (a sheet of 100,000 rows is about 30 MiB of XML). */
  maxEntryBytes: 100 * 1024 * 1024,
  /**
   * The XML parts together, unpacked: what the sheet worker reads well within its heap cap (reading takes up to ~5.5
   * times the XML's size). Reaching the cap ends the worker only if no single allocation overshoots it; one that does
   * ends the whole hub, so the cap is a backstop this bound keeps out of reach.
   */
  maxXmlBytes: (SHEET_WORKER_LIMITS.maxHeapMb / 8) * 1024 * 1024,
} as const;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Why the ZIP may not be unpacked, in words for the uploader; null when it is within bounds. */
export function zipBoundsProblem(zip: Buffer, limits = ZIP_LIMITS): string | null {
  const end = findEndOfCentralDirectory(zip);
  if (end < 0) return 'The file is not a complete XLSX workbook (its ZIP directory is missing: the file may be cut short). Save it again and retry.';
  const entries = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) return 'The workbook uses a ZIP64 layout, which a catalog or shop export never needs: save it again from Excel or export it as CSV UTF-8.';
  if (entries > limits.maxEntries) return `The workbook holds ${entries} parts (at most ${limits.maxEntries}): it is not an ordinary export. Export the sheet as CSV UTF-8 and import that.`;
  let at = directoryOffset;
  let total = 0;
  let xml = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return 'The workbook\'s ZIP directory is damaged: save it again from Excel and retry.';
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (declared > limits.maxEntryBytes) return tooLarge(name, declared, limits);
    total += declared;
    if (total > limits.maxTotalBytes) return `The workbook unpacks to more than ${mib(limits.maxTotalBytes)}: it is not an ordinary export. Export only the sheet you need, as CSV UTF-8.`;
    if (/\.(xml|rels)$/i.test(name)) xml += declared;
    if (xml > limits.maxXmlBytes) {
      return `The workbook's sheets unpack to more than ${mib(limits.maxXmlBytes)} of XML, more than the studio reads at once. Split it into several files, or export only the sheet you need as CSV UTF-8.`;
    }
    const actual = unpackedSize(zip, localOffset, method, compressed, declared);
    if (actual === 'lies') return `A part of the workbook (${name}) unpacks to more than it says: the file is damaged or built to harm. Nothing was imported.`;
    if (actual === 'unreadable') return `A part of the workbook (${name}) cannot be unpacked: save the file again from Excel or export it as CSV UTF-8.`;
  }
  return null;
}

/** The entry's real unpacked size, checked against what it declares without ever unpacking more than that. */
function unpackedSize(zip: Buffer, localOffset: number, method: number, compressed: number, declared: number): number | 'lies' | 'unreadable' {
  if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) return 'unreadable';
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  if (start + compressed > zip.length) return 'unreadable';
  const data = zip.subarray(start, start + compressed);
  if (method === 0) return compressed === declared ? declared : 'lies';
  if (method !== 8) return 'unreadable';
  try {
    // One byte more than declared: a stream that fills it says more than it declared.
    const out = inflateRawSync(data, { maxOutputLength: declared + 1 });
    return out.length > declared ? 'lies' : out.length;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'lies' : 'unreadable';
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) if (zip.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function tooLarge(name: string, bytes: number, limits: typeof ZIP_LIMITS): string {
  return `A part of the workbook (${name}) unpacks to ${mib(bytes)} (at most ${mib(limits.maxEntryBytes)}): it is not an ordinary export. Export only the sheet you need, as CSV UTF-8.`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
