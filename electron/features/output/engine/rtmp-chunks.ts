// RTMP's chunk stream (Adobe's "Real-Time Messaging Protocol" specification, section 5.3): messages are cut into
// chunks whose headers are compressed against the previous chunk of the same chunk stream. The reader puts messages
// back together; the writer cuts them again with full headers, so a message can change length on the way.

/** One RTMP message with its absolute timestamp (ms, 32 bits). */
export interface RtmpMessage {
  /** The chunk stream it travelled on (2: protocol control; commands and media use their own). */
  chunkStreamId: number;
  timestamp: number;
  typeId: number;
  /** The message stream (0 for connect and protocol control; the id createStream answered for media). */
  streamId: number;
  payload: Buffer;
}

/** Message type ids this proxy acts on. */
export const MESSAGE_TYPE = { setChunkSize: 1, abort: 2, amf0Command: 20 } as const;

/** The chunk size both sides use until one sends Set Chunk Size. */
export const DEFAULT_CHUNK_SIZE = 128;
/** Largest chunk size the protocol allows (31 bits); the reader refuses more, as a broken or hostile peer. */
const MAX_CHUNK_SIZE = 0x7fffffff;
/** Largest message the reader buffers (16 MiB: the 3-byte length field's limit). */
const MAX_MESSAGE = 0xffffff;
const EXTENDED = 0xffffff;

/** Thrown for a chunk stream that breaks the protocol (the connection is dropped). */
export class ChunkStreamError extends Error {}

interface ChunkStreamState {
  timestamp: number;
  /** The last delta read (0 after a type-0 header, as the specification and nginx-rtmp read it). */
  delta: number;
  length: number;
  typeId: number;
  streamId: number;
  hasExtended: boolean;
  /** The message being assembled, or null between messages. */
  parts: Buffer[] | null;
  received: number;
}

/**
 * Reassembles the messages of one direction of an RTMP connection (after the handshake). Feed it bytes as they
 * arrive; it answers the messages completed by them and keeps any partial chunk for the next call.
 */
export class ChunkReader {
  private pending: Buffer = Buffer.alloc(0);
  private chunkSize = DEFAULT_CHUNK_SIZE;
  private readonly streams = new Map<number, ChunkStreamState>();

