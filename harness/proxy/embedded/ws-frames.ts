/**
 * RFC 6455 framing: header parsing, an incremental frame reader that copes with frames split
 * across chunks and several frames in one chunk, masking, and frame encoding.
 */
import { randomBytes } from 'node:crypto';

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** Longest possible header: 2 + 8 (64-bit length) + 4 (mask key). */
export const MAX_HEADER_BYTES = 14;

export interface FrameHeader {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  readonly maskKey: Buffer | null;
  readonly payloadLength: number;
  readonly headerLength: number;
}

/** Parses a header at the start of `buf`: the header, 'incomplete', or 'invalid' (length > 2^53). */
export function parseFrameHeader(buf: Buffer): FrameHeader | 'incomplete' | 'invalid' {
  if (buf.length < 2) return 'incomplete';
  const b0 = buf[0]!;
  const b1 = buf[1]!;
  const masked = (b1 & 0x80) !== 0;
  const len7 = b1 & 0x7f;
  const extBytes = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const headerLength = 2 + extBytes + (masked ? 4 : 0);
  if (buf.length < headerLength) return 'incomplete';
  let payloadLength = len7;
  if (len7 === 126) payloadLength = buf.readUInt16BE(2);
  else if (len7 === 127) {
    const big = buf.readBigUInt64BE(2);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) return 'invalid';
    payloadLength = Number(big);
  }
  const maskKey = masked ? Buffer.from(buf.subarray(2 + extBytes, headerLength)) : null;
  return {
    fin: (b0 & 0x80) !== 0,
    rsv1: (b0 & 0x40) !== 0,
    rsv2: (b0 & 0x20) !== 0,
    rsv3: (b0 & 0x10) !== 0,
    opcode: b0 & 0x0f,
    masked,
    maskKey,
    payloadLength,
    headerLength,
  };
}

/** XORs `data` with the mask key, `offset` being the position of data[0] within the payload. */
export function applyMask(data: Buffer, maskKey: Buffer, offset = 0): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ maskKey[(offset + i) & 3]!;
  return out;
}

export interface EncodeFrameOptions {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  /** true = a fresh random key (client to server frames), a Buffer = that key, absent = unmasked. */
  mask?: boolean | Buffer;
}

export function encodeFrame(opts: EncodeFrameOptions): Buffer {
  const payload = opts.payload ?? Buffer.alloc(0);
  const fin = opts.fin ?? true;
  const maskKey = opts.mask === true ? randomBytes(4) : opts.mask instanceof Buffer ? opts.mask : null;
  const len = payload.length;
  const extBytes = len < 126 ? 0 : len < 0x10000 ? 2 : 8;
  const header = Buffer.alloc(2 + extBytes + (maskKey ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | (opts.rsv1 ? 0x40 : 0) | (opts.opcode & 0x0f);
  header[1] = (maskKey ? 0x80 : 0) | (extBytes === 0 ? len : extBytes === 2 ? 126 : 127);
  if (extBytes === 2) header.writeUInt16BE(len, 2);
  else if (extBytes === 8) header.writeBigUInt64BE(BigInt(len), 2);
  if (!maskKey) return Buffer.concat([header, payload]);
  maskKey.copy(header, 2 + extBytes);
  return Buffer.concat([header, applyMask(payload, maskKey)]);
}

/** Close frame payload: empty for code 0 (the receiver reports 1005), else code + UTF-8 reason. */
export function encodeClosePayload(code: number, reason: string): Buffer {
  if (code === 0) return Buffer.alloc(0);
  const reasonBytes = Buffer.from(reason, 'utf8');
  const out = Buffer.alloc(2 + reasonBytes.length);
  out.writeUInt16BE(code, 0);
  reasonBytes.copy(out, 2);
  return out;
}

export type FramePiece =
  | { readonly kind: 'header'; readonly header: FrameHeader; readonly bytes: Buffer }
  /** Payload bytes as on the wire (still masked); `last` marks the end of the frame. */
  | { readonly kind: 'payload'; readonly header: FrameHeader; readonly bytes: Buffer; readonly offset: number; readonly last: boolean }
  /** The stream stopped being parseable (absurd length): everything from here on, untouched. */
  | { readonly kind: 'invalid'; readonly bytes: Buffer };

export type PieceSink = (piece: FramePiece) => void;

/**
 * Incremental reader. Every frame yields one 'header' piece and then one or more 'payload'
 * pieces, the last with `last: true` (a zero-length frame yields one empty last piece).
 */
export class FrameReader {
  private partial: Buffer | null = null;
  private header: FrameHeader | null = null;
  private remaining = 0;
  private offset = 0;
  private broken = false;

  /** True between frames (no partial header, no payload outstanding). */
  get atBoundary(): boolean {
    return !this.broken && this.partial === null && this.header === null;
  }

  get isBroken(): boolean {
    return this.broken;
  }

  push(chunk: Buffer, out: PieceSink): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.broken) {
        out({ kind: 'invalid', bytes: chunk.subarray(pos) });
        return;
      }
      if (this.header) {
        const n = Math.min(this.remaining, chunk.length - pos);
        const bytes = chunk.subarray(pos, pos + n);
        pos += n;
        this.remaining -= n;
        const offset = this.offset;
        this.offset += n;
        const header = this.header;
        const last = this.remaining === 0;
        if (last) this.header = null;
        out({ kind: 'payload', header, bytes, offset, last });
        continue;
      }
      const have = this.partial ? this.partial.length : 0;
      const take = chunk.subarray(pos, pos + MAX_HEADER_BYTES);
      const candidate = this.partial ? Buffer.concat([this.partial, take]) : take;
      const parsed = parseFrameHeader(candidate);
      if (parsed === 'incomplete') {
        this.partial = Buffer.from(candidate);
        pos += take.length;
        continue;
      }
      if (parsed === 'invalid') {
        this.broken = true;
        const rest = chunk.subarray(pos);
        this.partial = null;
        out({ kind: 'invalid', bytes: have ? Buffer.concat([candidate.subarray(0, have), rest]) : rest });
        return;
      }
      const headerBytes = Buffer.from(candidate.subarray(0, parsed.headerLength));
      pos += parsed.headerLength - have;
      this.partial = null;
      // State first, so a consumer asking `atBoundary` from inside `out` gets the truth.
      if (parsed.payloadLength > 0) {
        this.header = parsed;
        this.remaining = parsed.payloadLength;
        this.offset = 0;
      }
      out({ kind: 'header', header: parsed, bytes: headerBytes });
      if (parsed.payloadLength === 0) out({ kind: 'payload', header: parsed, bytes: Buffer.alloc(0), offset: 0, last: true });
    }
  }

  clone(): FrameReader {
    const copy = new FrameReader();
    copy.partial = this.partial ? Buffer.from(this.partial) : null;
    copy.header = this.header;
    copy.remaining = this.remaining;
    copy.offset = this.offset;
    copy.broken = this.broken;
    return copy;
  }
}
