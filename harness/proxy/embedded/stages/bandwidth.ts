import { Stage, type Chunk, type Item } from './stage.js';

/**
 * `bandwidth` {rate KB/s, 1 KB = 1000 B}: paces chunks so the direction averages `rate`. A chunk
 * larger than rate × 100 B is cut and sent in rate × 100 B pieces every 100 ms. rate 0 holds data
 * until the toxic changes (Toxiproxy moves nothing at rate 0). Negative rates are refused by the
 * API (real Toxiproxy crashes on them).
 */
export class BandwidthStage extends Stage {
  private held: Chunk | null = null;
  /** Accumulated pacing debt in ms, carried across chunks while the toxic runs. */
  private sleepMs = 0;

  override start(): void {
    this.sleepMs = 0;
  }

  protected handle(item: Item): void {
    if (item === null) {
      this.emit(null);
      return;
    }
    const rate = this.num('rate');
    this.busy = true;
    this.held = item;
    if (rate <= 0) return; // held until interrupted
    this.sleepMs += item.data.length / rate;
    this.step(rate);
  }

  private step(rate: number): void {
    const chunk = this.held!;
    const slice = rate * 100;
    if (chunk.data.length > slice) {
      this.setTimer(100, () => {
        this.emit({ data: chunk.data.subarray(0, slice), t: chunk.t });
        chunk.data = chunk.data.subarray(slice);
        this.sleepMs -= 100;
        this.step(rate);
      });
      return;
    }
    const startedAt = performance.now();
    const finish = (): void => {
      this.sleepMs -= performance.now() - startedAt;
      this.held = null;
      this.emit(chunk);
      this.resume();
    };
    if (this.sleepMs <= 0) finish();
    else this.setTimer(this.sleepMs, finish);
  }

  protected override interrupt(): void {
    if (!this.held) return;
    const chunk = this.held;
    this.held = null;
    this.emit(chunk);
  }
}
