import { Stage, type Chunk, type Item } from './stage.js';

/**
 * `slicer` {average_size, size_variation bytes, delay µs}: splits each chunk into pieces of about
 * average_size ± size_variation (Toxiproxy's recursive halving) and waits `delay` µs after each
 * piece. Node timers have 1 ms resolution, so any delay > 0 is at least 1 ms. The API refuses
 * average_size <= 0 and size_variation outside [0, average_size] (real Toxiproxy crashes).
 */
export class SlicerStage extends Stage {
  private current: Chunk | null = null;
  private cuts: number[] = [];
  private index = 0;

  protected handle(item: Item): void {
    if (item === null) {
      this.emit(null);
      return;
    }
    const cuts = sliceOffsets(item.data.length, this.num('average_size'), this.num('size_variation'));
    const delayUs = this.num('delay');
    if (delayUs <= 0) {
      for (let i = 1; i < cuts.length; i++) this.emit({ data: item.data.subarray(cuts[i - 1], cuts[i]), t: item.t });
      return;
    }
    this.busy = true;
    this.current = item;
    this.cuts = cuts;
    this.index = 1;
    this.sendNext(delayUs);
  }

  private sendNext(delayUs: number): void {
    const chunk = this.current!;
    this.emit({ data: chunk.data.subarray(this.cuts[this.index - 1], this.cuts[this.index]), t: chunk.t });
    this.index++;
    this.setTimer(delayUs / 1000, () => {
      if (this.index < this.cuts.length) this.sendNext(delayUs);
      else {
        this.current = null;
        this.resume();
      }
    });
  }

  protected override interrupt(): void {
    if (!this.current) return;
    const chunk = this.current;
    const from = this.cuts[this.index - 1]!;
    this.current = null;
    if (from < chunk.data.length) this.emit({ data: chunk.data.subarray(from), t: chunk.t });
  }
}

/** Offsets [0, a, b, ..., size]: consecutive pairs delimit the pieces. */
export function sliceOffsets(size: number, averageSize: number, sizeVariation: number): number[] {
  if (size === 0) return [0, 0];
  const out = [0];
  const stack: Array<[number, number]> = [[0, size]];
  while (stack.length > 0) {
    const [start, end] = stack.pop()!;
    if (end - start - averageSize <= sizeVariation) {
      out.push(end);
      continue;
    }
    const offset = sizeVariation > 0 ? Math.floor(Math.random() * sizeVariation * 2) - sizeVariation : 0;
    const mid = Math.min(end - 1, Math.max(start + 1, start + Math.floor((end - start) / 2) + offset));
    stack.push([mid, end], [start, mid]);
  }
  return out;
}
