import { OPCODE, type FrameHeader } from '../ws-frames.js';
import { WsSelectStage } from './ws-select-stage.js';

interface Held {
  /** Frame bytes, or null for the end of the stream. */
  bytes: Buffer | null;
  releaseAt: number;
}

/**
 * `ws_delay` {delay ms, opcode, json_field, json_value}: each matching frame is held until the time
 * its first byte was read + `delay`; other frames go on at once (they overtake held ones). To keep
 * the stream valid a close frame, and the end of the stream, never overtake held frames, and
 * anything after such a close frame waits behind it too. An update or removal of the toxic sends
 * every held frame at once.
 */
export class WsDelayStage extends WsSelectStage {
  private held: Held[] = [];
  private collecting: Buffer[] = [];
  private collectingT = 0;
  /** A frame that passes but must queue behind held frames (a close frame or anything after it). */
  private barrierFrame = false;
  private barrier = false;

  protected onActBytes(bytes: Buffer, _h: FrameHeader, first: boolean, last: boolean, t: number): void {
    if (first) this.collectingT = t;
    this.collecting.push(bytes);
    if (!last) return;
    const frame = Buffer.concat(this.collecting);
    this.collecting = [];
    if (!this.engaged && this.held.length === 0) this.pass(frame);
    else this.enqueue(frame, this.engaged ? this.collectingT + this.num('delay') : -Infinity);
  }

  protected override onPassBytes(bytes: Buffer, h: FrameHeader, first: boolean, last: boolean, _t: number): void {
    if (first) this.barrierFrame = this.held.length > 0 && (this.barrier || h.opcode === OPCODE.close);
    if (!this.barrierFrame) {
      this.pass(bytes);
      return;
    }
    this.collecting.push(bytes);
    if (!last) return;
    const frame = Buffer.concat(this.collecting);
    this.collecting = [];
    this.barrier = true;
    this.enqueue(frame, -Infinity);
  }

  protected override onRawBytes(bytes: Buffer, _t: number): void {
    if (this.barrier && this.held.length > 0) this.enqueue(bytes, -Infinity);
    else this.pass(bytes);
  }

  protected override onEnd(): void {
    this.flushOut();
    if (this.held.length === 0) this.emit(null);
    else {
      this.busy = true; // nothing may follow the end; stop pumping
      this.enqueue(null, -Infinity);
    }
  }

  protected override interrupt(): void {
    const all = this.held;
    this.held = [];
    this.barrier = false;
    this.flushOut();
    for (const h of all) this.emit(h.bytes === null ? null : { data: h.bytes, t: performance.now() });
  }

  override canSplice(): boolean {
    return super.canSplice() && this.held.length === 0 && this.collecting.length === 0;
  }

  private enqueue(bytes: Buffer | null, releaseAt: number): void {
    this.held.push({ bytes, releaseAt });
    if (this.held.length === 1) this.schedule();
  }

  private schedule(): void {
    const head = this.held[0];
    if (!head) return;
    this.setTimer(head.releaseAt - performance.now(), () => this.release());
  }

  private release(): void {
    const now = performance.now();
    this.flushOut();
    while (this.held.length > 0 && this.held[0]!.releaseAt <= now + 0.5) {
      const h = this.held.shift()!;
      if (h.bytes === null) {
        this.emit(null);
        return;
      }
      this.emit({ data: h.bytes, t: now });
    }
    if (this.held.length === 0) this.barrier = false;
    else this.schedule();
  }
}
