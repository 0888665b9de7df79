import { encodeClosePayload, encodeFrame, OPCODE } from '../ws-frames.js';
import type { StreamPiece } from '../ws-stream.js';
import type { Attributes } from './stage.js';
import { WsFrameStage } from './ws-frame-stage.js';

/**
 * `ws_close` {code, reason, after ms}: once active on a WebSocket link, writes one close frame
 * (`code`, `reason`; code 0 = a close frame without a status code, which the receiver reports as
 * 1005) into its direction — unmasked downstream (as a server sends), masked with a random key
 * upstream (as a client sends) — at the first frame boundary: at once when the link is between
 * frames, after the frame in progress otherwise; if the handshake is not done yet, right after the
 * head of its direction (downstream: after the 101 response; upstream: after the client's upgrade
 * request, before the server has answered). From then on every further byte in that direction is dropped (nothing may follow a close
 * frame). `after` ms after the injection the TCP connection is closed (FIN both ways, as any link
 * end); `after` = -1 leaves the TCP close to the peers. Frames in the other direction are untouched,
 * so the peer's close reply reaches the other end. Non-WebSocket connections are never touched.
 * Removing the toxic before it fired cancels it; after it fired, the close still happens.
 */
export class WsCloseStage extends WsFrameStage {
  private armed = false;
  private injected = false;

  override start(): void {
    if (this.injected) return;
    this.armed = true;
    this.tryInject();
  }

  protected onPiece(piece: StreamPiece, _t: number): void {
    if (this.injected) return;
    if (piece.kind === 'mode' || piece.kind === 'raw' || piece.kind === 'invalid' || piece.kind === 'header') {
      if (piece.kind !== 'mode') this.pass(piece.bytes);
      this.tryInject();
      return;
    }
    this.pass(piece.bytes);
    if (piece.last) this.tryInject();
  }

  override reconfigure(attrs: Attributes, active: boolean): void {
    if (this.injected) return;
    this.armed = false;
    super.reconfigure(attrs, active);
  }

  override retire(): void {
    if (this.injected) {
      this.retired = true;
      return;
    }
    this.armed = false;
    super.retire();
  }

  override canSplice(): boolean {
    return !this.injected && super.canSplice();
  }

  private tryInject(): void {
    if (!this.armed || this.injected || !this.engaged || !this.tracker.atFrameBoundary) return;
    this.injected = true;
    this.armed = false;
    const payload = encodeClosePayload(this.num('code'), this.str('reason'));
    this.pass(encodeFrame({ opcode: OPCODE.close, payload, mask: this.direction === 'upstream' }));
    const afterMs = this.num('after');
    if (afterMs >= 0) {
      this.setTimer(afterMs, () => {
        this.flushOut();
        this.emit(null);
      });
    }
  }
}
