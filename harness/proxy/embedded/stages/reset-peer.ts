import { Stage, type Item } from './stage.js';

/**
 * `reset_peer` {timeout ms}: on the first chunk (or end of stream) in its direction, waits
 * `timeout` ms, then closes the link and drops that data. The close is a TCP RST when the toxic was
 * present when the connection was accepted (the connection then closes with SO_LINGER 0, decided
 * by the connection), a plain FIN otherwise. Once triggered it cannot be interrupted.
 */
export class ResetPeerStage extends Stage {
  protected handle(_item: Item): void {
    this.busy = true;
    this.locked = true;
    this.setTimer(this.num('timeout'), () => this.emit(null));
  }
}
