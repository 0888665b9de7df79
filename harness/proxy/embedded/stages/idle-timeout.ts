import { Stage, type Item } from './stage.js';

/**
 * `idle_timeout` {timeout ms} (ours): a load balancer's idle timeout. Data passes unchanged;
 * when no chunk has crossed in this direction for `timeout` ms, the connection is closed (a
 * plain TCP close, no WebSocket close frame: the peers see 1006). Every chunk restarts the clock.
 */
export class IdleTimeoutStage extends Stage {
  override start(): void {
    this.arm();
  }

  protected handle(item: Item): void {
    if (item === null) {
      this.clearTimers();
      this.emit(null);
      return;
    }
    this.arm();
    this.emit(item);
  }

  private arm(): void {
    this.clearTimers();
    const timeoutMs = this.num('timeout');
    if (timeoutMs > 0) this.setTimer(timeoutMs, () => this.emit(null));
  }
}
