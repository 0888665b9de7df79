import { WsStreamTracker, type StreamPiece } from '../ws-stream.js';
import { Stage, type Attributes, type Item } from './stage.js';
import type { Direction } from '../ws-stream.js';

/**
 * Base of the WebSocket-aware toxics. Each stage follows its own input stream with a
 * WsStreamTracker (a fresh one when the link starts, a copy of the link's output tracker when the
 * toxic is added to a live link), so it knows where frames begin whatever the chunking. Bytes that
 * are not frames (HTTP heads, non-WebSocket traffic) pass untouched. Output produced while handling
 * one chunk is coalesced into one chunk.
 */
export abstract class WsFrameStage extends Stage {
  private outParts: Buffer[] = [];
  private outT = 0;
  private inHandle = false;

  constructor(
    attrs: Attributes,
    direction: Direction,
    protected readonly tracker: WsStreamTracker,
  ) {
    super(attrs, direction);
    this.handlesWhenIdle = true;
  }

  protected handle(item: Item): void {
    if (item === null) {
      this.onEnd();
      return;
    }
    this.inHandle = true;
    this.outT = item.t;
    try {
      this.tracker.push(item.data, (piece) => this.onPiece(piece, item.t));
    } finally {
      this.inHandle = false;
    }
    this.flushOut();
  }

  protected abstract onPiece(piece: StreamPiece, t: number): void;

  protected onEnd(): void {
    this.flushOut();
    this.emit(null);
  }

  /** Queue bytes for output; sent at the end of the current chunk (or at once when idle). */
  protected pass(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.outParts.push(bytes);
    if (!this.inHandle) {
      this.outT = performance.now();
      this.flushOut();
    }
  }

  protected flushOut(): void {
    if (this.outParts.length === 0) return;
    const data = this.outParts.length === 1 ? this.outParts[0]! : Buffer.concat(this.outParts);
    this.outParts = [];
    this.emit({ data, t: this.outT });
  }

  override canSplice(): boolean {
    return super.canSplice() && (this.tracker.mode === 'raw' || this.tracker.atFrameBoundary);
  }
}
