import { Stage, type Item } from './stage.js';

/**
 * `timeout` {timeout ms}: drops all data in its direction. With timeout > 0 the connection is
 * closed after that long without any chunk (every dropped chunk restarts the clock); 0 never
 * closes (a half-open link). An end of stream is swallowed like data and, as in Toxiproxy, stops
 * the clock. Removing the toxic (or /reset) closes the link (Toxiproxy's Cleanup).
 */
export class TimeoutStage extends Stage {
  override start(): void {
    this.arm();
  }

  protected handle(item: Item): void {
    if (item === null) {
      this.clearTimers();
      return;
    }
    this.arm();
  }

  protected override cleanup(): void {
    this.emit(null);
  }

  private arm(): void {
    this.clearTimers();
    const timeoutMs = this.num('timeout');
    if (timeoutMs > 0) this.setTimer(timeoutMs, () => this.emit(null));
  }
}
