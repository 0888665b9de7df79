/**
 * Follows one direction of a proxied TCP stream and tells where WebSocket frames are.
 *
 * - upstream (client to server): the stream must start with `GET `; after the request head
 *   (`\r\n\r\n`) it is read as frames when the head carried `Upgrade: websocket`.
 * - downstream (server to client): the stream must start with `HTTP/1.`; after the response head
 *   it is read as frames when the status is 101.
 * Anything else (TLS, another protocol, a plain HTTP exchange, a head over 16 KiB) is 'raw' for
 * the rest of the connection. Head bytes are reported as raw pieces as they arrive (never held).
 */
import { FrameReader, type FramePiece } from './ws-frames.js';

export type Direction = 'upstream' | 'downstream';
export type StreamMode = 'detect' | 'http-head' | 'frames' | 'raw';

export type StreamPiece =
  | FramePiece
  | { readonly kind: 'raw'; readonly bytes: Buffer }
  | { readonly kind: 'mode'; readonly mode: StreamMode };

export type StreamSink = (piece: StreamPiece) => void;

const MAX_HEAD_BYTES = 16 * 1024;

export class WsStreamTracker {
  private modeNow: StreamMode = 'detect';
  private head = '';
  private frames = new FrameReader();

  constructor(readonly direction: Direction) {}

  get mode(): StreamMode {
    return this.modeNow;
  }

  /** True when the stream is in frame mode and between two frames. */
  get atFrameBoundary(): boolean {
    return this.modeNow === 'frames' && this.frames.atBoundary;
  }

  push(chunk: Buffer, out: StreamSink): void {
    let pos = 0;
    while (pos < chunk.length) {
      const rest = pos === 0 ? chunk : chunk.subarray(pos);
      if (this.modeNow === 'frames') {
        this.frames.push(rest, out);
        return;
      }
      if (this.modeNow === 'raw') {
        out({ kind: 'raw', bytes: rest });
        return;
      }
      pos += this.scanHead(rest, out);
    }
  }

  clone(): WsStreamTracker {
    const copy = new WsStreamTracker(this.direction);
    copy.modeNow = this.modeNow;
    copy.head = this.head;
    copy.frames = this.frames.clone();
    return copy;
  }

  private switchTo(mode: StreamMode, out: StreamSink): void {
    this.modeNow = mode;
    this.head = '';
    out({ kind: 'mode', mode });
  }

  /** Consumes head bytes from `rest`; returns how many were consumed (at least one). */
  private scanHead(rest: Buffer, out: StreamSink): number {
    const before = this.head.length;
    const room = MAX_HEAD_BYTES + 4 - before;
    this.head += rest.subarray(0, Math.max(0, room)).toString('latin1');
    if (this.modeNow === 'detect') {
      const token = this.direction === 'upstream' ? 'GET ' : 'HTTP/1.';
      if (this.head.length < token.length) {
        if (!token.startsWith(this.head)) {
          this.switchTo('raw', out);
          return this.passRaw(rest, out);
        }
        out({ kind: 'raw', bytes: rest });
        return rest.length;
      }
      if (!this.head.startsWith(token)) {
        this.switchTo('raw', out);
        return this.passRaw(rest, out);
      }
      this.modeNow = 'http-head';
      out({ kind: 'mode', mode: 'http-head' });
    }
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.head.length > MAX_HEAD_BYTES) {
        this.switchTo('raw', out);
        return this.passRaw(rest, out);
      }
      out({ kind: 'raw', bytes: rest });
      return rest.length;
    }
    const consumed = end + 4 - before;
    out({ kind: 'raw', bytes: rest.subarray(0, consumed) });
    const headText = this.head.slice(0, end + 2);
    const isWebSocket =
      this.direction === 'upstream'
        ? /\r\nupgrade:[ \t]*websocket[ \t]*\r\n/i.test(headText)
        : /^HTTP\/1\.[01] 101[ \r]/.test(headText);
    this.switchTo(isWebSocket ? 'frames' : 'raw', out);
    return consumed;
  }

  private passRaw(rest: Buffer, out: StreamSink): number {
    out({ kind: 'raw', bytes: rest });
    return rest.length;
  }
}
