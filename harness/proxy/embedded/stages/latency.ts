import { Stage, type Chunk, type Item } from './stage.js';

/**
 * `latency` {latency, jitter ms}: each chunk is held until read time + latency ± jitter
 * (jitter drawn per chunk from [-jitter, jitter)); not cumulative across chunks. Interrupted
 * (update/remove), the held chunk goes out at once.
 */
export class LatencyStage extends Stage {
  private held: Chunk | null = null;

  protected handle(item: Item): void {
    if (item === null) {
      this.emit(null);
      return;
    }
    const latencyMs = this.num('latency');
    const jitterMs = this.num('jitter');
    let delayMs = latencyMs;
    if (jitterMs > 0) delayMs += Math.floor(Math.random() * jitterMs * 2) - jitterMs;
    const sleepMs = delayMs - (performance.now() - item.t);
    if (sleepMs <= 0) {
      item.t += sleepMs;
      this.emit(item);
      return;
    }
    this.busy = true;
    this.held = item;
    this.setTimer(sleepMs, () => {
      const chunk = this.held!;
      this.held = null;
      chunk.t += sleepMs;
      this.emit(chunk);
      this.resume();
    });
  }

  protected override interrupt(): void {
    if (!this.held) return;
    const chunk = this.held;
    this.held = null;
    this.emit(chunk);
  }
}
