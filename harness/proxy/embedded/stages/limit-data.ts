import { Stage, type Item } from './stage.js';

/**
 * `limit_data` {bytes}: forwards at most `bytes` bytes in its direction per connection, then
 * closes. The count survives updates of the toxic (Toxiproxy keeps it as per-link state).
 */
export class LimitDataStage extends Stage {
  private transmitted = 0;

  protected handle(item: Item): void {
    if (item === null) {
      this.emit(null);
      return;
    }
    const limit = this.num('bytes');
    const remaining = Math.max(0, limit - this.transmitted);
    const data = remaining < item.data.length ? item.data.subarray(0, remaining) : item.data;
    if (data.length > 0) {
      this.transmitted += data.length;
      this.emit({ data, t: item.t });
    }
    if (limit - this.transmitted <= 0) this.emit(null);
  }
}
