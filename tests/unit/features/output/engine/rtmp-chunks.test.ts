import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkReader, writeChunks, type RtmpMessage } from '../../../../../electron/features/output/engine/rtmp-chunks';

/** Chunks as a publisher compresses them (types 1-3 against the previous header), written here by hand from the spec. */
function compressed(messages: RtmpMessage[], chunkSize: number): Buffer {
  const parts: Buffer[] = [];
  const last = new Map<number, RtmpMessage>();
  for (const m of messages) {
    const prev = last.get(m.chunkStreamId);
    const delta = prev ? m.timestamp - prev.timestamp : -1;
    const fmt = !prev || delta < 0 || m.streamId !== prev.streamId ? 0 : m.typeId !== prev.typeId || m.payload.length !== prev.payload.length ? 1 : 2;
    const field = fmt === 0 ? m.timestamp : delta;
    const header = Buffer.alloc([11, 7, 3][fmt]!);
    header.writeUIntBE(Math.min(field, 0xffffff), 0, 3);
    if (fmt <= 1) {
      header.writeUIntBE(m.payload.length, 3, 3);
      header[6] = m.typeId;
    }
    if (fmt === 0) header.writeUInt32LE(m.streamId, 7);
    const ext = Buffer.alloc(field >= 0xffffff ? 4 : 0);
    if (ext.length) ext.writeUInt32BE(field);
    for (let at = 0; at === 0 || at < m.payload.length; at += chunkSize) {
      parts.push(Buffer.from([((at === 0 ? fmt : 3) << 6) | m.chunkStreamId]), ...(at === 0 ? [header] : []), ext, m.payload.subarray(at, at + chunkSize));
      if (m.payload.length === 0) break;
    }
    last.set(m.chunkStreamId, m);
  }
  return Buffer.concat(parts);
}

const message = (over: Partial<RtmpMessage>): RtmpMessage => ({ chunkStreamId: 4, timestamp: 0, typeId: 9, streamId: 1, payload: Buffer.alloc(0), ...over });

describe('RTMP chunk stream', () => {
  it('reassembles messages split across chunks and across reads, with compressed headers', () => {
    const messages = [
      message({ chunkStreamId: 4, timestamp: 0, typeId: 9, payload: Buffer.alloc(300, 1) }),
      message({ chunkStreamId: 6, timestamp: 10, typeId: 8, payload: Buffer.alloc(20, 2) }),
      message({ chunkStreamId: 4, timestamp: 33, typeId: 9, payload: Buffer.alloc(300, 3) }),
      message({ chunkStreamId: 4, timestamp: 66, typeId: 9, payload: Buffer.alloc(301, 4) }),
    ];
    const bytes = compressed(messages, 128);
    const reader = new ChunkReader();
    const out: RtmpMessage[] = [];
    for (let at = 0; at < bytes.length; at += 7) out.push(...reader.push(bytes.subarray(at, at + 7)));
    expect(out).toEqual(messages);
  });

  it('follows Set Chunk Size, and timestamps past 2^24 ms (a show over 4 h 39 min) in extended fields', () => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(4096);
    const messages = [
      message({ chunkStreamId: 2, typeId: 1, streamId: 0, payload: size }),
      message({ timestamp: 0xffffff + 5, payload: Buffer.alloc(5000, 7) }),
      message({ timestamp: 0xffffff + 40, payload: Buffer.alloc(5000, 8) }),
    ];
    const first = compressed(messages.slice(0, 1), 128);
    const rest = compressed(messages.slice(1), 4096);
    expect(new ChunkReader().push(Buffer.concat([first, rest]))).toEqual(messages);
  });

  it('what the writer cuts, the reader reads back unchanged, for any messages and chunk size', () => {
    const arbMessage = fc.record({
      chunkStreamId: fc.oneof(fc.integer({ min: 2, max: 63 }), fc.integer({ min: 64, max: 65_599 })),
      timestamp: fc.oneof(fc.integer({ min: 0, max: 0xfffffe }), fc.integer({ min: 0xffffff, max: 0xffffffff })),
      typeId: fc.constantFrom(8, 9, 18, 20),
      streamId: fc.integer({ min: 0, max: 5 }),
      payload: fc.uint8Array({ maxLength: 700 }).map((a) => Buffer.from(a)),
    });
    fc.assert(
      fc.property(fc.array(arbMessage, { maxLength: 12 }), fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 97 }), (messages, chunkSize, readSize) => {
        const size = Buffer.alloc(4);
        size.writeUInt32BE(chunkSize);
        const setSize = message({ chunkStreamId: 2, typeId: 1, streamId: 0, payload: size });
        const bytes = Buffer.concat([writeChunks(setSize, 128), ...messages.map((m) => writeChunks(m, chunkSize))]);
        const reader = new ChunkReader();
        const out: RtmpMessage[] = [];
        for (let at = 0; at < bytes.length; at += readSize) out.push(...reader.push(bytes.subarray(at, at + readSize)));
        expect(out).toEqual([setSize, ...messages]);
      }),
    );
  });

  it('refuses a stream that continues a chunk stream it never started', () => {
    expect(() => new ChunkReader().push(Buffer.from([(3 << 6) | 4, 1, 2, 3]))).toThrow(/without a full header/);
  });
});
