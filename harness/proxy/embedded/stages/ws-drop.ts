import type { FrameHeader } from '../ws-frames.js';
import { WsSelectStage } from './ws-select-stage.js';

/**
 * `ws_drop` {opcode, json_field, json_value}: matching frames are swallowed whole (a matching
 * first frame of a fragmented message takes its continuation frames with it).
 */
export class WsDropStage extends WsSelectStage {
  protected onActBytes(_bytes: Buffer, _h: FrameHeader, _first: boolean, _last: boolean, _t: number): void {
    // dropped
  }
}
