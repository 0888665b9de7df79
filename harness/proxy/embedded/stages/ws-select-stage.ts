import { OPCODE, type FrameHeader } from '../ws-frames.js';
import type { StreamPiece } from '../ws-stream.js';
import { FrameMatcher } from './ws-matcher.js';
import { WsFrameStage } from './ws-frame-stage.js';

type Decision = 'pass' | 'act' | 'buffer';

/**
 * Splits a frame stream into frames the toxic acts on and frames it passes, using FrameMatcher.
 * Decisions are taken at a frame's header (or at its end for JSON conditions) and only while the
 * toxic is engaged; a frame whose header was seen before the toxic changed keeps its decision, and
 * continuation frames keep the decision of their message's first frame, so the stream stays valid.
 */
export abstract class WsSelectStage extends WsFrameStage {
  private decision: Decision | null = null;
  private fragmentMatched = false;
  private buffered: Buffer[] = [];
  private matcherCache: { attrs: unknown; matcher: FrameMatcher } | null = null;

  protected get matcher(): FrameMatcher {
    if (this.matcherCache?.attrs !== this.attrs) this.matcherCache = { attrs: this.attrs, matcher: new FrameMatcher(this.attrs) };
    return this.matcherCache.matcher;
  }

  /** Bytes of a frame the toxic acts on; `first` = its header, `last` = its final bytes. */
  protected abstract onActBytes(bytes: Buffer, h: FrameHeader, first: boolean, last: boolean, t: number): void;

  /** Bytes of a frame that passes. */
  protected onPassBytes(bytes: Buffer, _h: FrameHeader, _first: boolean, _last: boolean, _t: number): void {
    this.pass(bytes);
  }

  /** Bytes that are not frames. */
  protected onRawBytes(bytes: Buffer, _t: number): void {
    this.pass(bytes);
  }

  protected onPiece(piece: StreamPiece, t: number): void {
    switch (piece.kind) {
      case 'mode':
        return;
      case 'raw':
      case 'invalid':
        this.onRawBytes(piece.bytes, t);
        return;
      case 'header':
        this.onHeader(piece.header, piece.bytes, t);
        return;
      case 'payload':
        this.onPayload(piece.header, piece.bytes, piece.last, t);
    }
  }

  private onHeader(h: FrameHeader, bytes: Buffer, t: number): void {
    const isData = h.opcode === OPCODE.text || h.opcode === OPCODE.binary;
    let match: boolean;
    if (h.opcode === OPCODE.continuation) {
      match = this.fragmentMatched || (this.engaged && this.matcher.opcode === OPCODE.continuation);
    } else if (!this.engaged) {
      match = false;
    } else if (this.matcher.needsPayload(h)) {
      this.decision = 'buffer';
      this.buffered = [bytes];
      return;
    } else {
      match = this.matcher.matchHeader(h);
    }
    if (isData && !h.fin) this.fragmentMatched = match;
    this.decision = match ? 'act' : 'pass';
    if (match) this.onActBytes(bytes, h, true, false, t);
    else this.onPassBytes(bytes, h, true, false, t);
  }

  private onPayload(h: FrameHeader, bytes: Buffer, last: boolean, t: number): void {
    const decision = this.decision ?? 'pass'; // payload of a frame that began before this stage existed
    if (decision === 'buffer') {
      this.buffered.push(bytes);
      if (!last) return;
      const [head, ...payload] = this.buffered;
      this.buffered = [];
      const whole = Buffer.concat([head!, ...payload]);
      if (this.engaged && this.matcher.matchPayload(h, Buffer.concat(payload))) this.onActBytes(whole, h, true, true, t);
      else this.onPassBytes(whole, h, true, true, t);
    } else if (decision === 'act') {
      this.onActBytes(bytes, h, false, last, t);
    } else {
      this.onPassBytes(bytes, h, false, last, t);
    }
    if (last) {
      this.decision = null;
      if (h.opcode === OPCODE.continuation && h.fin) this.fragmentMatched = false;
    }
  }
}
