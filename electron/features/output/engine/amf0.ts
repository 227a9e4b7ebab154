// AMF0, the value encoding of RTMP's command messages (Adobe's "Action Message Format -- AMF 0" specification):
// just enough to read a command, change a string in it, and write it back byte for byte otherwise.

/** An AMF0 value as read; objects and ECMA arrays keep their keys in order, so writing them back loses nothing. */
export type Amf0Value =
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'object'; entries: [string, Amf0Value][] }
  | { type: 'ecma-array'; entries: [string, Amf0Value][] }
  | { type: 'strict-array'; items: Amf0Value[] }
  | { type: 'date'; ms: number; timezone: number }
  | { type: 'null' }
  | { type: 'undefined' };

const MARKER = { number: 0, boolean: 1, string: 2, object: 3, null: 5, undefined: 6, ecmaArray: 8, objectEnd: 9, strictArray: 10, date: 11, longString: 12 };

/** Thrown for bytes that are not AMF0 this module reads (the caller forwards such a message untouched). */
export class Amf0Error extends Error {}

/** Reads every value of a command message's body. */
export function decodeAmf0(body: Buffer): Amf0Value[] {
  const reader = { body, at: 0 };
  const values: Amf0Value[] = [];
  while (reader.at < body.length) values.push(readValue(reader));
  return values;
}

/** Writes values as AMF0 (long strings where a string is over 65,535 bytes). */
export function encodeAmf0(values: Amf0Value[]): Buffer {
  const parts: Buffer[] = [];
  for (const value of values) writeValue(value, parts);
  return Buffer.concat(parts);
}

/** Shorthand for a string value. */
export function amfString(value: string): Amf0Value {
  return { type: 'string', value };
}

interface Reader {
  body: Buffer;
  at: number;
}

function need(r: Reader, bytes: number): void {
  if (r.at + bytes > r.body.length) throw new Amf0Error('AMF0 value runs past the end of the message');
}

function readUtf8(r: Reader, length: number): string {
  need(r, length);
  const text = r.body.toString('utf8', r.at, r.at + length);
  r.at += length;
  return text;
}

function readShortString(r: Reader): string {
  need(r, 2);
  const length = r.body.readUInt16BE(r.at);
  r.at += 2;
  return readUtf8(r, length);
}

function readEntries(r: Reader): [string, Amf0Value][] {
  const entries: [string, Amf0Value][] = [];
  for (;;) {
    const key = readShortString(r);
    need(r, 1);
    if (key === '' && r.body[r.at] === MARKER.objectEnd) {
      r.at += 1;
      return entries;
    }
    entries.push([key, readValue(r)]);
  }
}

function readValue(r: Reader): Amf0Value {
  need(r, 1);
  const marker = r.body[r.at++];
  switch (marker) {
    case MARKER.number:
      need(r, 8);
      r.at += 8;
      return { type: 'number', value: r.body.readDoubleBE(r.at - 8) };
    case MARKER.boolean:
      need(r, 1);
      return { type: 'boolean', value: r.body[r.at++] !== 0 };
    case MARKER.string:
      return { type: 'string', value: readShortString(r) };
    case MARKER.longString: {
      need(r, 4);
      const length = r.body.readUInt32BE(r.at);
      r.at += 4;
      return { type: 'string', value: readUtf8(r, length) };
    }
    case MARKER.object:
      return { type: 'object', entries: readEntries(r) };
    case MARKER.ecmaArray:
      need(r, 4);
      r.at += 4; // the count is a hint; the entries end with the object-end marker
      return { type: 'ecma-array', entries: readEntries(r) };
    case MARKER.strictArray: {
      need(r, 4);
      const count = r.body.readUInt32BE(r.at);
      r.at += 4;
      const items: Amf0Value[] = [];
      for (let i = 0; i < count; i += 1) items.push(readValue(r));
      return { type: 'strict-array', items };
    }
    case MARKER.date:
      need(r, 10);
      r.at += 10;
      return { type: 'date', ms: r.body.readDoubleBE(r.at - 10), timezone: r.body.readInt16BE(r.at - 2) };
    case MARKER.null:
      return { type: 'null' };
    case MARKER.undefined:
      return { type: 'undefined' };
    default:
      throw new Amf0Error(`AMF0 type ${marker} is not read here`);
  }
}

function writeShortString(text: string, parts: Buffer[]): void {
  const bytes = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bytes.length);
  parts.push(head, bytes);
}

function writeEntries(entries: [string, Amf0Value][], parts: Buffer[]): void {
  for (const [key, value] of entries) {
    writeShortString(key, parts);
    writeValue(value, parts);
  }
  parts.push(Buffer.from([0, 0, MARKER.objectEnd]));
}

/** A type marker followed by a 32-bit length or count (long string, ECMA array, strict array). */
function markerAndCount(marker: number, count: number): Buffer {
  const head = Buffer.alloc(5);
  head[0] = marker;
  head.writeUInt32BE(count, 1);
  return head;
}

function writeValue(value: Amf0Value, parts: Buffer[]): void {
  switch (value.type) {
    case 'number': {
      const b = Buffer.alloc(9);
      b[0] = MARKER.number;
      b.writeDoubleBE(value.value, 1);
      parts.push(b);
      return;
    }
    case 'boolean':
      parts.push(Buffer.from([MARKER.boolean, value.value ? 1 : 0]));
      return;
    case 'string': {
      const bytes = Buffer.from(value.value, 'utf8');
      if (bytes.length <= 0xffff) {
        parts.push(Buffer.from([MARKER.string]));
        writeShortString(value.value, parts);
      } else {
        parts.push(markerAndCount(MARKER.longString, bytes.length), bytes);
      }
      return;
    }
    case 'object':
      parts.push(Buffer.from([MARKER.object]));
      writeEntries(value.entries, parts);
      return;
    case 'ecma-array':
      parts.push(markerAndCount(MARKER.ecmaArray, value.entries.length));
      writeEntries(value.entries, parts);
      return;
    case 'strict-array':
      parts.push(markerAndCount(MARKER.strictArray, value.items.length));
      for (const item of value.items) writeValue(item, parts);
      return;
    case 'date': {
      const b = Buffer.alloc(11);
      b[0] = MARKER.date;
      b.writeDoubleBE(value.ms, 1);
      b.writeInt16BE(value.timezone, 9);
      parts.push(b);
      return;
    }
    case 'null':
      parts.push(Buffer.from([MARKER.null]));
      return;
    case 'undefined':
      parts.push(Buffer.from([MARKER.undefined]));
      return;
  }
}
