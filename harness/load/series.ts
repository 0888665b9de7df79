/**
 * The per-second time series of a load run (load.json `series`, the chart's data): for each
 * second since the start, arrivals, opens, failures, messages each way, the connections open at
 * its end, the backend's health count (when the profile has one), the harness's own event-loop
 * lag, and whether the harness was saturated in that second.
 */
export interface SecondSample {
  /** Seconds since the run started (0 = the first second). */
  second: number;
  arrivals: number;
  opened: number;
  failed: number;
  messagesIn: number;
  messagesOut: number;
  /** Connections open at the end of the second. */
  open: number;
  /** The backend's own count (profile.health), when it was read in that second. */
  health?: number;
  /** The harness's worst event-loop delay in that second (ms). */
  lagMaxMs: number;
  saturated: boolean;
}

type Counter = 'arrivals' | 'opened' | 'failed' | 'messagesIn' | 'messagesOut';

export class LoadSeries {
  private readonly samples: SecondSample[] = [];
  private readonly startAt: number;

  constructor(startAt: number) {
    this.startAt = startAt;
  }

  private at(t: number): SecondSample {
    const second = Math.max(0, Math.floor((t - this.startAt) / 1000));
    while (this.samples.length <= second) {
      const prev = this.samples.at(-1);
      this.samples.push({ second: this.samples.length, arrivals: 0, opened: 0, failed: 0, messagesIn: 0, messagesOut: 0, open: prev?.open ?? 0, lagMaxMs: 0, saturated: false });
    }
    return this.samples[second];
  }

  bump(counter: Counter, t: number): void {
    this.at(t)[counter]++;
  }

  setOpen(open: number, t: number): void {
    this.at(t).open = open;
  }

  setHealth(count: number, t: number): void {
    this.at(t).health = count;
  }

  setLag(lagMaxMs: number, saturated: boolean, t: number): void {
    const s = this.at(t);
    s.lagMaxMs = Math.max(s.lagMaxMs, Math.round(lagMaxMs * 100) / 100);
    s.saturated ||= saturated;
  }

  toJSON(): SecondSample[] {
    return this.samples.map((s) => ({ ...s }));
  }
}