  /** Adds bytes; returns the messages they complete, in order. Throws ChunkStreamError on a broken stream. */
  push(bytes: Buffer): RtmpMessage[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, bytes]) : bytes;
    const out: RtmpMessage[] = [];
    let at = 0;
    for (;;) {
      const read = this.readChunk(at, out);
      if (read === 0) break;
      at += read;
    }
    this.pending = this.pending.subarray(at);
    return out;
  }

  /** Reads one chunk at `at`; returns its length in bytes, or 0 when the buffer does not hold it whole yet. */
  private readChunk(at: number, out: RtmpMessage[]): number {
    const buf = this.pending;
    if (buf.length <= at) return 0;
    const fmt = buf[at]! >> 6;
    let csid = buf[at]! & 0x3f;
    let p = at + 1;
    if (csid === 0) {
      if (buf.length < p + 1) return 0;
      csid = 64 + buf[p]!;
      p += 1;
    } else if (csid === 1) {
      if (buf.length < p + 2) return 0;
      csid = 64 + buf[p]! + buf[p + 1]! * 256;
      p += 2;
    }
    const headerBytes = [11, 7, 3, 0][fmt]!;
    if (buf.length < p + headerBytes) return 0;
    const previous = this.streams.get(csid);
    if (fmt !== 0 && !previous) throw new ChunkStreamError(`chunk stream ${csid} starts without a full header`);
    const state: ChunkStreamState = previous ?? { timestamp: 0, delta: 0, length: 0, typeId: 0, streamId: 0, hasExtended: false, parts: null, received: 0 };
    let field = 0;
    if (fmt <= 2) field = buf.readUIntBE(p, 3);
    let length = state.length;
    let typeId = state.typeId;
    let streamId = state.streamId;
    if (fmt <= 1) {
      length = buf.readUIntBE(p + 3, 3);
      typeId = buf[p + 6]!;
    }
    if (fmt === 0) streamId = buf.readUInt32LE(p + 7);
    p += headerBytes;
    const hasExtended = fmt <= 2 ? field === EXTENDED : state.hasExtended;
    if (hasExtended) {
      if (buf.length < p + 4) return 0;
      if (fmt <= 2) field = buf.readUInt32BE(p);
      p += 4;
    }
    const isNewMessage = state.parts === null;
    if (!isNewMessage && fmt !== 3) throw new ChunkStreamError(`chunk stream ${csid} starts a message before the last one ended`);
    if (length > MAX_MESSAGE) throw new ChunkStreamError('message too long');
    const remaining = isNewMessage ? length : length - state.received;
    const take = Math.min(remaining, this.chunkSize);
    if (buf.length < p + take) return 0;

    // Only now that the whole chunk is here does the stream's state change.
    if (isNewMessage) {
      if (fmt === 0) {
        state.timestamp = field;
        state.delta = 0;
      } else {
        if (fmt !== 3) state.delta = field;
        state.timestamp = (state.timestamp + state.delta) >>> 0;
      }
      state.length = length;
      state.typeId = typeId;
      state.streamId = streamId;
      state.parts = [];
      state.received = 0;
    }
    state.hasExtended = hasExtended;
    state.parts!.push(Buffer.from(buf.subarray(p, p + take)));
    state.received += take;
    this.streams.set(csid, state);
    if (state.received === state.length) {
      const message: RtmpMessage = { chunkStreamId: csid, timestamp: state.timestamp, typeId: state.typeId, streamId: state.streamId, payload: Buffer.concat(state.parts!) };
      state.parts = null;
      this.onMessage(message);
      out.push(message);
    }
    return p + take - at;
  }

  /** Protocol control this side's reader must obey: a new chunk size, an aborted message. */
  private onMessage(message: RtmpMessage): void {
    if (message.typeId === MESSAGE_TYPE.setChunkSize && message.payload.length >= 4) {
      const size = message.payload.readUInt32BE(0) & MAX_CHUNK_SIZE;
      if (size < 1) throw new ChunkStreamError('chunk size 0');
      this.chunkSize = size;
    } else if (message.typeId === MESSAGE_TYPE.abort && message.payload.length >= 4) {
      const stream = this.streams.get(message.payload.readUInt32BE(0));
      if (stream) stream.parts = null;
    }
  }
}

/** Cuts a message into chunks of `chunkSize`: a full (type 0) header first, then type-3 continuations. */
export function writeChunks(message: RtmpMessage, chunkSize: number): Buffer {
  const { chunkStreamId: csid, payload } = message;
  const basic = csid < 64 ? Buffer.from([csid]) : csid < 320 ? Buffer.from([0, csid - 64]) : Buffer.from([1, (csid - 64) & 0xff, (csid - 64) >> 8]);
  const isExtended = message.timestamp >= EXTENDED;
  const header = Buffer.alloc(11);
  header.writeUIntBE(isExtended ? EXTENDED : message.timestamp, 0, 3);
  header.writeUIntBE(payload.length, 3, 3);
  header[6] = message.typeId;
  header.writeUInt32LE(message.streamId, 7);
  const extended = Buffer.alloc(isExtended ? 4 : 0);
  if (isExtended) extended.writeUInt32BE(message.timestamp >>> 0);
  const parts: Buffer[] = [basic, header, extended];
  // A continuation repeats the extended timestamp (as ffmpeg, librtmp and nginx-rtmp write and read it).
  const continuation = Buffer.concat([Buffer.from([(3 << 6) | basic[0]!]), basic.subarray(1), extended]);
  for (let at = 0; at < payload.length || at === 0; at += chunkSize) {
    if (at > 0) parts.push(continuation);
    parts.push(payload.subarray(at, at + chunkSize));
    if (payload.length === 0) break;
  }
  return Buffer.concat(parts);
}
